import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailureFix } from '@/components/failure-fix';
import { FailurePanel } from '@/components/customers/failure-panel';
import type { FailureOwner } from '@/lib/entra/catalogue';
import { EntraError } from '@/lib/entra/errors';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { failureView, toFailure } from './index';

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('what to do about a failure', () => {
  it('shows the steps in place of their one-line summary, never both', () => {
    // AADSTS50196: its fix and its first step both begin "Wait a minute".
    const failure = failureView(
      toFailure(new EntraError({ error: 'invalid_grant', status: 400, aadsts: 50196 }), {
        for: 'tokens',
        tenantId: 't1',
      }),
    );
    expect(failure.fix).toMatch(/^Wait a minute/);
    const html = text(renderToStaticMarkup(createElement(FailureFix, failure)));
    expect(count(html, 'Wait a minute')).toBe(1);
    expect(html).toContain('What to do:Wait a minute: the portal asks again after a pause.');
    expect(html).toContain('No re-consent is needed.');
    expect(html).toContain('Where the cause is: ');
  });

  it('writes one step as a sentence and, without steps, the fix line under the same label', () => {
    const one = renderToStaticMarkup(
      createElement(FailureFix, { fix: 'Summary.', steps: ['Do the one thing.'] }),
    );
    expect(one).not.toContain('<ol');
    expect(text(one)).toBe('What to do: Do the one thing.');
    const none = renderToStaticMarkup(
      createElement(FailureFix, { fix: 'Summary.', label: 'What to do, for its admins' }),
    );
    expect(text(none)).toBe('What to do, for its admins: Summary.');
    expect(renderToStaticMarkup(createElement(FailureFix, {}))).toBe('');
  });
});

describe('where the cause is', () => {
  const owner = (o: FailureOwner) =>
    text(renderToStaticMarkup(createElement(FailureFix, { owner: o })));

  // The word after the colon is lower case but for a proper noun (house style): "Where the
  // cause is: The portal's…", "…: A setting in your Entra ID…" read as two sentences.
  it.each([
    ['partner-entra', "a setting in your Entra ID (your tenant's administrators can change it)"],
    ['partner-center', 'your Partner Center account'],
    ['consenting-account', 'the account that signed in or consented'],
    ['microsoft', "Microsoft's service (temporary)"],
  ] as const)('%s: "%s"', (o, words) => {
    expect(owner(o)).toBe(`Where the cause is: ${words}`);
  });

  // Its owner is the portal's for Key Vault down, Entra out of reach and this instance's path
  // too: "The portal's own configuration" stood over Key Vault being down.
  it("names the portal's own side, not its configuration alone", () => {
    expect(owner('portal')).toBe(
      "Where the cause is: the portal's own side (its operator looks after its configuration, Key Vault and network)",
    );
  });
});

describe("the customers failure panel's fix", () => {
  const refusal = () =>
    failureView(
      toFailure(
        new PartnerCenterError({
          code: 'forbidden',
          status: 403,
          partnerCenterCode: 900150,
          description: 'not an admin agent',
          requestId: null,
          correlationId: 'c',
        }),
        { for: 'customers', correlationId: 'corr' },
      ),
    );
  const panel = (isAdmin: boolean) =>
    text(
      renderToStaticMarkup(
        createElement(FailurePanel, { failure: refusal(), retryHref: '/customers', isAdmin }),
      ),
    );

  // An Admin was told "A partner admin can fix this" above the steps for fixing it.
  it('gives an Admin the steps, without the line saying a partner admin can fix it', () => {
    const admin = panel(true);
    expect(admin).toContain('Account settings → User management');
    expect(admin).not.toContain('A partner admin can fix this');
  });

  it('gives a sales agent the one line, which says who fixes it, and no steps', () => {
    const agent = panel(false);
    expect(agent).toContain(
      'What to do: Give the account the Admin agent role in Partner Center, or re-consent with an account that has it. A partner admin can fix this',
    );
    expect(agent).not.toContain('User management');
  });
});
