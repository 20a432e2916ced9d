import Link from 'next/link';
import { CountAge, pagerRange } from '@/components/customers/counted-total';
import { CustomerSearch } from '@/components/customers/customer-search';
import { CustomerTable } from '@/components/customers/customer-table';
import { Pager } from '@/components/customers/pager';
import { Problem } from '@/components/customers/problem';
import {
  DataAsOf,
  RejectedCursorNotice,
  RetriedNotice,
} from '@/components/customers/status-notices';
import { EmptyState } from '@/components/ui/empty-state';
import { refreshPartnerCenterData } from '@/lib/customers/actions';
import { countNeedsOwnAge } from '@/lib/customers/count-freshness';
import { customerCountView } from '@/lib/customers/customer-count';
import { customerPageBody } from '@/lib/customers/empty-page';
import { listHref, type CustomerListQuery } from '@/lib/customers/list-query';
import { loadCustomerList } from '@/lib/customers/loaders';
import { customerRequest } from '@/lib/customers/request';
import { settle } from '@/lib/customers/settle';

/**
 * One page of the partner's customers for `query`, or what went wrong: the part of the
 * customers page that waits for Partner Center. Under the table, two lines that each say a
 * thing once: where the page is and what it holds of the count ("Page 2 · customers 26–50 of
 * 60"), then how fresh that is, with Refresh.
 */
export async function CustomerResults({
  query,
  searchSent = true,
}: {
  query: CustomerListQuery;
  /**
   * Whether the page sent its search form. It leaves it out where the token service last found
   * no grant (lib/customers/grant-known.ts); that may be stale (a consent through another
   * instance), and results that come after all bring the search themselves.
   */
  searchSent?: boolean;
}) {
  const request = await customerRequest();
  const settled = await settle(
    request.correlationId,
    () => loadCustomerList(request, query),
    'customers',
    request.reader,
  );
  // The search the page left out, wherever a page that sent it would have kept it: all but
  // the re-consent prompt, which hides it (status-notices.tsx).
  const lateSearch = !searchSent && settled.kind !== 'reconsent' && (
    <CustomerSearch query={query} withHint />
  );
  if (settled.kind !== 'ok')
    return (
      <>
        {lateSearch}
        <Problem
          settled={settled}
          isAdmin={request.user.roles.includes('admin')}
          retryHref={listHref('/customers', query, query.cursor)}
        />
      </>
    );
  const searching = query.q !== '';
  const { page, links, rejectedCursor, itemsBefore } = settled.value;
  // Unfiltered lists show the honest count: walked in the background, cached per partner tenant.
  // A search's matches are not counted: the count of all customers says nothing about them.
  const count = searching ? null : await customerCountView(request.tenantId, request.client);
  const range = { itemsBefore, shown: page.items.length, searching, count };
  const body = customerPageBody({
    shown: page.items.length,
    page: links.page,
    morePages: page.continuationToken !== null,
    searching,
  });
  return (
    <>
      {lateSearch}
      <RetriedNotice retries={request.retries()} />
      {rejectedCursor && <RejectedCursorNotice />}
      {body.kind === 'table' ? (
        <CustomerTable customers={page.items} />
      ) : body.kind === 'empty-page' ? (
        <EmptyState title="No customers on this page">
          {body.morePages
            ? 'Partner Center sent this page empty but says more pages follow: the pager below goes on.'
            : 'Partner Center sent this last page empty: its customers are on the earlier pages.'}
        </EmptyState>
      ) : (
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
      )}
      <Pager links={links} shown={page.items.length} {...pagerRange(range)} />
      {/* The count's age only where "Data as of" does not already cover it: said once. */}
      <DataAsOf
        fetchedAt={page.fetchedAt}
        also={count && countNeedsOwnAge(count, request.dataAsOf()) && <CountAge count={count} />}
        refresh={{
          action: refreshPartnerCenterData,
          returnTo: listHref('/customers', query, query.cursor),
        }}
      />
    </>
  );
}
