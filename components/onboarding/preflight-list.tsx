import { BreakableProse } from '@/components/ui/breakable';
import type { PreflightCheck } from '@/lib/onboarding/preflight';
import { RawDetail } from './raw-detail';
import { StatusBadge } from './status-badge';

/**
 * A check's row. A phone gives the text the whole width under the verdict and title: beside an
 * 80 px badge column it had about 200 px, a word or a GUID a line. From `sm` the verdicts stand
 * in a column of their own. Shared with the loading state's rows (./skeletons.tsx).
 */
export const checkRowClass =
  'grid grid-cols-[5rem_minmax(0,1fr)] gap-x-3 gap-y-0.5 py-3 text-sm sm:gap-x-4';

/** Each configuration check with its verdict and, when it needs one, the fix. */
export function PreflightList({ checks }: { checks: PreflightCheck[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="preflight-checks">
      {checks.map((check) => (
        <li
          key={check.id}
          // A phone gives the text the whole width under the verdict and title: beside an 80 px
          // badge column it had about 200 px, a word or a GUID a line. From `sm` the verdicts
          // stand in a column of their own.
          className="grid grid-cols-[5rem_minmax(0,1fr)] gap-x-3 gap-y-0.5 py-3 text-sm sm:gap-x-4"
          data-check={check.id}
          data-status={check.status}
        >
          {/* "Action" only when there is something to do; an info check without a fix is a note. */}
          <StatusBadge
            status={check.status}
            label={check.status === 'info' && !check.fix ? 'Note' : undefined}
            className="mt-0.5 w-20 self-start sm:row-span-2"
          />
          <p className="min-w-0 font-medium break-words text-slate-900">{check.title}</p>
          <div className="col-span-2 min-w-0 break-words sm:col-span-1 sm:col-start-2">
            <p className="text-slate-600">
              <BreakableProse text={check.summary} />
            </p>
            {check.fix && (
              <p className="mt-1 text-slate-700">
                <span className="font-medium">Fix: </span>
                <BreakableProse text={check.fix} />
              </p>
            )}
            {check.steps && check.steps.length > 0 && (
              <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
                {check.steps.map((step) => (
                  <li key={step} className="break-words">
                    {step}
                  </li>
                ))}
              </ul>
            )}
            <RawDetail detail={check.detail} correlationId={check.correlationId} />
          </div>
        </li>
      ))}
    </ul>
  );
}
