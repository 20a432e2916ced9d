import 'server-only';
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { requireRole } from '@/lib/auth';
import type { PortalRole } from '@/lib/auth/roles';
import type { PortalUser } from '@/lib/auth/user';
import { portalClock } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { partnerCenterFor, type PartnerCenterClient } from '@/lib/partner-center';
import { cachingClient, sharedResponseCache } from '@/lib/partner-center/cached-client';
import { getAccessToken } from '@/lib/tokens';
import { localeFrom } from './locale';
import { pagingKey } from './paging';

/** Who may read customer data. Ops watch health only. */
export const customerReaderRoles: readonly PortalRole[] = ['admin', 'salesAgent'];

/** Everything one page render needs to call Partner Center for the signed-in user. */
export interface CustomerRequest {
  user: PortalUser;
  /** The user's own partner tenant (`tid`): the only tenant whose token this request uses. */
  tenantId: string;
  /** One per page render; quoted on error screens and sent as `MS-CorrelationId`. */
  correlationId: string;
  client: PartnerCenterClient;
  /** How many Partner Center retries happened so far in this render. */
  retries: () => number;
  /** ISO time of the oldest Partner Center answer this render showed (cached ones included); now if none. */
  dataAsOf: () => string;
  pagingKey: string;
}

/**
 * For customer pages: checks the role (signed out -> sign-in, Ops -> 403 page) and builds a
 * Partner Center client bound to the user's tenant, a fresh correlation id and their locale.
 */
export async function customerRequest(returnTo?: string): Promise<CustomerRequest> {
  const user = await requireRole(customerReaderRoles, returnTo);
  const locale = localeFrom((await headers()).get('accept-language'));
  return customerRequestFor(user, { locale });
}

/** The same for a user already authorised (route handlers, tests, benchmarks). */
export function customerRequestFor(
  user: PortalUser,
  options: { locale?: string; correlationId?: string } = {},
): CustomerRequest {
  const correlationId = options.correlationId ?? randomUUID();
  let retries = 0;
  let oldest: number | null = null;
  const live = partnerCenterFor(user, {
    correlationId,
    locale: options.locale ?? 'en-US',
    onRetry: () => {
      retries += 1;
    },
  });
  const config = getConfig();
  // Local profile: answers age on the emulator's clock, like cached access tokens.
  const clock = portalClock(config);
  const client = cachingClient(live, {
    cache: sharedResponseCache(config.partnerCenter.cacheSeconds, clock.cacheNow),
    tenantId: user.tid,
    assertConnected: () => getAccessToken(user.tid, config.partnerCenter.resource),
    syncClock: clock.sync,
    onServed: (fetchedAt) => {
      oldest = oldest === null ? fetchedAt : Math.min(oldest, fetchedAt);
    },
  });
  return {
    user,
    tenantId: user.tid,
    correlationId,
    client,
    retries: () => retries,
    dataAsOf: () => new Date(oldest ?? clock.cacheNow()).toISOString(),
    pagingKey: pagingKey(config.sessionSecret),
  };
}
