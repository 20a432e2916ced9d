import { describe, expect, it } from 'vitest';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { describeSignInError } from './sign-in-error';

describe('describeSignInError', () => {
  it("calls next-auth's Configuration the portal's setup, and no other code", () => {
    expect(describeSignInError('Configuration').setup).toBe(true);
    for (const error of ['AccessDenied', 'OAuthSignin', 'OAuthCallback', 'Callback', 'RateLimited'])
      expect(describeSignInError(error).setup, error).toBe(false);
    expect(describeSignInError(undefined).setup).toBe(false);
  });

  // Whose words say "the portal's operator fixes ENTRA_…": signing in again fails alike until then.
  it.each(Object.entries(aadstsCatalogue))('follows the catalogue for AADSTS%s', (code, entry) => {
    expect(describeSignInError('Callback', entry).setup, code).toBe(
      entry.action === 'fix-configuration' && entry.owner === 'portal',
    );
  });

  // A setting in a partner's own tenant is theirs to change, not the portal operator's.
  it("does not call a setting a partner's admin owns the portal's setup", () => {
    expect(
      describeSignInError('Callback', { action: 'fix-configuration', owner: 'partner-entra' })
        .setup,
    ).toBe(false);
    expect(
      describeSignInError('Callback', { action: 'fix-configuration', owner: 'portal' }).setup,
    ).toBe(true);
  });

  it('falls back to the generic words for a code it does not know', () => {
    expect(describeSignInError('__proto__').explanation).toBe(
      'The sign-in could not be completed.',
    );
  });
});
