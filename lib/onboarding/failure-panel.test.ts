import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailurePanel } from '@/components/onboarding/failure-panel';
import { SupportDetails } from '@/components/onboarding/support-details';
import { EntraError } from '@/lib/entra/errors';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import { fixFor } from '@/lib/failure';
import { onboardingFailureView, type OnboardingFailureView } from './http';

/** The panel after a consent whose code redemption Entra refused with this AADSTS code. */
function panelFor(aadsts: number): string {
  const refused = new EntraError({ error: 'invalid_grant', status: 400, aadsts });
  return renderToStaticMarkup(
    createElement(FailurePanel, { failure: onboardingFailureView(refused) }),
  );
}

/** A label's words: its hyphenated words sit in spans that keep them whole (WholeWords). */
const words = (html: string) => html.replace(/<[^>]+>/g, '');

/** The panel's links drawn as buttons (not the steps' links), in order: [label, href]. */
function buttons(html: string): Array<[string, string]> {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*class="inline-flex[^>]*>(.*?)<\/a>/g)].map(
    (m) => [words(m[2]!), m[1]!],
  );
}

describe('the onboarding failure panel', () => {
  // Connecting again fails the same way until the account has an MFA method.
  it('AADSTS50079: the first button registers MFA at Microsoft; connecting again says it comes after', () => {
    const html = panelFor(50079);
    expect(buttons(html)).toEqual([
      ['Register an MFA method', 'https://aka.ms/mfasetup'],
      ['Connect Partner Center once registered', '/api/consent/start'],
    ]);
    expect(html).toContain('rel="noopener noreferrer"');
  });

  // The stored connection disabled in the portal's vault, as its partner reads it: reading it
  // again ("Check again") failed again; a new consent stores a new, enabled one.
  it('a failed read of the stored connection that a new consent fixes offers the consent', () => {
    const read = (action: 're-consent' | 'retry') =>
      buttons(
        renderToStaticMarkup(
          createElement(FailurePanel, {
            failure: {
              code: 'token_unavailable',
              problem: "The partner's stored Partner Center connection is disabled in Key Vault.",
              action,
              step: 'status',
            },
          }),
        ),
      );
    // Named as the pages' other consent buttons (step 2's, the result page's).
    expect(read('re-consent')).toEqual([['Re-consent Partner Center', '/api/consent/start']]);
    expect(read('retry')).toEqual([['Check again', '/onboarding/result']]);
  });

  // Onboarding is the reader's own tenant: a platform operator whose own stored version is
  // disabled reads the operator's fix (enable it) and may also connect again, as its partner may.
  it("a failed read an operator fixes in the vault also offers the partner's way, a new consent", () => {
    const disabled = vaultEntries.vault_secret_disabled;
    const html = renderToStaticMarkup(
      createElement(FailurePanel, {
        failure: { code: 'vault_secret_disabled', ...disabled, step: 'status' },
      }),
    );
    expect(buttons(html)).toEqual([
      ['Check again after fixing', '/onboarding'],
      ['Re-consent Partner Center', '/api/consent/start'],
    ]);
    const refused = renderToStaticMarkup(
      createElement(FailurePanel, {
        failure: { code: 'vault_forbidden', ...vaultEntries.vault_forbidden, step: 'status' },
      }),
    );
    expect(buttons(refused)).toEqual([['Check again after fixing', '/onboarding']]);
  });

  // Only a tenant's own Admins read onboarding: "have one of the partner's admins connect
  // Partner Center again" sat beside the Re-consent button the reader may press themselves.
  it('words the new consent as the reader’s own, for the operator and for a partner', () => {
    const words = (failure: OnboardingFailureView) =>
      renderToStaticMarkup(createElement(FailurePanel, { failure }))
        .replace(/<[^>]+>/g, '')
        .replace(/&#x27;/g, "'");
    const view = { code: 'vault_secret_disabled', ...vaultEntries.vault_secret_disabled };
    const operator = words({ ...fixFor(view, 'operator'), step: 'status' });
    expect(operator).toContain(
      'What to do: Enable its current version in Key Vault, or re-consent in onboarding to store a new one.',
    );
    const partner = words({ ...fixFor(view, 'partner'), step: 'status' });
    expect(partner).toContain(
      "What to do: Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.",
    );
    for (const panel of [operator, partner])
      expect(panel).not.toMatch(/partner's admins|A partner admin connects/);
  });

  // Only its fix was addressed to them: "The partner's stored Partner Center connection is
  // disabled" headed the panel of the Admin whose connection it is.
  it('words the disabled connection as the reader’s own, in its heading and its problem', () => {
    const words = (failure: OnboardingFailureView) =>
      renderToStaticMarkup(createElement(FailurePanel, { failure })).replace(/&#x27;/g, "'");
    const view = { code: 'vault_secret_disabled', ...vaultEntries.vault_secret_disabled };
    for (const reader of ['operator', 'partner'] as const) {
      const panel = words({ ...fixFor(view, reader), step: 'status' });
      expect(panel).toMatch(
        /id="failure-title"[^>]*>Your stored Partner Center connection is disabled in Key Vault\.</,
      );
      expect(panel).not.toContain("The partner's stored");
    }
    // A problem under a heading is addressed too.
    const titled = words({
      code: 'token_unavailable',
      title: 'The stored connection cannot be read',
      problem: "The partner's stored Partner Center connection is disabled in Key Vault.",
      action: 're-consent',
    });
    expect(titled).toContain(
      '<p>Your stored Partner Center connection is disabled in Key Vault.</p>',
    );
  });

  it('asks the reader to re-consent where the steps named one of the partner’s admins', () => {
    const html = panelFor(700082).replace(/&#x27;/g, "'");
    expect(html).toContain('Re-consent in onboarding.');
    expect(html).not.toContain("One of this partner's admins");
  });

  // "Sign in again", "Try again", "Connect again" beside step 2's "Connect Partner Center" read
  // as other actions; each starts the same consent.
  it('another sign-in action is one button, named as step 2 names the consent, not promising MFA fixes it', () => {
    expect(buttons(panelFor(50020))).toEqual([['Connect Partner Center', '/api/consent/start']]);
  });

  // The view is stored between the callback's redirect and this page.
  it('offers a stored first page only when it is https', () => {
    const failure = {
      ...onboardingFailureView(
        new EntraError({ error: 'invalid_grant', status: 400, aadsts: 50079 }),
      ),
      fixAt: { label: 'Open', href: 'javascript:alert(1)', then: 'Then' },
    };
    const html = renderToStaticMarkup(createElement(FailurePanel, { failure }));
    expect(buttons(html)).toEqual([['Connect Partner Center', '/api/consent/start']]);
  });

  it('a failed re-consent names its button Re-consent Partner Center, as step 2 does', () => {
    const html = renderToStaticMarkup(
      createElement(FailurePanel, {
        failure: { code: 'access_denied', problem: 'You cancelled the consent.', action: 'retry' },
        connected: true,
      }),
    );
    expect(buttons(html)).toEqual([['Re-consent Partner Center', '/api/consent/start']]);
    expect(html).not.toContain('Try again');
    // Never "Re-" / "consent Partner Center" in a narrow panel.
    expect(html).toContain(
      '><span><span class="whitespace-nowrap">Re-consent</span> Partner Center</span></a>',
    );
  });

  // Connecting would fail again: step 2's button is disabled, and step 1 says why.
  it('with a failed set-up check, offers no consent; a Microsoft page to fix first stays', () => {
    const blocked = (failure: OnboardingFailureView) =>
      buttons(renderToStaticMarkup(createElement(FailurePanel, { failure, blocked: true })));
    expect(
      blocked({
        code: 'cookie_missing',
        problem: 'The consent session was not found.',
        action: 'retry',
      }),
    ).toEqual([]);
    expect(
      blocked(
        onboardingFailureView(
          new EntraError({ error: 'invalid_grant', status: 400, aadsts: 50079 }),
        ),
      ),
    ).toEqual([['Register an MFA method', 'https://aka.ms/mfasetup']]);
  });
});

describe('what support needs', () => {
  const correlationId = '3f1d2c4b-0000-4000-8000-000000000001';
  const details = (props: Parameters<typeof SupportDetails>[0]) =>
    renderToStaticMarkup(createElement(SupportDetails, props));

  // A W3C trace id is 32 digits without a break: on a phone it ran out of the details box.
  it('lets every folded value break anywhere, in a column that may shrink below its longest id', () => {
    const html = details({
      correlationId,
      traceId: '0af7651916cd43dd8448eb211c80319c',
      detail: 'AADSTS65004: User declined to consent to access the app.',
    });
    expect(html).toContain('grid-cols-[auto_minmax(0,1fr)]');
    const values = [...html.matchAll(/<dd class="([^"]*)"/g)].map((m) => m[1]);
    expect(values).toHaveLength(2);
    for (const classes of values) expect(classes).toContain('wrap-anywhere');
  });

  it('gives the correlation id unfolded, in the sentence every failure uses', () => {
    const html = details({ correlationId, detail: 'HTTP 503' });
    const sentence = html.indexOf('If you contact support, quote correlation ID');
    expect(sentence).toBeGreaterThanOrEqual(0);
    expect(html.indexOf(correlationId)).toBeGreaterThan(sentence);
    expect(html.indexOf(correlationId)).toBeLessThan(html.indexOf('<details'));
    // Nothing to fold: no empty "Technical details" box.
    expect(details({ correlationId })).not.toContain('<details');
  });
});
