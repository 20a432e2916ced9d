import type { TenantHealth } from '@/lib/health/types';

/** A tenant as the health report shows it: healthy, consented by an Admin with MFA, unless `over` says otherwise. */
export function tenantHealth(tenantId: string, over: Partial<TenantHealth> = {}): TenantHealth {
  return {
    tenantId,
    displayName: tenantId,
    status: 'healthy',
    problem: null,
    grant: {
      mintedBy: 'admin@x.example',
      mintedAt: null,
      mfa: true,
      keyVaultVersion: 'v1',
      lastRotatedAt: null,
      stale: false,
    },
    lastSuccessfulRedemptionAt: null,
    inactivity: {
      limitDays: 90,
      lastActivityAt: null,
      expiresAt: null,
      daysLeft: 80,
      warning: 'none',
    },
    accessTokenCache: { cached: false, expiresAt: null, valid: false },
    nextRefreshAt: null,
    consecutiveFailures: 0,
    lastError: null,
    ...over,
  };
}

/** A tenant the health report says needs re-consent: the alert every delivery test raises. */
export const needsReconsent = (tenantId: string): TenantHealth =>
  tenantHealth(tenantId, { status: 'needs-reconsent', grant: null, consecutiveFailures: 1 });
