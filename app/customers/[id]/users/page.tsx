import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { AutoRefresh } from '@/components/health/auto-refresh';
import { PageHeading } from '@/components/customers/page-heading';
import { Pager } from '@/components/customers/pager';
import { Problem } from '@/components/customers/problem';
import { SearchForm } from '@/components/customers/search-form';
import { RetriedNotice } from '@/components/customers/status-notices';
import { EmptyState } from '@/components/ui/empty-state';
import { UserTable } from '@/components/customers/user-table';
import { DirectoryBusy, DirectoryProgress, UserViewTabs } from '@/components/customers/user-views';
import { ExportFailurePanel } from '@/components/customers/export-failure-panel';
import { refreshUserDirectory } from '@/lib/customers/actions';
import { recallExportFailure } from '@/lib/customers/export-failure';
import { startedAnExport, stoppedExport } from '@/lib/customers/stopped-export';
import {
  parseUserListQuery,
  userListHref,
  type RawSearchParams,
  type UserListQuery,
} from '@/lib/customers/list-query';
import { customerForRender, requestForRender } from '@/lib/customers/render-loads';
import { settle } from '@/lib/customers/settle';
import { loadUserList } from '@/lib/customers/user-list';
import { formatCount } from '@/lib/format/count';
import { customerName } from '@/lib/partner-center/labels';

export const metadata: Metadata = { title: 'Customer users' };

/**
 * A customer's users (or deleted users): walked from Partner Center once, then searched by
 * display name or UPN prefix and paged here; with a streaming CSV export.
 */
export default async function CustomerUsersPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { id } = await params;
  const request = await requestForRender();
  const raw = await searchParams;
  const query = parseUserListQuery(raw);
  const exportFailure = await recallExportFailure(raw.exportFailure, request.user);
  const path = `/customers/${id}/users`;
  // Read beside the list: an export the reader started earlier that stopped mid-download.
  const lastExport =
    exportFailure || query.view === 'deleted' || !startedAnExport(await cookies())
      ? null
      : stoppedExport(request.user, id);
  // The customer first: an unknown id is a 404 before any user call.
  const settled = await settle(
    request.correlationId,
    async () => {
      const customer = await customerForRender(id);
      return { customer, list: await loadUserList(request, customer.id, query) };
    },
    'customer-users',
  );
  const crumbs = [
    { label: 'Customers', href: '/customers' },
    ...(settled.kind === 'ok'
      ? [{ label: customerName(settled.value.customer), href: `/customers/${id}` }]
      : []),
    { label: 'Users' },
  ];
  if (settled.kind !== 'ok') {
    return (
      <div className="space-y-6">
        <PageHeading crumbs={crumbs} title="Users" />
        <Problem
          settled={settled}
          isAdmin={request.user.roles.includes('admin')}
          retryHref={userListHref(path, query, query.page)}
        />
      </div>
    );
  }
  const { customer, list } = settled.value;
  const deleted = query.view === 'deleted';
  const stopped = await lastExport;
  const exportHref = userListHref(
    `/api/customers/${customer.id}/users/export`,
    { q: query.q, field: query.field },
    1,
  );
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={crumbs}
        title={`${deleted ? 'Deleted users' : 'Users'} of ${customerName(customer)}`}
        subtitle={customer.domain}
        actions={
          !deleted && (
            // No `download` attribute: a failure before the file starts comes back to this
            // page with its reason (lib/customers/export-failure.ts), not as a failed download.
            <a
              href={exportHref}
              className="inline-flex rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
              data-testid="export-csv"
            >
              {query.q ? 'Export matches (CSV)' : 'Export all (CSV)'}
              <span className="sr-only">
                {query.q
                  ? `: users of ${customerName(customer)} whose ${query.field === 'upn' ? 'user principal name' : 'display name'} starts with ${query.q}`
                  : `: every user of ${customerName(customer)}`}
              </span>
            </a>
          )
        }
      />
      {exportFailure && <ExportFailurePanel failure={exportFailure} exportHref={exportHref} />}
      {stopped && (
        <ExportFailurePanel failure={stopped.failure} exportHref={exportHref} stopped={stopped} />
      )}
      <UserViewTabs path={path} view={query.view} />
      <SearchForm
        action={path}
        q={query.q}
        size={query.size}
        field={query.field}
        fieldOptions={{ name: 'Display name', upn: 'User principal name' }}
        label={deleted ? 'Search deleted users' : 'Search users'}
        formLabel="Find users"
        placeholder={query.field === 'upn' ? 'e.g. adele@' : 'e.g. Adele'}
        hidden={deleted ? { view: 'deleted' } : undefined}
      />
      <RetriedNotice retries={request.retries()} />
      {list.kind === 'loading' ? (
        <>
          <DirectoryProgress
            usersRead={list.usersRead}
            pagesRead={list.pagesRead}
            waitSeconds={list.waitSeconds}
          />
          <AutoRefresh seconds={2} />
        </>
      ) : list.kind === 'busy' ? (
        <DirectoryBusy retryHref={userListHref(path, query, query.page)} />
      ) : (
        <UserResults path={path} query={query} list={list} customerId={customer.id} />
      )}
    </div>
  );
}

function UserResults({
  path,
  query,
  list,
  customerId,
}: {
  path: string;
  query: UserListQuery;
  list: Extract<Awaited<ReturnType<typeof loadUserList>>, { kind: 'ready' }>;
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
  const total = searching
    ? `of ${formatCount(result.matches)} matching ${noun}`
    : `of ${formatCount(result.matches)} ${noun}`;
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
            ? `No ${query.field === 'upn' ? 'user principal name' : 'display name'} starts with “${query.q}”.`
            : deleted
              ? 'Partner Center lists no deleted users for this customer (deleted users stay for 30 days).'
              : 'Partner Center lists no users in this customer’s directory.'}
        </EmptyState>
      ) : (
        <UserTable customerId={customerId} users={result.items} deleted={deleted} />
      )}
      <Pager links={links} shown={result.items.length} total={total} pageCount={result.pageCount} />
      <form
        action={refreshUserDirectory}
        className="flex flex-wrap items-center gap-3 text-xs text-slate-500"
      >
        <input type="hidden" name="customerId" value={customerId} />
        <input type="hidden" name="view" value={query.view} />
        <input type="hidden" name="q" value={query.q} />
        <input type="hidden" name="field" value={query.field} />
        <input type="hidden" name="size" value={query.size} />
        <p data-testid="directory-freshness">
          {list.truncated ? 'First ' : ''}
          {formatCount(list.loadedUsers)} {noun} read from Partner Center{' '}
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
