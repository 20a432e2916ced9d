import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExportFailurePanel } from '@/components/customers/export-failure-panel';
import { FailurePanel as CustomersFailurePanel } from '@/components/customers/failure-panel';
import { FailurePanel as OnboardingFailurePanel } from '@/components/onboarding/failure-panel';
import { Notice } from '@/components/ui/notice';

/** The first element of `html` (the kicker: it comes before the title): its class and text. */
function kickerOf(html: string): { className: string; text: string; code: string | null } {
  const inner = /^<section[^>]*>(?:<div role="alert">)?(<p class="([^"]*)">(.*?)<\/p>)/s.exec(html);
  expect(inner, html).not.toBeNull();
  return {
    className: inner![2]!,
    text: inner![3]!.replace(/<[^>]+>/g, ''),
    code: /<code[^>]*>(.*?)<\/code>/.exec(inner![3]!)?.[1] ?? null,
  };
}

/** The kicker of each place a failure is shown, rendered from a typical failure. */
const kickers = () => ({
  customers: kickerOf(
    renderToStaticMarkup(
      createElement(CustomersFailurePanel, {
        failure: {
          code: 'partner_center_unavailable',
          problem: 'Partner Center is not answering.',
          action: 'retry',
        },
        retryHref: '/customers',
        isAdmin: false,
      }),
    ),
  ),
  export: kickerOf(
    renderToStaticMarkup(
      createElement(ExportFailurePanel, {
        failure: {
          code: 'partner_center_unavailable',
          problem: 'Partner Center is not answering.',
          action: 'retry',
        },
        exportHref: '/customers/c-1/users/export',
      }),
    ),
  ),
  onboarding: kickerOf(
    renderToStaticMarkup(
      createElement(OnboardingFailurePanel, {
        failure: {
          code: 'consenter_not_admin',
          problem: 'The account that consented is not an Admin of the portal.',
          fix: 'Consent with an Admin.',
          action: 're-consent',
        },
      }),
    ),
  ),
  notice: kickerOf(
    renderToStaticMarkup(
      // Called directly: it has no hooks, and its props type wants the children among them.
      Notice({
        kicker: 'Sign-in failed',
        code: 'AADSTS90094',
        tone: 'danger',
        title: 'We could not sign you in',
        children: 'Try again.',
      }),
    ),
  ),
});

describe("a failure's kicker", () => {
  it('is one style on the customers, export and onboarding panels and on a status page', () => {
    expect(new Set(Object.values(kickers()).map((k) => k.className)).size).toBe(1);
  });

  it('says where or what happened, then the code in its own case', () => {
    const { onboarding, customers, export: csv, notice } = kickers();
    expect(onboarding.text).toBe('Connection failed · consenter_not_admin');
    expect(onboarding.code).toBe('consenter_not_admin');
    expect(customers.text).toBe('Partner Center · partner_center_unavailable');
    expect(csv.text).toBe('CSV export · partner_center_unavailable');
    // Entra's code on the sign-in failure page, as the panels show theirs (it was part of the
    // kicker's words, in capitals).
    expect(notice).toMatchObject({ text: 'Sign-in failed · AADSTS90094', code: 'AADSTS90094' });
  });
});
