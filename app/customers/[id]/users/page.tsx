import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/customers/page-heading';
import { Pager } from '@/components/customers/pager';
import { Problem } from '@/components/customers/problem';
import { SearchForm } from '@/components/customers/search-form';
import { DataAsOf, EmptyState, RejectedCursorNotice, RetriedNotice } from '@/components/customers/status-notices';
import { UserTable } from '@/components/customers/user-table';
import { listHref, parseUserListQuery, type RawSearchParams } from '@/lib/customers/list-query';
import { loadUserList } from '@/lib/customers/loaders';
import { customerRequest } from '@/lib/customers/request';
import { settle } from '@/lib/customers/settle';

export const metadata: Metadata = { title: 'Customer users' };

/** A customer's users, searchable by display name or UPN prefix, with a streaming CSV export. */
export default async function CustomerUsersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  const { id } = await params;
  const request = await customerRequest();
  const query = parseUserListQuery(await searchParams);
  const path = `/customers/${id}/users`;
  // The customer first: an unknown id is a 404 before any user call.
  const settled = await settle(request.correlationId, async () => {
    const customer = await request.client.getCustomer(id);
    return { customer, list: await loadUserList(request, customer.id, query) };
  });
  const crumbs = [{ label: 'Customers', href: '/customers' }, ...(settled.kind === 'ok' ? [{ label: settled.value.customer.companyName || 'Customer', href: `/customers/${id}` }] : []), { label: 'Users' }];
  if (settled.kind !== 'ok') {
    return (
      <div className="space-y-6">
        <PageHeading crumbs={crumbs} title="Users" />
        <Problem settled={settled} isAdmin={request.user.roles.includes('admin')} retryHref={listHref(path, query, query.cursor)} />
      </div>
    );
  }
  const { customer, list } = settled.value;
  const searching = query.q !== '';
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={crumbs}
        title={`Users of ${customer.companyName || 'this customer'}`}
        subtitle={customer.domain}
        actions={
          <a href={`/api/customers/${customer.id}/users/export`} download className="inline-flex rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50" data-testid="export-csv">
            Export CSV<span className="sr-only"> of every user of {customer.companyName}</span>
          </a>
        }
      />
      <SearchForm action={path} q={query.q} size={query.size} field={query.field} fieldOptions={{ name: 'Display name', upn: 'User principal name' }} label="Search users" formLabel="Find users" placeholder={query.field === 'upn' ? 'e.g. adele@' : 'e.g. Adele'} />
      <RetriedNotice retries={request.retries()} />
      {list.rejectedCursor && <RejectedCursorNotice />}
      {list.page.items.length === 0 ? (
        <EmptyState
          title={searching ? 'No users match your search' : 'This customer has no users'}
          action={searching ? <Link href={listHref(path, { size: query.size }, undefined)} className="text-sm font-medium text-brand-700 hover:underline">Clear the search</Link> : undefined}
        >
          {searching ? `No ${query.field === 'upn' ? 'user principal name' : 'display name'} starts with “${query.q}”.` : 'Partner Center lists no users in this customer’s directory.'}
        </EmptyState>
      ) : (
        <UserTable customerId={customer.id} users={list.page.items} />
      )}
      <Pager links={list.links} shown={list.page.items.length} totalCount={list.page.totalCount} noun={searching ? 'matching users' : 'users'} />
      <DataAsOf fetchedAt={list.page.fetchedAt} />
    </div>
  );
}
