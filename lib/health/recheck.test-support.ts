import type { TenantHealth } from './types';

/** A stored "needs re-consent" verdict carrying Entra's `aadsts`, as Check again reads it. */
export function reconsentVerdict(aadsts: number | null): NonNullable<TenantHealth['lastError']> {
  return {
    code: 'needs_reconsent',
    aadsts,
    at: '2027-01-01T00:00:00.000Z',
    correlationId: null,
    cause: 'c',
    fix: 'f',
    action: 're-consent',
  };
}

/** A grant well within Entra's 90-day inactivity limit (60 days left); `over` changes it. */
export function inactivityWindow(
  over: Partial<TenantHealth['inactivity']> = {},
): TenantHealth['inactivity'] {
  return {
    limitDays: 90,
    lastActivityAt: '2027-01-01T00:00:00.000Z',
    expiresAt: '2027-04-01T00:00:00.000Z',
    daysLeft: 60,
    warning: 'none',
    ...over,
  };
}
