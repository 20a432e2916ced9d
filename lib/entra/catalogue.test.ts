import { describe, expect, it } from 'vitest';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import {
  describeAadsts,
  describeEntraFailure,
  failureOwnerLabels,
  type EntraFailureDescription,
} from './catalogue';
import { EntraError } from './errors';

/** code -> [owner, action, a phrase the cause or fix must contain]: one row per catalogue entry. */
const expected: Array<
  [number, EntraFailureDescription['owner'], EntraFailureDescription['action'], RegExp]
> = [
  [70043, 'partner-entra', 're-consent', /sign-in frequency/i],
  [53003, 'partner-entra', 're-consent', /Conditional Access policy/],
  [50105, 'partner-entra', 're-consent', /Assignment required/],
  [65004, 'consenting-account', 'grant-consent', /declined/],
  [90094, 'partner-entra', 'grant-consent', /Global Administrator/],
  [50057, 'partner-entra', 're-consent', /disabled/],
  [50055, 'consenting-account', 're-consent', /its password has expired/],
  [50079, 'consenting-account', 'sign-in-again', /no MFA method registered/],
  [50020, 'consenting-account', 'sign-in-again', /another Entra tenant/],
  [65001, 'partner-entra', 'grant-consent', /not been granted/],
  [50076, 'partner-entra', 'sign-in-again', /multi-factor/],
  [50078, 'partner-entra', 'sign-in-again', /expired/],
  [700082, 'portal', 're-consent', /90 days/],
  [70008, 'portal', 're-consent', /expired/],
  [50173, 'partner-entra', 're-consent', /revoked/],
  [700007, 'portal', 're-consent', /different application/],
  [70002, 'portal', 'fix-configuration', /ENTRA_CLIENT_ID/],
  [7000215, 'portal', 'fix-configuration', /secret id/],
  [7000222, 'portal', 'fix-configuration', /expired/],
  [650051, 'portal', 'fix-configuration', /app registration/],
  [900144, 'portal', 'fix-configuration', /missing a required parameter/],
  [90099, 'partner-center', 'grant-consent', /customer tenant/],
  [901002, 'portal', 'fix-configuration', /v2 endpoint/],
];

describe('AADSTS catalogue', () => {
  it('has exactly the entries tested below', () => {
    expect(Object.keys(aadstsCatalogue).map(Number).sort()).toEqual(
      expected.map(([code]) => code).sort(),
    );
  });

  it.each(expected)(
    'AADSTS%i: owner %s, action %s, plain words and steps',
    (code, owner, action, phrase) => {
      const entry = describeEntraFailure(
        new EntraError({ error: 'invalid_grant', status: 400, aadsts: code }),
      );
      expect(entry).toBe(describeAadsts(code));
      expect(entry.owner).toBe(owner);
      expect(entry.action).toBe(action);
      expect(`${entry.cause} ${entry.fix}`).toMatch(phrase);
      expect(entry.steps.length).toBeGreaterThan(0);
      // Plain words: the raw code is shown next to them, never instead of them.
      for (const text of [entry.title ?? '', entry.cause, entry.fix, ...entry.steps])
        expect(text).not.toMatch(/AADSTS/);
      expect(failureOwnerLabels[entry.owner]).toBeTruthy();
    },
  );

  it('the sign-in-frequency entry says how to stop it and offers re-consent', () => {
    const entry = describeAadsts(70043)!;
    expect(entry.fix).toMatch(
      /Exclude the account that consents from sign-in-frequency policies, or re-consent/,
    );
    expect(entry.steps.join(' ')).toMatch(/Conditional Access/);
  });

  it('unknown codes fall back to the OAuth error, then to a generic retry', () => {
    expect(describeAadsts(1)).toBeUndefined();
    expect(
      describeEntraFailure(new EntraError({ error: 'invalid_grant', status: 400, aadsts: 1 }))
        .action,
    ).toBe('re-consent');
    expect(describeEntraFailure(new Error('x')).action).toBe('retry');
  });
});
