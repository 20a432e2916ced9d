import { describe, expect, it } from 'vitest';
import { recheckOffered } from './recheck-offered';
import { inactivityWindow, reconsentVerdict } from './recheck.test-support';
import type { TenantHealth } from './types';

const offered = (
  status: TenantHealth['status'],
  aadsts: number | null,
  inactivity = inactivityWindow(),
): boolean =>
  recheckOffered({
    status,
    lastError: aadsts === null ? null : reconsentVerdict(aadsts),
    inactivity,
  });

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
    expect(
      offered('needs-reconsent', 53003, inactivityWindow({ daysLeft: 0, warning: 'expired' })),
    ).toBe(false);
  });
});
