import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConnectPanel } from '@/components/onboarding/connect-panel';
import { OnboardingSkeleton } from '@/components/onboarding/skeletons';
import { reconsentIsTheFix } from './connect-panel';

/** A label's words: its hyphenated words sit in spans that keep them whole (WholeWords). */
const words = (html: string) => html.replace(/<[^>]+>/g, '');

/** Step 2's Connect button: its label and whether it is drawn as the main (brand) action. */
function button(html: string): { label: string; primary: boolean } {
  const link = /<a href="\/api\/consent\/start" class="([^"]*)">(.*?)<\/a>/.exec(html);
  expect(link, 'the button starts the consent').not.toBeNull();
  return { label: words(link![2]!), primary: link![1]!.includes('bg-brand-600') };
}

describe('step 2, Consent at Microsoft', () => {
  it('blocked by a failed setup check, offers no link a keyboard could still follow', () => {
    const html = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: false, blocked: true }),
    );
    expect(html).toContain('Fix the checks that failed in step 1 (Check setup) first');
    expect(html).toContain('Connect Partner Center');
    expect(html).not.toContain('href="/api/consent/start"');
    // Still announced as a disabled link (the e2e finds it by that role).
    expect(html).toMatch(/<a role="link" aria-disabled="true"[^>]*>Connect Partner Center<\/a>/);
  });

  it('not connected: Connect Partner Center is the main action', () => {
    const html = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: false, blocked: false }),
    );
    expect(button(html)).toEqual({ label: 'Connect Partner Center', primary: true });
  });

  it('connected and working: Re-consent is secondary, beside when to use it', () => {
    const html = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: true, blocked: false }),
    );
    expect(button(html)).toEqual({ label: 'Re-consent Partner Center', primary: false });
    expect(html).toContain('Nothing to do while the connection works.');
    expect(html).toContain('before the account that consented leaves');
    expect(html).toContain('stores the new refresh token as a new Key Vault version');
  });

  it('connected and needing re-consent: Re-consent is the main action', () => {
    const html = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: true, blocked: false, needsReconsent: true }),
    );
    expect(button(html)).toEqual({ label: 'Re-consent Partner Center', primary: true });
    expect(html).not.toContain('Nothing to do');
  });

  // Step 2's side box is narrow from md (2fr of the card): never "Re-" / "consent".
  it('keeps "Re-consent" whole on its button', () => {
    for (const blocked of [false, true])
      expect(
        renderToStaticMarkup(createElement(ConnectPanel, { connected: true, blocked })),
      ).toContain(
        '<span><span class="whitespace-nowrap">Re-consent</span> Partner Center</span></a>',
      );
  });
});

describe('step 2 beside a failure', () => {
  it('the failure panel carries the consent: no button of its own, and where the one is', () => {
    for (const connected of [false, true]) {
      const html = renderToStaticMarkup(
        createElement(ConnectPanel, { connected, blocked: false, failure: 'starts-consent' }),
      );
      expect(html).not.toContain('/api/consent/start');
      expect(html).not.toContain('Partner Center</a>');
      expect(html).toContain('Start it with the button in the failure above.');
      expect(html).not.toContain('Nothing to do');
    }
  });

  it('a failure shown whose panel does not carry it: the button stays, without "Nothing to do"', () => {
    const html = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: true, blocked: false, failure: 'shown' }),
    );
    expect(button(html)).toEqual({ label: 'Re-consent Partner Center', primary: false });
    expect(html).not.toContain('Nothing to do');
    expect(html).toContain('Re-consenting stores the new refresh token as a new Key Vault version');
  });
});

// Centred in the row's height, its few lines left ~80 px of grey above and below them.
describe("step 2's side box", () => {
  it('sits at the top of its row, its lines from the top', () => {
    const html = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: false, blocked: false }),
    );
    const box = /<div class="([^"]*bg-slate-50[^"]*)"/.exec(html)![1]!.split(' ');
    expect(box).not.toContain('justify-center');
    expect(box).toContain('self-start');
  });

  it('the loading state draws it in the same place', () => {
    const classes = (html: string) => /<div class="([^"]*bg-slate-50[^"]*)"/.exec(html)![1];
    const page = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: false, blocked: false }),
    );
    expect(classes(renderToStaticMarkup(createElement(OnboardingSkeleton)))).toBe(classes(page));
  });
});

describe('reconsentIsTheFix', () => {
  it.each([
    ['re-consent', true],
    ['grant-consent', true],
    ['retry', false],
    ['wait', false],
    ['sign-in-again', false],
  ])('%s: %s', (action, fix) => {
    expect(reconsentIsTheFix({ action })).toBe(fix);
  });

  it('no problem: nothing to fix', () => {
    expect(reconsentIsTheFix(null)).toBe(false);
    expect(reconsentIsTheFix(undefined)).toBe(false);
  });
});
