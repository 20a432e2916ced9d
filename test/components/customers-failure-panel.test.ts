import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailurePanel } from '@/components/customers/failure-panel';
import { ReconsentPrompt } from '@/components/customers/status-notices';
import type { FailureView } from '@/lib/failure';

const refusal: FailureView = {
  code: 'forbidden',
  title: 'Partner Center refused to show this customer\u2019s users',
  problem: 'The access the portal signs in with does not include this customer\u2019s users.',
  action: 'retry',
  owner: 'partner-center',
  steps: ['Open Admin relationships.', 'Assign the role to a group.', 'Try again.'],
};

const render = (isAdmin: boolean) =>
  renderToStaticMarkup(
    createElement(FailurePanel, { failure: refusal, retryHref: '/customers/c/users', isAdmin }),
  );

describe('the customers failure panel', () => {
  it('gives an Admin the fix step by step and whose setting it is', () => {
    const html = render(true);
    expect(html).toContain('data-testid="failure-steps"');
    expect(html).toContain('data-owner="partner-center"');
    for (const step of refusal.steps!)
      expect(html).toContain(`<li class="break-words">${step}</li>`);
  });

  it('tells a sales agent the problem only: the steps are not theirs to take', () => {
    const html = render(false);
    expect(html).toContain(refusal.problem);
    expect(html).not.toContain('data-testid="failure-steps"');
  });
});

describe('the customers failure panel\u2019s kicker', () => {
  const kicker = (code: string) => {
    const html = renderToStaticMarkup(
      createElement(FailurePanel, {
        failure: { code, problem: 'Something failed.', action: 'retry' },
        retryHref: '/customers',
        isAdmin: true,
      }),
    );
    // The kicker's words, before the separator and the code.
    return /^<section[^>]*><p[^>]*>(.*?)<span/s.exec(html)![1]!.trim();
  };

  it('names Partner Center for its own answers', () => {
    for (const code of ['throttled', 'unavailable', 'forbidden', 'malformed_response'])
      expect(kicker(code)).toBe('Partner Center');
  });

  it('names the portal for its own limit on a person\u2019s calls, not Partner Center', () => {
    expect(kicker('person_budget_spent')).toBe('Portal limit');
  });

  it('names the portal\u2019s way in for a token, vault or settings failure', () => {
    for (const code of ['token_unavailable', 'vault_throttled', 'configuration_error'])
      expect(kicker(code)).toBe('Partner Center access');
  });
});

describe('the re-consent prompt', () => {
  const prompt = (isAdmin: boolean) =>
    renderToStaticMarkup(createElement(ReconsentPrompt, { reason: 'not-connected', isAdmin }));

  it('links an Admin to onboarding', () => {
    expect(prompt(true)).toContain('href="/onboarding"');
  });

  it('gives anyone else no link to a page that would refuse them, only whom to ask', () => {
    expect(prompt(false)).not.toContain('<a ');
    expect(prompt(false)).toContain('Ask a partner admin of your tenant to connect it');
  });
});
