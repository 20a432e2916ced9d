import type { Metadata } from 'next';
import Link from 'next/link';
import { CustomerTable } from '@/components/customers/customer-table';
import { PageHeading } from '@/components/customers/page-heading';
import { CustomerCount } from '@/components/customers/counted-total';
import { Pager } from '@/components/customers/pager';
import { Problem } from '@/components/customers/problem';
import { SearchForm } from '@/components/customers/search-form';
import {
  DataAsOf,
  RejectedCursorNotice,
  RetriedNotice,
} from '@/components/customers/status-notices';
import { EmptyState } from '@/components/ui/empty-state';
import { refreshPartnerCenterData } from '@/lib/customers/actions';
import { customerCountView } from '@/lib/customers/customer-count';
import { listHref, parseCustomerListQuery, type RawSearchParams } from '@/lib/customers/list-query';
import { loadCustomerList } from '@/lib/customers/loaders';
import { customerRequest } from '@/lib/customers/request';
import { settle } from '@/lib/customers/settle';

export const metadata: Metadata = { title: 'Customers' };

/** The partner's customers: search by company name or domain prefix, paged through continuation tokens in the URL. */
export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const request = await customerRequest();
  const query = parseCustomerListQuery(await searchParams);
  const settled = await settle(request.correlationId, () => loadCustomerList(request, query));
  const searching = query.q !== '';
  // Unfiltered lists show the honest count: walked in the background, cached per partner tenant.
  const count =
    !searching && settled.kind === 'ok'
      ? await customerCountView(request.tenantId, request.client)
      : null;
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={[]}
        title="Customers"
        subtitle="Customers of your partner tenant in Partner Center. Search finds names or domains that start with your text."
      />
      <SearchForm
        action="/customers"
        q={query.q}
        size={query.size}
        field={query.field}
        fieldOptions={{ name: 'Company name', domain: 'Domain' }}
        label="Search customers"
        formLabel="Find customers"
        placeholder={query.field === 'domain' ? 'e.g. contoso.onmicrosoft' : 'e.g. Contoso'}
      />
      {settled.kind !== 'ok' ? (
        <Problem
          settled={settled}
          isAdmin={request.user.roles.includes('admin')}
          retryHref={listHref('/customers', query, query.cursor)}
        />
      ) : (
        <>
          <RetriedNotice retries={request.retries()} />
          {settled.value.rejectedCursor && <RejectedCursorNotice />}
          {settled.value.page.items.length === 0 ? (
            <EmptyState
              title={searching ? 'No customers match your search' : 'No customers yet'}
              action={
                searching ? (
                  <Link
                    href={listHref('/customers', { size: query.size }, undefined)}
                    className="text-sm font-medium text-brand-700 hover:underline"
                  >
                    Clear the search
                  </Link>
                ) : undefined
              }
            >
              {searching
                ? `No customer's ${query.field === 'domain' ? 'domain' : 'company name'} starts with “${query.q}”. Search matches the beginning of the text only.`
                : 'Partner Center lists no customers for your partner tenant.'}
            </EmptyState>
          ) : (
            <CustomerTable customers={settled.value.page.items} />
          )}
          <Pager links={settled.value.links} shown={settled.value.page.items.length} />
          {count && <CustomerCount facts={count} />}
          <DataAsOf
            fetchedAt={settled.value.page.fetchedAt}
            refresh={{
              action: refreshPartnerCenterData,
              returnTo: listHref('/customers', query, query.cursor),
            }}
          />
        </>
      )}
    </div>
  );
}
