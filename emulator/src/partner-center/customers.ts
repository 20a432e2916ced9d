import type { EmulatorRequest } from '../core/http';
import type { CustomerBook, SeedCustomer } from '../seed/customers';
import type { ContinuationTokens } from './continuation';
import { PartnerCenterError, badRequest, pcErrorCodes } from './errors';
import { parseFilter, readSeekRequest, seekCollection } from './seek';
import { customerWire } from './wire';

/** "Get a list of customers by company name or domain" and the indirect-partner filters: starts_with only. */
const customerFilters = [
  'CompanyName',
  'Domain',
  'IndirectReseller',
  'IndirectCloudSolutionProvider',
].map((field) => ({ field, operator: 'starts_with' }));
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function filterValue(c: SeedCustomer, field: string): string {
  if (field === 'CompanyName') return c.companyName;
  if (field === 'Domain') return c.domain;
  if (field === 'IndirectReseller') return c.indirectResellerId ?? '';
  return c.indirectProviderId ?? '';
}

/** `GET /v1/customers`: seek paging over the caller's customers, sorted by company name. */
export function listCustomers(
  req: EmulatorRequest,
  book: CustomerBook,
  tokens: ContinuationTokens,
): Record<string, unknown> {
  const seek = readSeekRequest(req, tokens, () => ({
    kind: 'customers',
    tenantId: book.tenantId,
    offset: 0,
    filter: parseFilter(req.url, customerFilters),
  }));
  const { filter, offset } = seek.cursor;
  const prefix = filter?.value.toLowerCase();
  const matching =
    filter && prefix !== undefined
      ? book.customers.filter((c) => filterValue(c, filter.field).toLowerCase().startsWith(prefix))
      : book.customers;
  const items = matching.slice(offset, offset + seek.size).map((c) => customerWire(c, false));
  // Each link as its own reference page prints it: "Get a list of customers" with `/v1`
  // (`/v1/customers?size=40`), "Get a list of customers filtered by a search field" without
  // (`/customers?size=0&filter=...`). Clients accept both: the SDKs add `/v1` when missing.
  const path = filter ? '/customers' : '/v1/customers';
  return seekCollection(path, seek, matching.length, items, tokens);
}

/**
 * The caller's customer with this id. Tenant isolation: a customer of ANOTHER partner
 * tenant answers 403/20002 "no relationship" (what Partner Center says when the partner
 * has no relationship with that customer); an id nobody has answers 404/1000.
 */
export function resolveCustomer(
  id: string,
  book: CustomerBook,
  allBooks: ReadonlyMap<string, CustomerBook>,
): SeedCustomer {
  if (!guidPattern.test(id)) throw badRequest('The customer id must be a GUID.');
  const own = book.byId.get(id.toLowerCase());
  if (own) return own;
  for (const other of allBooks.values()) {
    if (other !== book && other.byId.has(id.toLowerCase())) {
      throw new PartnerCenterError(
        403,
        pcErrorCodes.noRelationship,
        `The partner ID ${book.tenantId} has no commerce relationship with the customer ID ${id}.`,
      );
    }
  }
  throw new PartnerCenterError(404, pcErrorCodes.notFound, `Customer ${id} was not found.`);
}

/** `GET /v1/customers/{id}`: the full customer, `allowDelegatedAccess` included. */
export function getCustomer(
  id: string,
  book: CustomerBook,
  allBooks: ReadonlyMap<string, CustomerBook>,
): Record<string, unknown> {
  return customerWire(resolveCustomer(id, book, allBooks), true);
}
