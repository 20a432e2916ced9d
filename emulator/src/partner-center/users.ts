import type { EmulatorRequest } from '../core/http';
import {
  customerUserAt,
  customerUserIndexOf,
  customerUserIsInactive,
} from '../seed/customer-users';
import type { SeedCustomer } from '../seed/customers';
import type { ContinuationTokens } from './continuation';
import { PartnerCenterError, badRequest, pcErrorCodes } from './errors';
import { parseFilter, readSeekRequest, seekCollection } from './seek';
import { userWire } from './wire';

/**
 * The only filter Microsoft documents for customer users ("View deleted users for a
 * customer"): deleted users. There is no documented search by name or UPN, and no sort.
 */
const deletedUsersFilter = [{ field: 'UserState', operator: 'equals', value: 'Inactive' }] as const;

/** Per customer: user indices in each state, built once (4 bytes a user) with a cheap draw per user. */
const indicesByCustomer = new WeakMap<SeedCustomer, { active: Int32Array; inactive: Int32Array }>();

function stateIndices(customer: SeedCustomer): { active: Int32Array; inactive: Int32Array } {
  let known = indicesByCustomer.get(customer);
  if (!known) {
    const active: number[] = [];
    const inactive: number[] = [];
    for (let i = 0; i < customer.userCount; i++)
      (customerUserIsInactive(customer, i) ? inactive : active).push(i);
    known = { active: Int32Array.from(active), inactive: Int32Array.from(inactive) };
    indicesByCustomer.set(customer, known);
  }
  return known;
}

/**
 * `GET /v1/customers/{id}/users`: seek paging in display-name order. Without a filter only
 * active users are listed ("once deleted and marked inactive the user account is no longer
 * returned as a member of the user collection"); the UserState filter lists the deleted ones.
 */
export function listUsers(
  req: EmulatorRequest,
  tenantId: string,
  customer: SeedCustomer,
  tokens: ContinuationTokens,
): Record<string, unknown> {
  if (req.url.searchParams.has('sortField') || req.url.searchParams.has('sortDirection')) {
    throw badRequest('Sorting customer users is not supported.');
  }
  const seek = readSeekRequest(req, tokens, () => ({
    kind: 'users',
    tenantId,
    customerId: customer.id,
    offset: 0,
    filter: parseFilter(req.url, deletedUsersFilter),
  }));
  const { filter, offset } = seek.cursor;
  const indices = filter ? stateIndices(customer).inactive : stateIndices(customer).active;
  const items: unknown[] = [];
  for (let position = offset; position < Math.min(indices.length, offset + seek.size); position++) {
    items.push(userWire(customer.id, customerUserAt(customer, indices[position] as number)));
  }
  return seekCollection(`/customers/${customer.id}/users`, seek, indices.length, items, tokens);
}

/**
 * `GET /v1/customers/{id}/users/{userId}`. A deleted (inactive) user is not found: Microsoft
 * reaches deleted users only through the list's UserState filter ("View deleted users for a
 * customer"), and "Get a user account by ID" does not say it returns them (UNCONFIRMED either
 * way, so the emulator does not answer what Microsoft may not).
 */
export function getUser(customer: SeedCustomer, userId: string): Record<string, unknown> {
  const index = customerUserIndexOf(customer, userId);
  if (index === undefined || customerUserIsInactive(customer, index))
    throw new PartnerCenterError(
      404,
      pcErrorCodes.notFound,
      `User ${userId.slice(0, 64)} was not found.`,
    );
  return userWire(customer.id, customerUserAt(customer, index));
}
