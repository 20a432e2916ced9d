import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConnectPanel } from '@/components/onboarding/connect-panel';
import { reconsentIsTheFix } from './connect-panel';

/** Step 2's Connect button: its label and whether it is drawn as the main (brand) action. */
function button(html: string): { label: string; primary: boolean } {
  const link = /<a href="\/api\/consent\/start" class="([^"]*)">([^<]*)<\/a>/.exec(html);
  expect(link, 'the button starts the consent').not.toBeNull();
  return { label: link![2]!, primary: link![1]!.includes('bg-brand-600') };
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
    expect(html).toContain('stores a new version of the secret');
  });

  it('connected and needing re-consent: Re-consent is the main action', () => {
    const html = renderToStaticMarkup(
      createElement(ConnectPanel, { connected: true, blocked: false, needsReconsent: true }),
    );
    expect(button(html)).toEqual({ label: 'Re-consent Partner Center', primary: true });
    expect(html).not.toContain('Nothing to do');
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
