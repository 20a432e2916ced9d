import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { AutoRefresh } from '@/components/health/auto-refresh';
import { PageHeading } from '@/components/customers/page-heading';
import { Problem } from '@/components/customers/problem';
import { SearchForm } from '@/components/customers/search-form';
import { RetriedNotice } from '@/components/customers/status-notices';
import {
  DirectoryAnnouncement,
  DirectoryBusy,
  DirectoryProgress,
  UserViewTabs,
} from '@/components/customers/user-views';
import { ExportFailurePanel } from '@/components/customers/export-failure-panel';
import { UserResults } from '@/components/customers/user-results';
import { ExportLink } from '@/components/ui/export-link';
import { KeptNotice } from '@/components/ui/kept-notice';
import { recallExportFailure } from '@/lib/customers/export-failure';
import { startedAnExport, stoppedExport } from '@/lib/customers/stopped-export';
import { parseUserListQuery, userListHref, type RawSearchParams } from '@/lib/customers/list-query';
import { customerUsersTitle } from '@/lib/customers/page-titles';
import { customerForRender, requestForRender } from '@/lib/customers/render-loads';
import { settle } from '@/lib/customers/settle';
import { loadUserList } from '@/lib/customers/user-list';
import { customerName } from '@/lib/partner-center/labels';
import { isGuid } from '@/lib/validation/guid';

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawSearchParams>;
}): Promise<Metadata> {
  return customerUsersTitle((await params).id, parseUserListQuery(await searchParams));
}

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
    request.reader,
  );
  // When the list failed after the customer was read (the read is cached for this render, so
  // this asks nothing again), the failure still says whose users they were.
  const whose =
    settled.kind === 'ok'
      ? customerName(settled.value.customer)
      : await customerForRender(id).then(customerName, () => null);
  const crumbs = [
    { label: 'Customers', href: '/customers' },
    ...(whose ? [{ label: whose, href: `/customers/${id}` }] : []),
    { label: 'Users' },
  ];
  if (settled.kind !== 'ok') {
    const users = query.view === 'deleted' ? 'Deleted users' : 'Users';
    return (
      <div className="space-y-6">
        <PageHeading
          crumbs={crumbs}
          title={whose ? `${users} of ${whose}` : users}
          // Not even the customer could be read: its id, which the steps' "select this customer"
          // in Partner Center needs.
          subtitle={
            !whose &&
            isGuid(id) && (
              <>
                Customer ID{' '}
                <span data-testid="customer-id" className="font-mono text-xs">
                  {id}
                </span>
              </>
            )
          }
        />
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
            <ExportLink
              href={exportHref}
              filtered={query.q !== ''}
              detail={
                query.q
                  ? `users of ${customerName(customer)} whose ${query.field === 'upn' ? 'user principal name' : 'display name'} starts with ${query.q}`
                  : `every user of ${customerName(customer)}`
              }
            />
          )
        }
      />
      {/* Read once from the address, which a walk's AutoRefresh renders again every 2 s. */}
      <KeptNotice keptWhile={typeof raw.exportFailure === 'string' ? raw.exportFailure : undefined}>
        {exportFailure && <ExportFailurePanel failure={exportFailure} exportHref={exportHref} />}
      </KeptNotice>
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
      <DirectoryAnnouncement list={list} deleted={deleted} />
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
