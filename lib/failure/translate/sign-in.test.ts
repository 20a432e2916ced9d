import { describe, expect, it } from 'vitest';
import { describeAadsts } from '@/lib/entra/catalogue';
import { EntraError } from '@/lib/entra/errors';
import { aadstsCatalogue } from '../catalogue/aadsts';
import { toFailure } from '../to-failure';
import { describeSignInAadsts, signInWordCodes } from './sign-in';

/** Words of the connection (onboarding, the consent, the stored grant), not of signing in. */
const connectionWords = [
  /onboarding/i,
  /re-?consent/i,
  /\bconnect(ion)? again\b/i,
  /\bstart the connection\b/i,
  /\bstored\b/i,
  /\bthe account that consented\b/i,
  /\bconsenting account\b/i,
  /\brefresh token\b/i,
];

/**
 * Catalogued codes Entra does not send at sign-in (lib/auth/provider.ts: the authorize request
 * for `code` with Graph's sign-in permission, then the code redemption), with why.
 */
const notAtSignIn: Record<number, string> = {
  70043: 'a sign-in frequency policy ends a stored refresh token',
  700082: 'the stored refresh token, unused for 90 days',
  50173: 'the stored grant, revoked',
  50196: "refresh-token throttling (the token service's)",
  700007: 'a stored grant issued to another app',
  90099: "a customer tenant's CPV consent (Partner Center calls)",
  500011: 'Partner Center is asked for by the consent, never by sign-in',
  700054: 'the consent asks for `code id_token`, sign-in for `code`',
};

/** What the sign-in error page shows of an entry: the fix only where there are no steps. */
const shownWords = (entry: NonNullable<ReturnType<typeof describeSignInAadsts>>) => [
  entry.title ?? '',
  entry.cause,
  ...(entry.steps.length ? entry.steps : [entry.fix]),
];

describe('the sign-in error page words for AADSTS codes', () => {
  it('AADSTS90094: an administrator grants admin consent, then the person signs in again', () => {
    const signIn = describeSignInAadsts(90094)!;
    const catalogue = describeAadsts(90094)!;
    expect(signIn).toMatchObject({
      title: catalogue.title,
      cause: catalogue.cause,
      owner: 'partner-entra',
      action: catalogue.action,
    });
    expect(signIn.steps).toHaveLength(2);
    expect(signIn.steps[0]).toContain('grant admin consent for the portal');
    expect(signIn.steps[0]).toContain('"Consent on behalf of your organization"');
    expect(signIn.steps[1]).toBe('Then sign in again.');
    expect(signIn.fix).toMatch(/then sign in again\.$/);
    expect(shownWords(signIn).join(' ')).not.toMatch(/onboarding|connect/i);
  });

  it("leaves onboarding's AADSTS90094 words as they are", () => {
    const refused = new EntraError({ error: 'access_denied', status: 400, aadsts: 90094 });
    const onboarding = toFailure(refused, { for: 'onboarding' });
    expect(onboarding.steps).toEqual(describeAadsts(90094)!.steps);
    expect(onboarding.steps).toContain('Then connect again from onboarding.');
  });

  it.each(
    Object.keys(aadstsCatalogue)
      .map(Number)
      .filter((code) => !Object.hasOwn(notAtSignIn, code)),
  )('AADSTS%i speaks of signing in, not of onboarding or the connection', (code) => {
    const words = shownWords(describeSignInAadsts(code)!);
    for (const pattern of connectionWords)
      expect(
        words.filter((line) => pattern.test(line)),
        String(pattern),
      ).toEqual([]);
  });

  it('has sign-in words only where the catalogue speaks of the connection', () => {
    for (const code of signInWordCodes) {
      expect(Object.hasOwn(notAtSignIn, code), `AADSTS${code}`).toBe(false);
      const catalogue = describeAadsts(code);
      expect(catalogue, `AADSTS${code}`).toBeDefined();
      const words = [catalogue!.title ?? '', catalogue!.cause, catalogue!.fix, ...catalogue!.steps];
      expect(
        connectionWords.some((pattern) => words.some((line) => pattern.test(line))),
        `AADSTS${code}`,
      ).toBe(true);
    }
  });

  it('passes on only what the page reads, and nothing for an unknown code', () => {
    expect(describeSignInAadsts(1)).toBeUndefined();
    const read = ['title', 'cause', 'fix', 'action', 'owner', 'steps', 'fixAt'];
    for (const code of Object.keys(aadstsCatalogue).map(Number))
      expect(
        Object.keys(describeSignInAadsts(code)!).filter((key) => !read.includes(key)),
        `AADSTS${code}`,
      ).toEqual([]);
    expect(describeSignInAadsts(50079)!.fixAt).toEqual(describeAadsts(50079)!.fixAt);
  });
});
