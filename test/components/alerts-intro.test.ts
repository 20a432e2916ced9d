import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AlertsIntro } from '@/components/alerts/alerts-intro';
import type { PortalConfig } from '@/lib/config';

/** The paragraph under /settings/alerts's title, as plain text. */
function introText(
  alerts: Pick<
    PortalConfig['alerts'],
    'failureThreshold' | 'dependencyDownMinutes' | 'repeatHours'
  >,
  warnDays: readonly [number, number],
): string {
  const html = renderToStaticMarkup(
    createElement(AlertsIntro, {
      alerts: alerts as PortalConfig['alerts'],
      health: { warnDays } as unknown as PortalConfig['health'],
    }),
  );
  const paragraph = /<p[^>]*>([\s\S]*?)<\/p>/.exec(html)![1]!;
  return paragraph.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");
}

describe('the Alerts intro', () => {
  const defaults = { failureThreshold: 3, dependencyDownMinutes: 15, repeatHours: 24 };

  // Ten lines of a 390 px phone before the page's first section: 418 characters.
  it('is short enough for a phone', () => {
    expect(introText(defaults, [30, 7]).length).toBeLessThanOrEqual(340);
  });

  it('still says what sets an alert off and how often it is sent, in the configured numbers', () => {
    const text = introText(
      { failureThreshold: 5, dependencyDownMinutes: 20, repeatHours: 12 },
      [45, 10],
    );
    for (const said of [
      "a partner's refresh token is 45 and 10 days from Entra's 90-day inactivity limit",
      'needs re-consent',
      'fails 5 redemptions in a row',
      'a service is down for over 20 minutes',
      "30 and 7 days before the app's credential expires",
      'One message each',
      'a reminder every 12 hours while it lasts',
      'a notice when it clears',
    ])
      expect(text).toContain(said);
    expect(text).not.toMatch(/\s{2}/);
  });
});
