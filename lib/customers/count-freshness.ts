import type { CustomerCountView } from './customer-count';

/** Within this of the rows' time, the rows' "Data as of" speaks for the count too. */
const sameMomentMs = 60_000;

/**
 * Whether the customers list's freshness line gives the count an age of its own. The count is
 * a walk apart from the page's rows, so it can be older than they are; said beside the total
 * every time ("of 60, counted just now") and again under the table ("Data as of …"), the list
 * stated its freshness twice. So once: the rows' time alone, which covers a count made with
 * them or since; the count's age as well only where it is a minute or more older, or while a
 * newer count runs or waits (the one shown is then the older). Both times are the caches'
 * clock: `dataAsOf` is the request's (lib/customers/request.ts), the count's its walk's.
 */
export function countNeedsOwnAge(count: CustomerCountView | null, dataAsOf: string): boolean {
  if (!count?.done || count.countedAt === null) return false;
  if (count.recount !== null) return true;
  return Date.parse(count.countedAt) <= Date.parse(dataAsOf) - sameMomentMs;
}
