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
      {facts.recount && <span className="text-slate-500"> · {recountWords[facts.recount]}</span>}
    </p>
  );
}

/** Beside an earlier count: why it is not newer (an old count's age alone read as stopped). */
const recountWords = {
  running: 'counting again now',
  waiting: 'Partner Center asked the portal to wait before counting again',
} as const;

/**
 * What a page of the customer list holds, read as one statement with the partner's count:
 * "customers 26–50 of 60". The range is certain: the page's link carries how many customers
 * the earlier pages showed (`itemsBefore`; without it, "25 shown"). The total is the count's, a
 * separate walk over every page: it says when it is a lower bound or still running, and is
 * "of" the range only where it can be: beside a search it is left out (it counts all
 * customers, not the matches), and beside a page that already goes past it (the list grew
 * since) it stands apart as what the last count found. Its age is not here: the list's
 * freshness line says it, where it differs from the rows' (`CountAge`).
 */
export function CustomerRange({
  itemsBefore,
  shown,
  searching,
  count,
}: {
  itemsBefore: number | null;
  /** Customers on this page. */
  shown: number;
  searching: boolean;
  count: CustomerCountView | null;
}) {
  const total = searching ? null : count;
  if (itemsBefore === null || shown === 0)
    return (
      <>
        {shown} shown
        {total && (
          <>
            {' · '}
            <CountBeside count={total} inAll />
          </>
        )}
      </>
    );
  const first = itemsBefore + 1;
  const last = itemsBefore + shown;
  const [one, many] = searching ? ['match', 'matches'] : ['customer', 'customers'];
  const noun = shown === 1 ? one : many;
  const range = first === last ? formatCount(first) : `${formatCount(first)}–${formatCount(last)}`;
  const ofRange = total?.done && (total.truncated || last <= total.count);
  return (
    <>
      {noun} <span className="font-semibold text-slate-900">{range}</span>
      {total &&
        (ofRange ? (
          <>
            {' '}
            <span data-testid="customer-count" data-done="true">
              of {total.truncated ? 'more than ' : ''}
              {formatCount(total.count)}
            </span>
          </>
        ) : (
          <>
            {' · '}
            <CountBeside count={total} inAll={false} />
          </>
        ))}
    </>
  );
}

/**
 * The pager's `range` for a page of the customer list, and whether it already says that more
 * pages follow: "customers 1–25 of 60" (the pager then leaves out its "more pages follow").
 */
export function pagerRange(page: Parameters<typeof CustomerRange>[0]) {
  const { itemsBefore, shown, searching, count } = page;
  return {
    range: <CustomerRange {...page} />,
    rangeSaysMore:
      !searching && !!count?.done && itemsBefore !== null && itemsBefore + shown < count.count,
  };
}

/**
 * The count as a fact of its own: still running, or what it found: the total where nothing on
 * the page contradicts it (`inAll`), else what the last count found.
 */
function CountBeside({ count, inAll }: { count: CustomerCountView; inAll: boolean }) {
  const n = formatCount(count.count);
  return (
    <span data-testid="customer-count" data-done={count.done ? 'true' : 'false'}>
      {count.done ? (
        <>
          {count.truncated ? 'more than ' : ''}
          {n} customer{count.count === 1 && !count.truncated ? '' : 's'}{' '}
          {inAll ? 'in all' : 'when last counted'}
        </>
      ) : (
        <>
          counting all customers… {n} so far
          <span className="text-slate-500"> (reload to see the total)</span>
        </>
      )}
    </span>
  );
}

/**
 * The count's age, for the list's freshness line when it is not the rows' own
 * (lib/customers/count-freshness.ts): "customers counted 20 min ago (counting again now)".
 */
export function CountAge({ count }: { count: CustomerCountView }) {
  return (
    <span data-testid="count-age">
      customers counted {count.countedAgo ?? 'just now'}
      {count.recount && <> ({recountWords[count.recount]})</>}
    </span>
  );
}
