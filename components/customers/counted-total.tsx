import type { CustomerCountView } from '@/lib/customers/customer-count';
import { formatCount } from '@/lib/format/count';

/**
 * The partner's customer count as the portal counted it by walking every page, with when;
 * while the walk runs, how far it got. Never Partner Center's per-page `totalCount`.
 */
export function CustomerCount({ facts }: { facts: CustomerCountView }) {
  const n = formatCount(facts.count);
  const text = !facts.done
    ? `Counting customers… ${n} so far`
    : `${facts.truncated ? 'More than ' : ''}${n} customer${facts.count === 1 && !facts.truncated ? '' : 's'}, counted ${facts.countedAgo ?? 'just now'}`;
  return (
    <p
      className="text-sm text-slate-600"
      data-testid="customer-count"
      data-done={facts.done ? 'true' : 'false'}
    >
      {text}
      {!facts.done && <span className="text-slate-500"> (reload to see the total)</span>}
      {facts.recount === 'running' && <span className="text-slate-500"> · counting again now</span>}
      {facts.recount === 'waiting' && (
        <span className="text-slate-500">
          {' '}
          · Partner Center asked the portal to wait before counting again
        </span>
      )}
    </p>
  );
}
