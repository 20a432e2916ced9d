import { describe, expect, it } from 'vitest';
import {
  connectStepOffer,
  consentLabel,
  failurePanelWords,
  onboardingConsentOffer,
  startsConsent,
} from './consent-offer';
import type { OnboardingFailureView } from './http';

const failed = (
  action: string,
  extra: Partial<OnboardingFailureView> = {},
): OnboardingFailureView =>
  ({ code: 'x', problem: 'It failed.', action, ...extra }) as OnboardingFailureView;

describe('consentLabel: one name for the consent, wherever its button is', () => {
  it('connects when nothing is connected, else re-consents', () => {
    expect(consentLabel(false)).toBe('Connect Partner Center');
    expect(consentLabel(true)).toBe('Re-consent Partner Center');
  });
});

describe('failurePanelWords after a failed consent', () => {
  // "Try again", "Re-consent", "Connect again", "Sign in again": one action, four names.
  it.each(['retry', 're-consent', 'grant-consent', 'sign-in-again'])(
    '%s: the consent, named as step 2 names it',
    (action) => {
      expect(failurePanelWords(failed(action)).buttons).toEqual([
        { href: '/api/consent/start', label: 'Connect Partner Center' },
      ]);
      expect(failurePanelWords(failed(action), { connected: true })).toEqual({
        kicker: 'Re-consent failed',
        buttons: [{ href: '/api/consent/start', label: 'Re-consent Partner Center' }],
      });
    },
  );

  it('a fix in the configuration first: checks again, no consent', () => {
    const words = failurePanelWords(failed('fix-configuration'));
    expect(words.buttons).toEqual([{ href: '/onboarding', label: 'Check again after fixing' }]);
    expect(startsConsent(words)).toBe(false);
  });

  it('blocked by a failed set-up check: no consent, which would fail again', () => {
    expect(failurePanelWords(failed('retry'), { blocked: true }).buttons).toEqual([]);
  });

  // The consent keeps step 2's name ("Connect again once registered" named it a third way).
  it('a Microsoft page first, then the consent under its one name, with when to press it', () => {
    const fixAt = { label: 'Register', href: 'https://aka.ms/mfasetup', then: 'once registered' };
    expect(failurePanelWords(failed('sign-in-again', { fixAt })).buttons).toEqual([
      { href: 'https://aka.ms/mfasetup', label: 'Register', external: true },
      { href: '/api/consent/start', label: 'Connect Partner Center once registered' },
    ]);
    expect(
      failurePanelWords(failed('sign-in-again', { fixAt }), { connected: true }).buttons[1],
    ).toEqual({ href: '/api/consent/start', label: 'Re-consent Partner Center once registered' });
  });
});

describe('onboardingConsentOffer: where /onboarding offers the consent', () => {
  it('no failure: step 2 has it, the notice links down to it (as before)', () => {
    const offer = onboardingConsentOffer({ failure: null, connected: false, blocked: false });
    expect(offer).toEqual({ failureOnPage: 'none', noticeLinksDown: true });
    expect(connectStepOffer({ connected: false, blocked: false })).toEqual({
      kind: 'button',
      label: 'Connect Partner Center',
      primary: true,
      words: 'Takes about a minute. Have your authenticator app ready.',
    });
  });

  it('a failure whose panel carries it: step 2 points up, the notice does not link down', () => {
    const offer = onboardingConsentOffer({
      failure: failed('retry'),
      connected: true,
      blocked: false,
    });
    expect(offer.failureOnPage).toBe('starts-consent');
    expect(offer.noticeLinksDown).toBe(false);
    expect(
      connectStepOffer({ connected: true, blocked: false, failure: offer.failureOnPage }),
    ).toEqual({
      kind: 'in-failure',
      words:
        'Re-consenting stores the new refresh token as a new Key Vault version; the previous one stays in the version history, disabled. Start it with the button in the failure above.',
    });
  });

  it('a failure whose panel does not carry it: step 2 keeps the button, without "Nothing to do"', () => {
    const offer = onboardingConsentOffer({
      failure: failed('retry', { step: 'disconnect' }),
      connected: true,
      blocked: false,
    });
    expect(offer.failureOnPage).toBe('shown');
    expect(offer.noticeLinksDown).toBe(false);
    const step = connectStepOffer({ connected: true, blocked: false, failure: 'shown' });
    expect(step).toMatchObject({
      kind: 'button',
      label: 'Re-consent Partner Center',
      primary: false,
    });
    expect(step.kind === 'button' && step.words).not.toContain('Nothing to do');
  });

  it('blocked: step 2 shows its button disabled, failure or not', () => {
    for (const failure of ['none', 'shown', 'starts-consent'] as const)
      expect(connectStepOffer({ connected: false, blocked: true, failure })).toEqual({
        kind: 'blocked',
        label: 'Connect Partner Center',
      });
  });
});
