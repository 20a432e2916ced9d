import type { CustomerUser } from '@/lib/partner-center';
import { PartnerCenterError } from '@/lib/partner-center/errors';

/** An active, cloud-managed customer user with only a name and a UPN. */
export function customerUser(displayName: string, upn: string): CustomerUser {
  return {
    id: upn,
    displayName,
    userPrincipalName: upn,
    firstName: null,
    lastName: null,
    state: 'active',
    userDomainType: 'managed',
    lastDirectorySyncTime: null,
    usageLocation: null,
    phoneNumber: null,
    softDeletionTime: null,
  };
}

/** Partner Center's 429 asking for a 57-second wait (its throttling guidance's example). */
export function throttledBy57s(correlationId: string): PartnerCenterError {
  return new PartnerCenterError({
    code: 'throttled',
    status: 429,
    description: 'Rate limit is exceeded. Try again in 57 seconds.',
    requestId: 'r',
    correlationId,
    retryAfter: 57,
  });
}
