import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CustomerResults } from '@/components/customers/customer-results';
import { PageHeading } from '@/components/customers/page-heading';
import { SearchForm } from '@/components/customers/search-form';
import { CustomerResultsSkeleton } from '@/components/customers/skeletons';
import {
  hiddenWithoutGrantClass,
  withoutGrantScopeClass,
} from '@/components/customers/status-notices';
import { listHref, parseCustomerListQuery, type RawSearchParams } from '@/lib/customers/list-query';

export const metadata: Metadata = { title: 'Customers' };

/**
 * The partner's customers: search by company name or domain prefix, paged through
 * continuation tokens in the URL. The heading and the search form are sent at once, usable
 * while Partner Center answers; the results stream in when it has. No loading.tsx: this page
 * is its own loading state (a boundary around it rendered a second, full-page skeleton). When
 * the results say Partner Center is not connected (or needs consent again), the search, which
 * could find nothing, goes (status-notices.tsx).
 */
export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const query = parseCustomerListQuery(await searchParams);
  return (
    <div className={`${withoutGrantScopeClass} space-y-6`}>
      <PageHeading
        crumbs={[]}
        title="Customers"
        subtitle={
          <>
            Customers of your partner tenant in Partner Center.
            <span className={hiddenWithoutGrantClass}>
              {' '}
              Search finds names or domains that start with your text.
            </span>
          </>
        }
      />
      <div className={hiddenWithoutGrantClass} data-testid="customer-search">
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
      </div>
      {/* Keyed by the query: another search or page shows the skeleton, not the old rows. */}
      <Suspense
        key={listHref('/customers', query, query.cursor)}
        fallback={<CustomerResultsSkeleton />}
      >
        <CustomerResults query={query} />
      </Suspense>
    </div>
  );
}
