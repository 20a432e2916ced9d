import type { EmulatorRequest } from '../core/http';
import {
  customerUserAt,
  customerUserDisplayName,
  customerUserIndexOf,
  customerUserPrincipalName,
} from '../seed/customer-users';
import type { SeedCustomer } from '../seed/customers';
import type { ContinuationTokens } from './continuation';
import { PartnerCenterError, badRequest, pcErrorCodes } from './errors';
import { parseFilter, readSeekRequest, seekCollection } from './seek';
import { userWire } from './wire';

const userFilterFields = ['UserPrincipalName', 'DisplayName', 'Username'] as const;
const sortFields = ['displayname', 'userprincipalname'];

/**
 * Sort direction from the query. Users are derived in display-name order (see
 * seed/customer-users.ts), so both sort fields map to index order; for userPrincipalName this
 * matches except for numeric suffixes of repeated names (emulator approximation).
 */
function descendingFromQuery(url: URL): boolean {
  const field = url.searchParams.get('sortField');
  if (field !== null && !sortFields.includes(field.toLowerCase())) throw badRequest(`Sorting by ${field.slice(0, 64)} is not supported.`);
  const direction = (url.searchParams.get('sortDirection') ?? 'ascending').toLowerCase();
  if (direction !== 'ascending' && direction !== 'descending') throw badRequest('sortDirection must be ascending or descending.');
  return direction === 'descending';
}

/** Indices (in ascending order) of users matching the filter: scans strings only, no objects. */
function matchingIndices(customer: SeedCustomer, field: string, value: string): number[] {
  const prefix = value.toLowerCase();
  const valueOf = field === 'DisplayName' ? customerUserDisplayName : customerUserPrincipalName;
  const hits: number[] = [];
  for (let i = 0; i < customer.userCount; i++) {
    if (valueOf(customer, i).toLowerCase().startsWith(prefix)) hits.push(i);
  }
  return hits;
}

/**
 * `GET /v1/customers/{id}/users`: seek paging over lazily derived users; a page costs its
 * size (plus one string scan when filtered), never the customer's whole user list.
 */
export function listUsers(req: EmulatorRequest, tenantId: string, customer: SeedCustomer, tokens: ContinuationTokens): Record<string, unknown> {
  const seek = readSeekRequest(req, tokens, () => ({
    kind: 'users',
    tenantId,
    customerId: customer.id,
    offset: 0,
    filter: parseFilter(req.url, userFilterFields),
    descending: descendingFromQuery(req.url),
  }));
  const { filter, offset, descending } = seek.cursor;
  const hits = filter ? matchingIndices(customer, filter.field, filter.value) : null;
  const total = hits ? hits.length : customer.userCount;
  const items: unknown[] = [];
  for (let position = offset; position < Math.min(total, offset + seek.size); position++) {
    const ordered = descending ? total - 1 - position : position;
    const index = hits ? (hits[ordered] as number) : ordered;
    items.push(userWire(customer.id, customerUserAt(customer, index)));
  }
  return seekCollection(`/v1/customers/${customer.id}/users`, seek, total, items, tokens);
}

/** `GET /v1/customers/{id}/users/{userId}`. */
export function getUser(customer: SeedCustomer, userId: string): Record<string, unknown> {
  const index = customerUserIndexOf(customer, userId);
  if (index === undefined) throw new PartnerCenterError(404, pcErrorCodes.notFound, `User ${userId.slice(0, 64)} was not found.`);
  return userWire(customer.id, customerUserAt(customer, index));
}
