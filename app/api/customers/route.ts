import { authorizeApi } from '@/lib/auth';
import { customerApiFailure } from '@/lib/customers/api';
import { parseCustomerListQuery } from '@/lib/customers/list-query';
import { loadCustomerList } from '@/lib/customers/loaders';
import { customerReaderRoles, customerRequestFor } from '@/lib/customers/request';

/**
 * One page of customers as JSON, with the same query as `/customers` (`field`, `q`, `size`,
 * `cursor`). `next`/`previous` are API URLs carrying the signed cursor.
 */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeApi(customerReaderRoles);
  if (!auth.ok) return auth.response;
  const query = parseCustomerListQuery(Object.fromEntries(new URL(request.url).searchParams));
  const customerRequest = customerRequestFor(auth.user);
  try {
    const { page, links, rejectedCursor } = await loadCustomerList(customerRequest, query);
    const api = (href: string | null) =>
      href ? href.replace(/^\/customers/, '/api/customers') : null;
    return Response.json(
      {
        items: page.items,
        // No totalCount: Partner Center's counts only this page's items.
        hasMore: page.continuationToken !== null,
        page: links.page,
        next: api(links.nextHref),
        previous: api(links.previousHref),
        rejectedCursor,
        fetchedAt: page.fetchedAt,
        correlationId: customerRequest.correlationId,
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return customerApiFailure(error, customerRequest);
  }
}
