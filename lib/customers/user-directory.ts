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
 * most 12 lists and 250,000 users in all (about 140 MB, and up to 28 MB more once they were
 * searched by both fields: `keysOfLists`); beyond that the least recently used
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

/**
 * The directory walk (cached, running or new) of one customer's active or deleted users;
 * `beforeStart` runs only when a new walk starts, and may refuse it by throwing (the person's
 * Partner Center calls a minute: lib/customers/person-budget.ts).
 */
export function userDirectory(
  tenantId: string,
  client: PartnerCenterClient,
  customerId: string,
  view: UserView,
  beforeStart?: () => void,
): Walk<CustomerUser> {
  return directories.walk(
    keyOf(tenantId, customerId, view),
    async (walk) => {
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
    },
    beforeStart,
  );
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

/** The normalised prefix a search looks for (`searchKey` of the trimmed query). */
function searchPrefix(q: string): string {
  return searchKey(q.trim());
}

/**
 * The last query `matchesUserSearch` normalised: a CSV export calls it once per streamed user
 * with the same search, and normalising the query again for each of 100,000 users cost as
 * much as normalising the users themselves. One entry, so it holds one query string at most.
 */
let lastQuery: { q: string; prefix: string } | undefined;

/**
 * Whether `user` matches the list's search: a case-insensitive prefix of display name or UPN,
 * compared after Unicode normalisation (`searchKey`); an empty search matches all.
 */
export function matchesUserSearch(
  user: CustomerUser,
  search: { field: UserSearchField; q: string },
): boolean {
  if (lastQuery?.q !== search.q) lastQuery = { q: search.q, prefix: searchPrefix(search.q) };
  return searchKey(search.field === 'upn' ? user.userPrincipalName : user.displayName).startsWith(
    lastQuery.prefix,
  );
}

/**
 * One field's search keys of a list, by position: `keys[i]` is the key of `users[i]`, the user
 * at `i` when it was computed.
 */
interface FieldKeys {
  users: CustomerUser[];
  keys: string[];
}

/**
 * The search keys of each walked list, per field, computed at its first search by that field
 * and reused by every later one: normalising 100,000 names on every search cost tens of
 * milliseconds of CPU per request (bench/search-cost.ts), so a person or a script looping
 * searches could load an instance; with the keys kept, a search is a pass of `startsWith`
 * (about 1 ms). Keyed by the list array (a WeakMap): the keys go when the list goes (dropped,
 * expired, or replaced by a Refresh, which walks into a new array), and a list costs one
 * entry, not one per user (a WeakMap keyed by each user took about twice the memory, and its
 * look-ups made a search several times slower). Parallel arrays: 16 bytes a user and field,
 * plus the key string where NFKC and lowercasing change the text (V8 returns the same string
 * when they change nothing, as for a lowercase ASCII UPN): about 14 MB for 250,000 users
 * searched by name, 28 MB by both fields (bench/search-cost.ts), beside the 140 MB the lists
 * themselves may hold.
 */
const keysOfLists = new WeakMap<
  readonly CustomerUser[],
  Partial<Record<UserSearchField, FieldKeys>>
>();

/**
 * Case-insensitive, normalised prefix search by display name or UPN, then one page of the
 * matches. The query is normalised once, the users' keys come from the list's kept ones
 * (`searchKeysOf`), and only the page's users are collected: a broad prefix ("a") matches most
 * of a big list, and gathering all its matches only to slice 25 of them was most of a search's
 * remaining cost.
 */
export function searchUsers(
  users: readonly CustomerUser[],
  search: { field: UserSearchField; q: string },
  page: number,
  size: number,
): UserSearchPage {
  const asked = Math.max(1, page);
  if (!search.q.trim()) {
    const pageCount = Math.max(1, Math.ceil(users.length / size));
    const current = Math.min(asked, pageCount);
    const items = users.slice((current - 1) * size, current * size);
    return { items, page: current, pageCount, matches: users.length };
  }
  const prefix = searchPrefix(search.q);
  const keys = searchKeysOf(users, search.field);
  const from = (asked - 1) * size;
  const onAskedPage: CustomerUser[] = [];
  // The matches since the last page boundary: the last page, for a page asked past the end.
  let onLastPage: CustomerUser[] = [];
  let matches = 0;
  for (let i = 0; i < users.length; i += 1) {
    if (!keys[i]!.startsWith(prefix)) continue;
    if (matches % size === 0) onLastPage = [];
    onLastPage.push(users[i]!);
    if (matches >= from && matches < from + size) onAskedPage.push(users[i]!);
    matches += 1;
  }
  const pageCount = Math.max(1, Math.ceil(matches / size));
  const current = Math.min(asked, pageCount);
  return { items: current === asked ? onAskedPage : onLastPage, page: current, pageCount, matches };
}

/**
 * The list's `field` keys, by position, computed at its first search by that field and kept.
 * A key is reused while the same user object is at its position: a list still being read
 * grows and a failed one is emptied (walk-cache.ts), so whatever changed since the last search
 * is normalised again, and only that. Comparing the objects, not their names, keeps the
 * check off the users themselves (reading 100,000 objects scattered over the heap cost more
 * than the search); the users are Partner Center's answers, never changed in place.
 */
function searchKeysOf(users: readonly CustomerUser[], field: UserSearchField): readonly string[] {
  let ofList = keysOfLists.get(users);
  if (!ofList) keysOfLists.set(users, (ofList = {}));
  const known = (ofList[field] ??= { users: [], keys: [] });
  for (let i = 0; i < users.length; i += 1) {
    const user = users[i]!;
    if (known.users[i] !== user) {
      known.users[i] = user;
      known.keys[i] = searchKey(field === 'upn' ? user.userPrincipalName : user.displayName);
    }
  }
  // A list emptied or shortened since does not keep its former users alive here.
  known.users.length = known.keys.length = users.length;
  return known.keys;
}
