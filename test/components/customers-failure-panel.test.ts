import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomerErrorBoundary } from '@/components/customers/error-boundary';
import { ExportFailurePanel } from '@/components/customers/export-failure-panel';
import { FailurePanel } from '@/components/customers/failure-panel';
import { TryAgainLink } from '@/components/customers/try-again-link';
import { ReconsentPrompt } from '@/components/customers/status-notices';
import { secondsLeft } from '@/lib/retry/seconds-left';
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

  // Beside "Try again" on a phone: never "Re-" / "consent in onboarding".
  it('keeps "Re-consent" whole on an Admin\u2019s button', () => {
    const html = renderToStaticMarkup(
      createElement(FailurePanel, {
        failure: { ...refusal, action: 're-consent' },
        retryHref: '/customers',
        isAdmin: true,
      }),
    );
    expect(html).toMatch(
      /href="\/onboarding#connect"><span><span class="whitespace-nowrap">Re-consent<\/span> in onboarding<\/span><\/a>/,
    );
  });
});

describe('what the customers failure panels give support', () => {
  const sentence = 'If you contact support, quote correlation ID';
  const failure = { ...refusal, correlationId: 'c0ffee00-0000-4000-8000-000000000001' };

  it('says it as onboarding does, with Partner Center\u2019s request id beside it', () => {
    const html = renderToStaticMarkup(
      createElement(FailurePanel, {
        failure: { ...failure, requestId: 'pc-req-7' },
        retryHref: '/customers',
        isAdmin: false,
      }),
    );
    expect(html).toContain(sentence);
    expect(html).toContain(failure.correlationId);
    expect(html).toContain('(request ID <code');
    expect(html).toContain('pc-req-7');
  });

  it('in the export\u2019s panel and the error boundary too', () => {
    const exported = renderToStaticMarkup(
      createElement(ExportFailurePanel, { failure, exportHref: '/customers/c/users/export' }),
    );
    expect(exported).toContain(sentence);
    const unexpected = renderToStaticMarkup(
      createElement(CustomerErrorBoundary, {
        error: Object.assign(new Error('x'), { digest: 'not-a-correlation' }),
        reset: () => {},
      }),
    );
    expect(unexpected).toContain('If you contact support, quote reference');
    expect(unexpected).toContain('not-a-correlation');
  });
});

