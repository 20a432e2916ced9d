import 'server-only';
import type { PortalUser } from '@/lib/auth/user';
import { getConfig } from '@/lib/config';
import { defaultTokenService, getAccessToken } from '@/lib/tokens';
import {
  createPartnerCenterClient,
  type PartnerCenterClient,
  type PartnerCenterClientOptions,
} from './client';

export { createPartnerCenterClient } from './client';
export type {
  CustomerSearch,
  ListOptions,
  PartnerCenterClient,
  PartnerCenterClientOptions,
  UserView,
} from './client';
export type {
  Address,
  BillingContact,
  CustomerDetail,
  CustomerSummary,
  CustomerUser,
  OrganizationProfile,
  Page,
  Relationship,
} from './dto';
export { PartnerCenterError, isPartnerCenterError } from './errors';
export type { PartnerCenterErrorCode, PublicPartnerCenterError } from './errors';
export type { RetryEvent, RetryPolicy, PartnerCenterClock } from './retry';
export { customerUsersCsv, csvCell } from './csv';

/**
 * The clients the app uses: Partner Center with access tokens from the token service and the
 * base URL from config. Create one per user action (request) so its calls share
 * `correlationId`.
 *
 * A Partner Center client acting for the signed-in user: the token is always that of the
 * user's own partner tenant (`tid` from the session), so a page cannot ask for another
 * partner's token by mistake.
 */
export function partnerCenterFor(
  user: Pick<PortalUser, 'tid'>,
  options: { correlationId?: string; locale?: string } & Pick<
    PartnerCenterClientOptions,
    'onRetry' | 'retry'
  > = {},
): PartnerCenterClient {
  return partnerCenterForTenant(user.tid, options);
}

/** For work that acts for no user (the health probe, onboarding's checks): the tenant is named explicitly. */
export function partnerCenterForTenant(
  partnerTenantId: string,
  options: { correlationId?: string; locale?: string } & Pick<
    PartnerCenterClientOptions,
    'onRetry' | 'retry'
  > = {},
): PartnerCenterClient {
  const config = getConfig();
  const { resource } = config.partnerCenter;
  return createPartnerCenterClient({
    baseUrl: config.partnerCenter.baseUrl,
    getAccessToken: () => getAccessToken(partnerTenantId, resource),
    replaceRejectedAccessToken: (rejected) =>
      defaultTokenService().replaceRejectedAccessToken(partnerTenantId, resource, rejected),
    ...options,
  });
}
