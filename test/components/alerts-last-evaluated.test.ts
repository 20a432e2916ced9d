import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { formatUtc } from '@/lib/format/time';

// The section's "Evaluate now" form posts to a server action: not under test here.
vi.mock('@/lib/alerts/settings-actions', () => ({ evaluateNowAction: async () => undefined }));
const { OpenAlertsSection } = await import('@/components/alerts/open-alerts-section');

const now = Date.UTC(2026, 11, 6, 10, 12, 0);
const empty = { own: [], platform: [], partners: [] };

function render(lastEvaluatedAt: Date | null, operator = false): string {
  return renderToStaticMarkup(
    createElement(OpenAlertsSection, {
      lists: empty,
      operator,
      own: { tenantId: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22', name: 'Fabrikam Solutions' },
      lastEvaluatedAt,
      now,
    }),
  );
}
/** The "Last evaluated" line: the paragraph after the section's heading. */
const line = (html: string) => {
  const match = /<p data-testid="last-evaluated"[^>]*>([\s\S]*?)<\/p>/.exec(html);
  if (!match) throw new Error('no "Last evaluated" line');
  return match[1]!;
};

describe('"Open alerts" says how current it is', () => {
  // "Nothing is open" said nothing of when that was found: a minute ago, or a day.
  it('says when the last evaluation ran, relative, with the time in UTC as its title', () => {
    const at = new Date(now - 3 * 60_000);
    const html = render(at);
    expect(line(html)).toBe(
      `Last evaluated <time dateTime="${at.toISOString()}" title="${formatUtc(at.toISOString())}">3 min ago</time>.`,
    );
    // Under the heading, above the list and its "Nothing is open".
    expect(html.indexOf('data-testid="last-evaluated"')).toBeGreaterThan(
      html.indexOf('>Open alerts</h2>'),
    );
    expect(html.indexOf('data-testid="last-evaluated"')).toBeLessThan(
      html.indexOf('Nothing is open'),
    );
    expect(line(render(new Date(now - 26 * 3_600_000)))).toContain('>1 day ago</time>');
  });

  it('never says "in 8 s" of a time an instance a little ahead stamped', () => {
    expect(line(render(new Date(now + 8_000)))).toContain('>just now</time>');
  });

  it('says so when no evaluation has been recorded yet', () => {
    expect(line(render(null))).toBe(
      'Conditions have not been evaluated yet: press Evaluate now, below, for a first evaluation.',
    );
  });
});
