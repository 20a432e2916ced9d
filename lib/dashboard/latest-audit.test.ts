import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LatestAudit } from '@/components/dashboard/latest-audit';
import { sampleAuditEvent } from '@/lib/audit/events.test-support';

/**
 * The home page's latest audit events. While the database did not answer, the card said so in a
 * grey line with no way on: the portal's other failures say what cannot be read, why, and offer
 * "Try again" back to the same page.
 */

const failureCard = (html: string) =>
  /<section role="(?:alert|status)"[^>]*data-testid="latest-audit-unavailable"[^>]*>.*?<\/section>/s.exec(
    html,
  )?.[0];

describe('the latest audit events on the home page', () => {
  it('lists the events, with the way to the full trail', () => {
    const html = renderToStaticMarkup(createElement(LatestAudit, { events: [sampleAuditEvent] }));
    expect(html).toContain('data-testid="latest-audit-event"');
    expect(html).toContain('href="/audit"');
    expect(failureCard(html)).toBeUndefined();
  });

  // It wrote "2026-12-04 03:30:00.000 UTC" in monospace beside cards that write the pages' format.
  it("writes each time as the home page's other cards do, the exact time kept in title and dateTime", () => {
    const html = renderToStaticMarkup(createElement(LatestAudit, { events: [sampleAuditEvent] }));
    const time = /<time ([^>]*)>([^<]*)<\/time>/.exec(html);
    expect(time?.[2]).toBe('4 Dec 2026, 03:30:00 UTC');
    expect(time?.[1]).toContain('dateTime="2026-12-04T03:30:00.000Z"');
    expect(time?.[1]).toContain('title="4 Dec 2026, 03:30:00.000 UTC"');
    expect(time?.[1]).not.toContain('font-mono');
  });

  it('shows the failure card while the database does not answer: what, why, and "Try again"', () => {
    const html = renderToStaticMarkup(createElement(LatestAudit, { events: 'unavailable' }));
    const card = failureCard(html);
    expect(card).toBeDefined();
    // What cannot be read, under the kicker and code every database failure has.
    expect(card).toContain('data-code="audit_unavailable"');
    expect(card).toMatch(/>Database <span[^>]*>· <code[^>]*>audit_unavailable<\/code>/);
    expect(card).toMatch(
      /<h2 id="latest-audit-unavailable-title"[^>]*>The audit trail cannot be read right now<\/h2>/,
    );
    expect(card).toContain('aria-labelledby="latest-audit-unavailable-title"');
    // Why, and what happens to the events meanwhile.
    expect(card).toContain('the database is not answering');
    expect(card).toContain('kept and written when it is back');
    // The way on: the same page again, and the page that says when the database is back.
    expect(card).toMatch(/<a [^>]*href="\/"[^>]*>Try again<\/a>/);
    expect(card).toMatch(/<a [^>]*href="\/health"[^>]*>Open the health page<\/a>/);
  });

  it('is one card of a page that otherwise works: a polite status, and Try again not its main button', () => {
    const card = failureCard(
      renderToStaticMarkup(createElement(LatestAudit, { events: 'unavailable' })),
    );
    expect(card).toMatch(/^<section role="status"/);
    const tryAgain = /<a ([^>]*)>Try again<\/a>/.exec(card ?? '')?.[1];
    expect(tryAgain).toBeDefined();
    expect(tryAgain).not.toContain('bg-brand-600');
  });

  it('tries again where it is shown', () => {
    const html = renderToStaticMarkup(
      createElement(LatestAudit, { events: 'unavailable', retryHref: '/?from=menu' }),
    );
    expect(html).toMatch(/<a [^>]*href="\/\?from=menu"[^>]*>Try again<\/a>/);
  });
});
