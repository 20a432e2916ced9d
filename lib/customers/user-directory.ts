import 'server-only';
import type { CustomerUser, PartnerCenterClient, RetryEvent, UserView } from '@/lib/partner-center';
import { cacheNow } from './cache-clock';
import { WalkCache, type Walk } from './walk-cache';

/**
 * A customer's users, walked once and searched here: Partner Center cannot search a
 * customer's users (its only documented user filter is "deleted"), so the portal reads the
 * seek pages in the background, keeps the list per partner tenant + customer + view with
 * its time, and searches and pages that list itself.
 */

/** 200 pages of 500: a customer beyond 100,000 users is searched over its first 100,000. */
export const userDirectoryPageBound = 200;
const pageSize = 500;

/**
 * 50,000 users take about 27 MB of server memory (bench/pages.ts; docs/performance.md): at
 * most 12 lists and 250,000 users in all (about 140 MB); beyond that the least recently used
 * finished lists go. Lists still being walked stay (see WalkCache's eviction); a walk whose
 * next page would take the running ones past 250,000 users fails with WalkBudgetError (its
 * page asks to try again shortly) rather than grow the heap: three customers of 90,000 users
 * read at once would otherwise hold 270,000. Both bounds are shared fairly between partner
 * tenants (`holderOf`): a partner opening more lists than its share of the 12, or holding more
 * than its share of the users, drops its own finished lists first, not another partner's
 * (whose next visit would read up to 200 pages again); only when that cannot free enough
 * users do other finished lists go, least recently used first, as memory is the hard bound.
 * And a partner within its share of the users stops the largest list of one above it, so one
 * partner's large lists never make another's "busy".
 */
const directories = new WalkCache<CustomerUser>({
  ttlMs: 10 * 60_000,
  maxEntries: 12,
  maxItems: 250_000,
  holderOf: (key) => key.slice(0, key.indexOf('\n')),
  now: cacheNow,
});

function keyOf(tenantId: string, customerId: string, view: UserView): string {
  return [tenantId, customerId.toLowerCase(), view].join('\n');
}

/** The directory walk (cached, running or new) of one customer's active or deleted users. */
export function userDirectory(
  tenantId: string,
  client: PartnerCenterClient,
  customerId: string,
  view: UserView,
): Walk<CustomerUser> {
  return directories.walk(keyOf(tenantId, customerId, view), async (walk) => {
    // A throttled page waits (up to 2 minutes when Partner Center says so): the users page
    // says why no more users come in meanwhile. Any other retry is no such wait.
    const onRetry = (event: RetryEvent) => {
      walk.pausedUntil = event.reason === 'throttled' ? Date.now() + event.delayMs : null;
    };
    // A walk's pages (`customerUserPages`): the walk timeouts and throttling waits, Partner
    // Center's next links followed as sent, and a repeated next link fails the walk (one user
    // listed 200 times is wrong).
    const pages = client.customerUserPages(customerId, { size: pageSize, view, onRetry });
    for await (const page of pages) {
      walk.pausedUntil = null;
      directories.keep(walk, page.items);
      walk.pages += 1;
      walk.truncated = page.continuationToken !== null;
      if (walk.pages >= userDirectoryPageBound) break;
    }
  });
}

/**
 * How old a walked list must be before a Refresh reads it again. A walk costs up to 200
 * Partner Center calls from the quota the partner's colleagues share, and a list read seconds
 * ago is what Partner Center says now (its page shows when it was read): a repeated click, or
 * a script looping on Refresh over customers, must not spend that quota again and again.
 */
export const userDirectoryRefreshMinAgeMs = 30_000;

/**
 * Refresh: the next `userDirectory` call walks the pages again, unless they were just read.
 * Whether it will (false: the list stays as it is).
 */
export function forgetUserDirectory(tenantId: string, customerId: string, view: UserView): boolean {
  return directories.forget(keyOf(tenantId, customerId, view), userDirectoryRefreshMinAgeMs);
}

export type UserSearchField = 'name' | 'upn';

export interface UserSearchPage {
  items: CustomerUser[];
  /** 1-based; clamped to the last page. */
  page: number;
  pageCount: number;
  /** Users matching the search in the walked list (all of them without a search). */
  matches: number;
}

/**
 * Text as the user search compares it. NFKC first: Partner Center may hold "é" decomposed
 * (e + U+0301, as macOS and some sync tools write it) while browsers send it composed, and
 * NFKC also folds compatibility forms a person cannot tell apart on screen (full-width
 * letters from an IME, the "ﬁ" ligature of a pasted name), where NFC would keep them apart.
 * Lowercase second, so both sides go through the same steps in the same order.
 */
function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Whether `user` matches the list's search: a case-insensitive prefix of display name or UPN,
 * compared after Unicode normalisation (`searchKey`); an empty search matches all.
 */
export function matchesUserSearch(
  user: CustomerUser,
  search: { field: UserSearchField; q: string },
): boolean {
  const prefix = searchKey(search.q.trim());
  return searchKey(search.field === 'upn' ? user.userPrincipalName : user.displayName).startsWith(
    prefix,
  );
}

/** Case-insensitive, normalised prefix search by display name or UPN, then one page of the matches. */
export function searchUsers(
  users: readonly CustomerUser[],
  search: { field: UserSearchField; q: string },
  page: number,
  size: number,
): UserSearchPage {
  const matching = search.q.trim() ? users.filter((u) => matchesUserSearch(u, search)) : users;
  const pageCount = Math.max(1, Math.ceil(matching.length / size));
  const current = Math.min(Math.max(1, page), pageCount);
  return {
    items: matching.slice((current - 1) * size, current * size),
    page: current,
    pageCount,
    matches: matching.length,
  };
}
