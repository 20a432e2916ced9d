import { capitalised } from '@/lib/format/sentence';
import { formatUtc } from '@/lib/format/time';
import { cutOffInstances, isAnswer, otherInstances, reachingCount } from '@/lib/health/instances';
import type { InstanceVerdict } from '@/lib/health/types';
import { RelativeTime } from './relative-time';
import { dependencyStateLabel } from './status-badge';

/**
 * Several instances of the portal: what each one's latest probe of the dependency found. The
 * row's verdict is the instance that drew this page; when the others disagree, this says whose
 * path is broken, so a page drawn by the one instance that cannot reach Key Vault does not read
 * as Key Vault's outage (nor one drawn by another as all well). Instances that agree (or one
 * alone): nothing to say; `/api/health` lists them all.
 */
export function InstanceSplit({
  label,
  instances,
  now,
  statedAbove = false,
}: {
  label: string;
  instances: InstanceVerdict[];
  now: string;
  /**
   * The row's problem box already says this instance cannot reach it while another does: only
   * the list stays, and what the box does not say (other instances cut off too). A sentence of
   * its own here said it again under the box, after the banner had.
   */
  statedAbove?: boolean;
}) {
  const cutOff = cutOffInstances(instances);
  if (cutOff.length === 0) return null;
  const verdict = splitVerdict(label, instances, statedAbove);
  return (
    <div data-testid="dependency-instances" className="mt-1 text-xs text-slate-500">
      {verdict && (
        <p data-testid="instance-split" className="font-medium text-amber-800">
          {verdict}
        </p>
      )}
      <ul className="flex flex-wrap gap-x-3">
        {instances.map((i) => (
          <li key={i.instance} data-instance-state={i.state} className="break-all">
            {i.instance}
            {i.thisInstance && ' (this one)'}: {dependencyStateLabel(i.state)}
            {!i.thisInstance && (
              <span title={formatUtc(i.checkedAt)}>
                , <RelativeTime iso={i.checkedAt} now={now} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Whose path fails, in words: none where the box above says it and no other instance fails. */
function splitVerdict(
  label: string,
  instances: InstanceVerdict[],
  statedAbove: boolean,
): string | null {
  const cutOff = cutOffInstances(instances);
  const reaching = otherInstances(reachingCount(instances));
  const othersCutOff = cutOff.filter((i) => !i.thisInstance).length;
  if (!cutOff.some((i) => i.thisInstance))
    return instances.some((i) => i.thisInstance && isAnswer(i.state))
      ? `${capitalised(otherInstances(othersCutOff))} cannot reach ${label}; this one can.`
      : `${capitalised(otherInstances(othersCutOff))} cannot reach ${label}; ${reaching} reached it.`;
  if (statedAbove)
    return othersCutOff === 0
      ? null
      : `${capitalised(otherInstances(othersCutOff))} cannot reach ${label} either.`;
  return othersCutOff === 0
    ? `Only this instance's path to ${label} fails: ${reaching} reached it.`
    : `This instance and ${otherInstances(othersCutOff)} cannot reach ${label}; ${reaching} reached it.`;
}
