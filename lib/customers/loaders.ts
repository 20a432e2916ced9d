import 'server-only';
import type { CustomerSummary, Page } from '@/lib/partner-center';
import { customerSearchFields, type CustomerListQuery } from './list-query';
import { pagingLinks, resolvePaging, type ListIdentity, type PagingLinks } from './paging';
import { itemsBefore } from './paging-cursor';
import type { CustomerRequest } from './request';

/** One rendered page of a list: rows, links, and what the page must say about itself. */
export interface ListView<T> {
  page: Page<T>;
  links: PagingLinks;
  /** The URL's cursor did not verify; this is page 1 instead. */
  rejectedCursor: boolean;
  /**
   * Items on the pages before this one, as they were shown (0 on page 1); null when the link
   * did not carry it. Partner Center numbers nothing, and a page may hold fewer than the size.
   */
  itemsBefore: number | null;
}

/** Customers for `/customers`, from the URL's search and signed cursor. */
export async function loadCustomerList(
  request: CustomerRequest,
  query: CustomerListQuery,
): Promise<ListView<CustomerSummary>> {
  const identity: ListIdentity = { tenantId: request.tenantId, path: '/customers' };
  const paging = resolvePaging(identity, query, request.pagingKey);
  const page = await request.client.listCustomers({
    size: query.size,
    search: query.q ? { field: customerSearchFields[query.field], prefix: query.q } : undefined,
    continuationToken: paging.continuationToken,
  });
  const links = pagingLinks(
    identity,
    query,
    paging.state,
    page.continuationToken,
    request.pagingKey,
    page.items.length,
  );
  return {
    page,
    links,
    rejectedCursor: paging.rejectedCursor,
    itemsBefore: itemsBefore(paging.state),
  };
}
