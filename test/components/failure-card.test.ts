import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailureCard } from '@/components/ui/failure-card';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A failure that arrives after the page (streamed results, a client navigation) is announced:
 * the whole card, steps, buttons and correlation id, was read out at once.
 */
describe('the failure card', () => {
  const html = renderToStaticMarkup(
    createElement(
      FailureCard,
      {
        kicker: 'Partner Center',
        code: 'pc_throttled',
        title: 'Partner Center is busy',
        titleId: 'failure-title',
        testId: 'failure',
        actions: createElement('a', { href: '/customers' }, 'Try again'),
        support: createElement('p', null, 'Correlation ID c0ffee'),
      },
      createElement('p', null, 'Wait 30 s, then try again.'),
    ),
  );

  it('is a region named by its title', () => {
    expect(html).toMatch(/^<section aria-labelledby="failure-title"/);
    expect(html).toMatch(/<h2 id="failure-title"[^>]*>Partner Center is busy<\/h2>/);
  });

  it('announces where and what only; the rest is read on the way through', () => {
    const alerts = [...html.matchAll(/<div role="alert">(.*?)<\/div>/gs)].map((m) => text(m[1]!));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/^Partner Center .*pc_throttled.* Partner Center is busy$/);
    expect(html.match(/role="alert"/g)).toHaveLength(1);
    for (const rest of ['Wait 30 s', 'Try again', 'Correlation ID']) {
      expect(text(html)).toContain(rest);
      expect(alerts[0]).not.toContain(rest);
    }
  });
});
