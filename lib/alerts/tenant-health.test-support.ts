import type { TenantHealth } from '@/lib/health/types';

/** A tenant the health report says needs re-consent: the alert every delivery test raises. */
export const needsReconsent = (tenantId: string): TenantHealth => ({
  tenantId,
  displayName: tenantId,
  status: 'needs-reconsent',
  problem: null,
  grant: null,
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
  consecutiveFailures: 1,
  lastError: null,
});
