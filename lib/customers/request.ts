import 'server-only';
import { randomUUID } from 'node:crypto';
import { requireRole, viewScopeFor } from '@/lib/auth';
import type { PortalRole } from '@/lib/auth/roles';
import type { PortalUser } from '@/lib/auth/user';
import { portalClock } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { readerOfScope, type FailureReader } from '@/lib/failure';
import { partnerCenterFor, type PartnerCenterClient, type RetryEvent } from '@/lib/partner-center';
import { cachingClient, sharedResponseCache } from '@/lib/partner-center/cached-client';
import { getAccessToken } from '@/lib/tokens';
import { pagingKey } from './paging';
import {
  personCallTaker,
  takePersonCall,
  withPersonBudget,
  type TakePersonCall,
} from './person-budget';

/**
 * The retries a page's "Partner Center was busy" counts: Partner Center throttled or failed the
 * call, or did not answer. A token it refused and the token service replaced at once
 * (`unauthorized`) is no sign of a busy Partner Center.
 */
const busyRetryReasons: ReadonlySet<RetryEvent['reason']> = new Set([
  'throttled',
  'server_error',
  'network',
]);

/** Who may read customer data. Ops watch health only. */
export const customerReaderRoles: readonly PortalRole[] = ['admin', 'salesAgent'];

/** Everything one page render needs to call Partner Center for the signed-in user. */
export interface CustomerRequest {
  user: PortalUser;
  /** The user's own partner tenant (`tid`): the only tenant whose token this request uses. */
  tenantId: string;
  /** One per page render; quoted on error screens and sent as `MS-CorrelationId`. */
  correlationId: string;
  /** Whose words a failure is shown in: a platform operator's, or a partner's (`settle`). */
  reader: FailureReader;
  client: PartnerCenterClient;
  /**
   * Takes one of the person's Partner Center calls a minute, or throws `PersonBudgetSpent`
   * (lib/customers/person-budget.ts): for work the client does not count call by call, such
   * as a walk of a customer's users this render starts.
   */
  takePartnerCenterCall: TakePersonCall;
  /** How many calls this render waits on Partner Center throttled or failed before answering. */
  retries: () => number;
  /** ISO time of the oldest Partner Center answer this render showed (cached ones included); now if none. */
  dataAsOf: () => string;
  pagingKey: string;
}

/**
 * For customer pages: checks the role (signed out -> sign-in, Ops -> 403 page) and builds a
 * Partner Center client bound to the user's tenant and a fresh correlation id.
 */
export async function customerRequest(returnTo?: string): Promise<CustomerRequest> {
  return customerRequestFor(await requireRole(customerReaderRoles, returnTo));
}

/**
 * The same for a user already authorised (route handlers, tests, benchmarks). Partner Center
 * is asked in `en-US` whatever the browser's language: it refuses locales it does not support
 * ("Locale en-GB is not supported", PartnerCenterSamples/Reseller-Web-Application#33), nothing
 * these pages show is translated by it, its refusals are told apart by their English words
 * (lib/partner-center/refusals.ts), and cached answers are shared by the partner's colleagues.
 */
export function customerRequestFor(
  user: PortalUser,
  options: { correlationId?: string } = {},
): CustomerRequest {
  const correlationId = options.correlationId ?? randomUUID();
  let retries = 0;
  let oldest: number | null = null;
  const live = partnerCenterFor(user, {
    correlationId,
    locale: 'en-US',
    // The calls this render waits on: a walk it started (users, the count) may retry long
    // after the page was sent, and told "the data below arrived after one retry" before any had.
    onRetry: (event) => {
      if (event.pace === 'interactive' && busyRetryReasons.has(event.reason)) retries += 1;
    },
  });
  const config = getConfig();
  // Under the cache: what it serves costs no call, so only calls to Partner Center count.
  const { callsPerPersonPerMinute: perMinute } = config.partnerCenter;
  const takeCall: TakePersonCall =
    perMinute > 0
      ? personCallTaker(user, () => takePersonCall(user, perMinute), perMinute)
      : () => {};
  const budgeted = perMinute > 0 ? withPersonBudget(live, takeCall) : live;
  // Local profile: answers age on the emulator's clock, like cached access tokens.
  const clock = portalClock(config);
  const client = cachingClient(budgeted, {
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
    reader: readerOfScope(viewScopeFor(user, config)),
    client,
    takePartnerCenterCall: takeCall,
    retries: () => retries,
    dataAsOf: () => new Date(oldest ?? clock.cacheNow()).toISOString(),
    pagingKey: pagingKey(config.sessionSecret),
  };
}
