import { describe, expect, it } from 'vitest';
import { recheckOffered } from './recheck-offered';
import type { TenantHealth } from './types';

const lastError = (aadsts: number | null): TenantHealth['lastError'] => ({
  code: 'needs_reconsent',
  aadsts,
  at: '2027-01-01T00:00:00.000Z',
  correlationId: null,
  cause: 'c',
  fix: 'f',
  action: 're-consent',
});
const window = (over: Partial<TenantHealth['inactivity']> = {}): TenantHealth['inactivity'] => ({
  limitDays: 90,
  lastActivityAt: '2027-01-01T00:00:00.000Z',
  expiresAt: '2027-04-01T00:00:00.000Z',
  daysLeft: 60,
  warning: 'none',
  ...over,
});
const offered = (
  status: TenantHealth['status'],
  aadsts: number | null,
  inactivity = window(),
): boolean =>
  recheckOffered({ status, lastError: aadsts === null ? null : lastError(aadsts), inactivity });

describe('when the health page offers Check again', () => {
  it('for a re-consent verdict the partner can clear in Entra: a block policy, an assignment, a disabled account', () => {
    for (const aadsts of [53003, 50105, 50057])
      expect(offered('needs-reconsent', aadsts)).toBe(true);
  });

  it('not for a grant only a new consent replaces, nor for a tenant that needs nothing', () => {
    for (const aadsts of [700082, 50173, 70008, null])
      expect(offered('needs-reconsent', aadsts)).toBe(false);
    expect(offered('healthy', 53003)).toBe(false);
  });

  // The card said "Ended: unused for 90 days" and still "may work again without a new consent".
  it('not once the grant went unused for the limit while the block stood', () => {
    expect(offered('needs-reconsent', 53003, window({ daysLeft: 0, warning: 'expired' }))).toBe(
      false,
    );
  });
});
