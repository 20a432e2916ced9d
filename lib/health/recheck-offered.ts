import { recheckableCodes } from '@/lib/failure/catalogue/tokens';
import type { TenantHealth } from './types';

/** Entra's code for a refresh token it retired after the inactivity limit. */
export const retiredForInactivity = 700082;

/** Whether the stored grant went unused for Entra's limit: on the portal's count, or Entra said so. */
export function ranOutUnused(tenant: Pick<TenantHealth, 'inactivity' | 'lastError'>): boolean {
  return (
    tenant.inactivity.warning === 'expired' || tenant.lastError?.aadsts === retiredForInactivity
  );
}

/**
 * Whether the health page offers "Check again" on a tenant's card, and whether the action
 * goes ahead: the tenant needs re-consent for a refusal the partner can clear in their own
 * Entra ID (lib/failure's `recheckableCodes`: a block policy, an assignment, a disabled
 * account), after which the stored grant may work again, unless it has gone unused for the
 * limit meanwhile (the card then says "Ended: unused for 90 days", and only a consent helps).
 * Other verdicts (an expired or revoked grant) only a new consent ends; a healthy or throttled
 * tenant has nothing to check. Free of server code: the pages' words helpers read it too
 * (./inactivity-clock.ts).
 */
export function recheckOffered(
  tenant: Pick<TenantHealth, 'status' | 'lastError' | 'inactivity'>,
): boolean {
  const aadsts = tenant.lastError?.aadsts;
  return (
    tenant.status === 'needs-reconsent' &&
    aadsts != null &&
    recheckableCodes.has(aadsts) &&
    !ranOutUnused(tenant)
  );
}
