import Link from 'next/link';
import { Pager } from '@/components/customers/pager';
import { UserTable } from '@/components/customers/user-table';
import { EmptyState } from '@/components/ui/empty-state';
import { refreshUserDirectory } from '@/lib/customers/actions';
import { userListHref, type UserListQuery } from '@/lib/customers/list-query';
import type { UserListView } from '@/lib/customers/user-list';
import { formatCount } from '@/lib/format/count';
import { customerUserExportMaxUsers } from '@/lib/partner-center/client';

/**
 * One page of a customer's users (or deleted users) from the walked directory, with its pager
 * ("Page 2 of 5 · users 26–50 of 124": where, what and how many, once) and the directory's
 * freshness beside a Refresh that walks it again.
 */
export function UserResults({
  path,
  query,
  list,
  customerId,
}: {
  path: string;
  query: UserListQuery;
  list: Extract<UserListView, { kind: 'ready' }>;
  customerId: string;
}) {
  const { result } = list;
  const searching = query.q !== '';
  const deleted = query.view === 'deleted';
  const noun = deleted ? 'deleted users' : 'users';
  const links = {
    page: result.page,
    nextHref: result.page < result.pageCount ? userListHref(path, query, result.page + 1) : null,
    previousHref: result.page > 1 ? userListHref(path, query, result.page - 1) : null,
    firstHref: result.page > 1 ? userListHref(path, query, 1) : null,
  };
  const matches = formatCount(result.matches);
  // Past the directory's bound the list holds the first users only: its counts say so.
  const read = formatCount(list.loadedUsers);
  // The directory's size is said here, once: the freshness line below says only when it was read.
  const total = list.truncated
    ? searching
      ? `of ${matches} among the first ${read} ${noun} read`
      : `of the first ${matches} read`
    : searching
      ? `of ${matches} among ${read} ${noun}`
      : `of ${matches}`;
  // The portal pages its own list, so where a page starts is known: "users 26–50 of 124", as
  // the customers list says it.
  const first = (result.page - 1) * query.size + 1;
  const last = first + result.items.length - 1;
  const [one, many] = searching
    ? ['match', 'matches']
    : deleted
      ? ['deleted user', 'deleted users']
      : ['user', 'users'];
  const range = (
    <>
      {result.items.length === 1 ? one : many}{' '}
      <span className="font-semibold text-slate-900">
        {first === last ? formatCount(first) : `${formatCount(first)}–${formatCount(last)}`}
      </span>{' '}
      {total}
    </>
  );
  // The export reads active users past the list's bound, to its own.
  const exportReadsFurther = !deleted && customerUserExportMaxUsers > list.loadedUsers;
  return (
    <>
      {result.items.length === 0 ? (
        <EmptyState
          title={
            searching
              ? 'No users match your search'
              : deleted
                ? 'No deleted users'
                : 'This customer has no users'
          }
          action={
            searching ? (
              <Link
                prefetch={false}
                href={userListHref(path, { view: query.view, size: query.size }, 1)}
                className="text-sm font-medium text-brand-700 hover:underline"
              >
                Clear the search
              </Link>
            ) : undefined
          }
        >
          {searching
            ? noMatchWords(query, list.truncated ? { read, noun, exportReadsFurther } : null)
            : deleted
              ? 'Partner Center lists no deleted users for this customer (deleted users stay for 30 days).'
              : 'Partner Center lists no users in this customer’s directory.'}
        </EmptyState>
      ) : (
        <UserTable customerId={customerId} users={result.items} deleted={deleted} />
      )}
      <Pager links={links} shown={result.items.length} range={range} pageCount={result.pageCount} />
      <form
        action={refreshUserDirectory}
        className="flex flex-wrap items-center gap-3 text-xs text-slate-500"
      >
        <input type="hidden" name="customerId" value={customerId} />
        <input type="hidden" name="view" value={query.view} />
        <input type="hidden" name="q" value={query.q} />
        <input type="hidden" name="field" value={query.field} />
        <input type="hidden" name="size" value={query.size} />
        {/* How many is the pager's to say ("of 124"); said here as well, it read twice. */}
        <p data-testid="directory-freshness">
          {deleted ? 'Deleted users' : 'Users'} read from Partner Center{' '}
          <time dateTime={list.loadedAt}>{list.loadedAgo}</time>; search and paging run on that
          list.
        </p>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium text-slate-700 hover:bg-slate-50"
        >
          Refresh
        </button>
      </form>
    </>
  );
}

/**
 * Why a search found nobody. Over a truncated list that is only among the first users read:
 * the user may be further on, where an export of all users still reads. Not an export of the
 * matches: one whose next match is that far would stop silent (lib/downloads/idle.ts).
 */
function noMatchWords(
  query: UserListQuery,
  truncated: { read: string; noun: string; exportReadsFurther: boolean } | null,
): string {
  const field = query.field === 'upn' ? 'user principal name' : 'display name';
  const none = `No ${field} starts with “${query.q}”`;
  if (!truncated) return `${none}.`;
  const further = truncated.exportReadsFurther
    ? ` To look further, clear the search and export all users: the CSV reads up to ${formatCount(customerUserExportMaxUsers)}.`
    : '';
  return `${none} among the first ${truncated.read} ${truncated.noun} read; Partner Center lists more.${further}`;
}
