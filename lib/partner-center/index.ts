import 'server-only';
import { getConfig } from '@/lib/config';
import { getAccessToken } from '@/lib/tokens';
import { createPartnerCenterClient, type PartnerCenterClient, type PartnerCenterClientOptions } from './client';

export { createPartnerCenterClient } from './client';
export type { CustomerSearch, ListOptions, PartnerCenterClient, PartnerCenterClientOptions, UserView } from './client';
export type { Address, BillingContact, CustomerDetail, CustomerSummary, CustomerUser, OrganizationProfile, Page, Relationship } from './dto';
export { PartnerCenterError, isPartnerCenterError } from './errors';
export type { PartnerCenterErrorCode, PublicPartnerCenterError } from './errors';
export type { RetryEvent, RetryPolicy, PartnerCenterClock } from './retry';
export { customerUsersCsv, csvCell } from './csv';

/**
 * The client the app uses: Partner Center as the given partner tenant, with access tokens
 * from the token service and the base URL from config. Create one per user action (request)
 * so its calls share `correlationId`; pass the tenant from the signed-in user's `tid` only.
 */
export function partnerCenterForTenant(
  partnerTenantId: string,
  options: { correlationId?: string; locale?: string } & Pick<PartnerCenterClientOptions, 'onRetry' | 'retry'> = {},
): PartnerCenterClient {
  const config = getConfig();
  return createPartnerCenterClient({
    baseUrl: config.partnerCenter.baseUrl,
    getAccessToken: () => getAccessToken(partnerTenantId, config.partnerCenter.resource),
    ...options,
  });
}
