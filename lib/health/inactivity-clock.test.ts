import { describe, expect, it } from 'vitest';
import { inactivityClock, inactivityClockWords } from './inactivity-clock';
import type { InactivityWindow, TenantHealth } from './types';

const window = (over: Partial<InactivityWindow>): InactivityWindow => ({
  limitDays: 90,
  lastActivityAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-04-01T00:00:00.000Z',
  daysLeft: 82,
  warning: 'none',
  ...over,
});
const words = (
  status: TenantHealth['status'],
  inactivity: InactivityWindow,
  aadsts: number | null = null,
) =>
  inactivityClockWords(
    inactivityClock({
      status,
      inactivity,
      lastError: aadsts === null ? null : ({ aadsts } as TenantHealth['lastError']),
    }),
  );

describe('inactivityClock', () => {
  it('blames inactivity only for what it caused', () => {
    expect(words('needs-reconsent', window({}), 70043)).toBe('Not applicable until re-consent');
    expect(words('needs-reconsent', window({}))).toBe('Not applicable until re-consent');
    expect(words('needs-reconsent', window({}), 700082)).toBe('Ended: unused for 90 days');
    expect(words('needs-reconsent', window({ daysLeft: 0, warning: 'expired' }))).toBe(
      'Ended: unused for 90 days',
    );
  });

  // A block policy (AADSTS53003) the partner lifts in Entra: the stored grant works again if it
  // has not gone unused for the limit by then. "Not applicable until re-consent" stood beside
  // the card's "may work again without a new consent".
  it('keeps counting for a refusal the partner can clear in Entra, until the window runs out', () => {
    expect(words('needs-reconsent', window({}), 53003)).toBe('82 days left of 90');
    expect(words('needs-reconsent', window({ daysLeft: 0, warning: 'expired' }), 53003)).toBe(
      'Ended: unused for 90 days',
    );
  });

  it('counts down otherwise, and says when nothing dates the token', () => {
    expect(words('expiring-soon', window({ daysLeft: 1, warning: 'second' }))).toBe(
      '1 day left of 90',
    );
    expect(words('degraded', window({ daysLeft: null, lastActivityAt: null }))).toBe('Unknown');
  });
});
