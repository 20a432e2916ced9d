import type { EmulatorRequest } from '../core/http';
import type { CustomerBook } from '../seed/customers';
import type { PartnerCaller } from './auth';
import type { ContinuationTokens } from './continuation';
import { getCustomer, listCustomers, resolveCustomer } from './customers';
import { PartnerCenterError, pcErrorCodes } from './errors';
import { getUser, listUsers } from './users';
import { organizationProfileWire } from './wire';

export type PartnerCenterRoute = 'customers' | 'customer' | 'users' | 'user' | 'profile';

export interface RouteContext {
  req: EmulatorRequest;
  caller: PartnerCaller;
  book: CustomerBook;
  allBooks: ReadonlyMap<string, CustomerBook>;
  tokens: ContinuationTokens;
}

/** Matches a GET path to a route and the function answering it; undefined = unknown path. */
export function matchRoute(
  req: EmulatorRequest,
): { route: PartnerCenterRoute; answer: (rc: RouteContext) => unknown } | undefined {
  if (req.method.toUpperCase() !== 'GET') return undefined;
  const parts = req.url.pathname.replace(/\/+$/, '').split('/').slice(1);
  const lower = parts.map((p) => p.toLowerCase());
  if (lower[0] !== 'v1') return undefined;
  if (lower[1] === 'profiles' && lower[2] === 'organization' && parts.length === 3) {
    return {
      route: 'profile',
      answer: (rc) => {
        requireAppUser(rc);
        return organizationProfileWire(rc.caller.tenant);
      },
    };
  }
  if (lower[1] !== 'customers') return undefined;
  const customerId = parts[2];
  const userId = parts[4];
  if (customerId === undefined)
    return { route: 'customers', answer: (rc) => listCustomers(rc.req, rc.book, rc.tokens) };
  if (parts.length === 3)
    return { route: 'customer', answer: (rc) => getCustomer(customerId, rc.book, rc.allBooks) };
  if (lower[3] !== 'users' || parts.length > 5) return undefined;
  if (userId === undefined) {
    return {
      route: 'users',
      answer: (rc) => listUsers(rc.req, rc.book.tenantId, usersCustomer(rc, customerId), rc.tokens),
    };
  }
  return { route: 'user', answer: (rc) => getUser(usersCustomer(rc, customerId), userId) };
}

/**
 * Operations Microsoft documents as supporting "authentication with App+User credentials only":
 * "Get an organization profile", "Get a list of all user accounts for a customer" and "Get a
 * user account by ID" (`develop/` in `xdmushui/partner-center-sdk`).
 */
function requireAppUser(rc: RouteContext): void {
  if (!rc.caller.appUser) {
    throw new PartnerCenterError(
      403,
      pcErrorCodes.appUserRequired,
      'This operation requires an App+User token.',
    );
  }
}

function usersCustomer(rc: RouteContext, customerId: string) {
  requireAppUser(rc);
  return resolveCustomer(customerId, rc.book, rc.allBooks);
}