describe('the panel of an export that stopped after its download started', () => {
  const stoppedAfter = (rows: number) =>
    renderToStaticMarkup(
      createElement(ExportFailurePanel, {
        failure: {
          code: 'unavailable',
          problem: 'Partner Center is not answering.',
          action: 'retry',
        },
        exportHref: '/customers/c/users/export',
        stopped: { rows, at: new Date('2026-12-07T04:00:00Z') },
      }),
    ).replace(/<[^>]+>/g, '');

  // "Stopped before any user was written" beside "the file is incomplete" read as a part-file.
  it('says the file holds no users when it stopped before the first', () => {
    expect(stoppedAfter(0)).toContain('stopped before any user was written');
    expect(stoppedAfter(0)).toContain('the file holds no users, do not use it.');
    expect(stoppedAfter(0)).not.toContain('incomplete');
  });

  it('says the file is incomplete when it stopped after some', () => {
    expect(stoppedAfter(500)).toContain('stopped after 500 users');
    expect(stoppedAfter(500)).toContain('the file is incomplete, do not use it.');
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
    return /^<section[^>]*><div role="alert"><p[^>]*>(.*?)<span/s.exec(html)![1]!.trim();
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

describe('the customers failure panel\u2019s "Try again"', () => {
  const render = (failure: FailureView) =>
    renderToStaticMarkup(
      createElement(FailurePanel, { failure, retryHref: '/customers?q=a', isAdmin: false }),
    );

  // Pressed before the wait ended, it failed the same way and spent the person's calls again.
  it('waits out a wait the failure names: disabled, counting from its seconds', () => {
    const html = render({
      code: 'person_budget_spent',
      problem: 'Try again in 23 s.',
      action: 'retry',
      retryAfterSeconds: 23,
    });
    expect(html).toMatch(
      /<button type="button" aria-disabled="true" class="[^"]*" data-testid="try-again-wait"><span>Try again in <span class="tabular-nums">23<\/span> s<\/span><\/button>/,
    );
    // Focusable while it waits (a `disabled` button is skipped by keyboards and screen
    // readers), and not pressable; without JavaScript, which never ends the wait, the link.
    expect(html).not.toContain('disabled=""');
    expect(html).toMatch(/class="[^"]*pointer-events-none[^"]*" data-testid="try-again-wait"/);
    // Its count is read: dark text on a light ground, not a faded brand button (3.1:1).
    const look = /class="([^"]*)" data-testid="try-again-wait"/.exec(html)?.[1]?.split(' ');
    expect(look).toEqual(expect.arrayContaining(['text-slate-700', 'bg-slate-100']));
    expect(look).not.toContain('opacity-70');
    expect(html.replace(/<noscript>.*?<\/noscript>/s, '')).not.toContain('href="/customers?q=a"');
    expect(html).toMatch(/<noscript><a href="\/customers\?q=a"[^>]*>Try again<\/a><\/noscript>/);
    // The status that says when the wait is over is there, empty, from the start.
    expect(html).toContain('<span role="status" class="sr-only"></span>');
  });

  // Next keeps a route's client state when only its query changes or it is loaded again: the
  // same failure after a press (same wait) kept the ended countdown and was a live link at once.
  it('counts afresh for each failure: keyed by its correlation id', () => {
    const panel = FailurePanel({
      failure: {
        code: 'throttled',
        problem: 'Wait.',
        action: 'retry',
        retryAfterSeconds: 5,
        correlationId: 'corr-2',
      },
      retryHref: '/customers',
      isAdmin: false,
    });
    const found: ReactElement[] = [];
    const walk = (node: ReactNode): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!isValidElement<{ children?: ReactNode; actions?: ReactNode }>(node)) return;
      if (node.type === TryAgainLink) found.push(node);
      walk(node.props.children);
      walk(node.props.actions);
    };
    walk(panel);
    expect(found.map((element) => element.key)).toEqual(['corr-2']);
  });

  it('is the link at once when no wait is named', () => {
    const html = render({
      code: 'unavailable',
      problem: 'Partner Center is down.',
      action: 'retry',
    });
    expect(html).toContain('href="/customers?q=a"');
    expect(html).not.toContain('try-again-wait');
    expect(html).not.toContain('role="status"');
  });
});

describe('the seconds of a wait still to come', () => {
  it('counts whole seconds down, rounding up, and stops at none', () => {
    expect(secondsLeft(23, 0)).toBe(23);
    expect(secondsLeft(23, 250)).toBe(23);
    expect(secondsLeft(23, 1_000)).toBe(22);
    expect(secondsLeft(23, 22_999)).toBe(1);
    expect(secondsLeft(23, 23_000)).toBe(0);
    expect(secondsLeft(23, 60_000)).toBe(0);
  });
});

describe('the re-consent prompt', () => {
  const prompt = (isAdmin: boolean) =>
    renderToStaticMarkup(createElement(ReconsentPrompt, { reason: 'not-connected', isAdmin }));

  it('links an Admin to onboarding', () => {
    expect(prompt(true)).toContain('href="/onboarding"');
  });

  // Never "Re-" / "consent on the onboarding page" on a phone.
  it('keeps "Re-consent" whole on its button', () => {
    expect(
      renderToStaticMarkup(
        createElement(ReconsentPrompt, { reason: 'needs-reconsent', isAdmin: true }),
      ),
    ).toContain(
      '><span><span class="whitespace-nowrap">Re-consent</span> on the onboarding page</span></a>',
    );
  });

  it('gives anyone else no link to a page that would refuse them, only whom to ask', () => {
    expect(prompt(false)).not.toContain('<a ');
    expect(prompt(false)).toContain('Ask an Admin of your partner tenant to connect it');
  });
});
