import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CustomerResults } from '@/components/customers/customer-results';
import { CustomerSearch, customerSearchHint } from '@/components/customers/customer-search';
import { PageHeading } from '@/components/customers/page-heading';
import { CustomerResultsSkeleton } from '@/components/customers/skeletons';
import {
  hiddenWithoutGrantClass,
  withoutGrantScopeClass,
} from '@/components/customers/status-notices';
import { knownWithoutGrant } from '@/lib/customers/grant-known';
import { listHref, parseCustomerListQuery, type RawSearchParams } from '@/lib/customers/list-query';
import { customersTitle } from '@/lib/customers/page-titles';

export async function generateMetadata({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}): Promise<Metadata> {
  return customersTitle(parseCustomerListQuery(await searchParams));
}

/**
 * The partner's customers: search by company name or domain prefix, paged through
 * continuation tokens in the URL. The heading and the search form are sent at once, usable
 * while Partner Center answers; the results stream in when it has. No loading.tsx: this page
 * is its own loading state (a boundary around it rendered a second, full-page skeleton).
 *
 * A search that could find nothing is not offered without a Partner Center grant. Where the
 * token service already knows there is none (memory only, lib/customers/grant-known.ts), the
 * page is sent without it: sent and then hidden, it flashed up and vanished. Otherwise it is
 * sent, and hidden once the results say so (status-notices.tsx).
 */
export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const query = parseCustomerListQuery(await searchParams);
  const searchSent = !(await knownWithoutGrant());
  return (
    <div className={`${withoutGrantScopeClass} space-y-6`}>
      <PageHeading
        crumbs={[]}
        title="Customers"
        subtitle={
          <>
            Customers of your partner tenant in Partner Center.
            {searchSent && <span className={hiddenWithoutGrantClass}> {customerSearchHint}</span>}
          </>
        }
      />
      {searchSent && <CustomerSearch query={query} className={hiddenWithoutGrantClass} />}
      {/* Keyed by the query: another search or page shows the skeleton, not the old rows. */}
      <Suspense
        key={listHref('/customers', query, query.cursor)}
        fallback={<CustomerResultsSkeleton />}
      >
        <CustomerResults query={query} searchSent={searchSent} />
      </Suspense>
    </div>
  );
}
