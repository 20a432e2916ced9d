import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LatestAudit } from '@/components/dashboard/latest-audit';
import { sampleAuditEvent } from '@/lib/audit/events.test-support';

/**
 * The home page's latest audit events. While the database did not answer, the card said so in a
 * grey line with no way on; then the audit list's whole failure card stood here, the outage's
 * cause and fix a second time beside "Needs attention", which names the database and what to do.
 * Now the card says the trail cannot be read, points to "Needs attention", and offers "Try again".
 */

const unavailableCard = (html: string) =>
  /<section [^>]*data-testid="latest-audit-unavailable"[^>]*>.*?<\/section>/s.exec(html)?.[0];
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('the latest audit events on the home page', () => {
  it('lists the events, with the way to the full trail', () => {
    const html = renderToStaticMarkup(createElement(LatestAudit, { events: [sampleAuditEvent] }));
    expect(html).toContain('data-testid="latest-audit-event"');
    expect(html).toContain('href="/audit"');
    expect(unavailableCard(html)).toBeUndefined();
  });

  // A narrow line on a phone read "Re-" / "consent".
  it('keeps a hyphenated action whole', () => {
    const html = renderToStaticMarkup(
      createElement(LatestAudit, {
        events: [{ ...sampleAuditEvent, action: 'consent.reconsented' }],
      }),
    );
    expect(html).toMatch(
      /<a [^>]*href="\/audit\/[^"]*"><span><span class="whitespace-nowrap">Re-consent<\/span><\/span><\/a>/,
    );
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

  it('says, under its own title, that the trail cannot be read, and points to "Needs attention"', () => {
    const card = unavailableCard(
      renderToStaticMarkup(createElement(LatestAudit, { events: 'unavailable' })),
    );
    expect(card).toBeDefined();
    expect(card).toMatch(/<h2 id="latest-audit-heading"[^>]*>Latest audit events<\/h2>/);
    expect(card).toContain('aria-labelledby="latest-audit-heading"');
    expect(text(card ?? '')).toContain(
      'The audit trail cannot be read right now: “Needs attention” above says why.',
    );
    expect(card).toMatch(/<a href="#attention-heading"[^>]*>Needs attention<\/a>/);
    expect(card).toMatch(/<p [^>]*role="status"/);
  });

  it('does not repeat the outage’s cause or fix, which "Needs attention" gives', () => {
    const card =
      unavailableCard(
        renderToStaticMarkup(createElement(LatestAudit, { events: 'unavailable' })),
      ) ?? '';
    for (const words of [
      /database/i,
      'kept and written',
      'Try again in a minute',
      'audit_unavailable',
      'href="/health"',
      'href="/audit"',
    ])
      expect(card).not.toMatch(words);
  });

  it('tries again where it is shown, as a link no louder than the page’s main button', () => {
    const card = (retryHref?: string) =>
      unavailableCard(
        renderToStaticMarkup(createElement(LatestAudit, { events: 'unavailable', retryHref })),
      ) ?? '';
    expect(card()).toMatch(/<a [^>]*href="\/"[^>]*>Try again<\/a>/);
    expect(card('/?from=menu')).toMatch(/<a [^>]*href="\/\?from=menu"[^>]*>Try again<\/a>/);
    expect(/<a ([^>]*)>Try again<\/a>/.exec(card())?.[1]).not.toContain('bg-brand-600');
  });
});
