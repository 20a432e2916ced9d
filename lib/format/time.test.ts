import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatUtc,
  formatUtcMillisecondsZoned,
  formatUtcSeconds,
  utcMillisecondParts,
} from './time';

describe('formatUtc', () => {
  it('shows the UTC wall time whatever the offset it was written with', () => {
    expect(formatUtc('2026-03-12T14:05:59Z')).toBe('12 Mar 2026, 14:05 UTC');
    expect(formatUtc('2026-03-12T23:30:00-02:00')).toBe('13 Mar 2026, 01:30 UTC');
  });

  it('falls back when the time is absent or unreadable', () => {
    expect(formatUtc(null)).toBe('—');
    expect(formatUtc('', 'Never')).toBe('Never');
    expect(formatUtc('yesterday', 'Never')).toBe('Never');
  });
});

describe('formatUtcSeconds', () => {
  it('shows the UTC wall time to the second', () => {
    expect(formatUtcSeconds('2026-03-12T14:05:59Z')).toBe('12 Mar 2026, 14:05:59 UTC');
    expect(formatUtcSeconds('2026-03-12T23:30:07-02:00')).toBe('13 Mar 2026, 01:30:07 UTC');
  });

  it('falls back when the time is absent or unreadable', () => {
    expect(formatUtcSeconds(null, 'unknown')).toBe('unknown');
    expect(formatUtcSeconds('not a time', 'unknown')).toBe('unknown');
  });
});

/**
 * Partner Center's times are UTC; JavaScript reads an ISO time without an offset as the
 * server's local time. The server's zone is set here (Node rereads `TZ` when it is assigned)
 * to one that is never UTC, so a time read as local would show 5 hours off.
 */
describe('times without an offset, on a server outside UTC', () => {
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('is really outside UTC here', () => {
    expect(new Date(2021, 2, 4).getTimezoneOffset()).toBe(300);
  });

  it('reads a date-time without Z or offset as UTC', () => {
    expect(formatUtc('2021-03-04T10:11:12')).toBe('4 Mar 2021, 10:11 UTC');
    expect(formatUtcSeconds('2021-03-04T10:11:12')).toBe('4 Mar 2021, 10:11:12 UTC');
    expect(formatUtcSeconds('2021-03-04T10:11:12.1234567')).toBe('4 Mar 2021, 10:11:12 UTC');
    expect(formatUtc('2021-03-04 23:30')).toBe('4 Mar 2021, 23:30 UTC');
  });

  it('keeps reading times with Z or an offset, with any number of fraction digits', () => {
    expect(formatUtcSeconds('2021-03-04T10:11:12.1234567Z')).toBe('4 Mar 2021, 10:11:12 UTC');
    expect(formatUtcSeconds('2021-03-04T10:11:12.5+02:00')).toBe('4 Mar 2021, 08:11:12 UTC');
  });

  it('writes every month in three letters, September too', () => {
    expect(formatUtc('2026-09-30T10:00:00Z')).toBe('30 Sep 2026, 10:00 UTC');
    expect(formatUtcSeconds('2026-09-01T00:00:05Z')).toBe('1 Sep 2026, 00:00:05 UTC');
    expect(formatUtc('2026-09-30')).toBe('30 Sep 2026');
    expect(formatUtc('2026-06-15T12:00:00Z')).toBe('15 Jun 2026, 12:00 UTC');
  });

  it('shows a date without a time as that date, not a midnight it never stated', () => {
    expect(formatUtc('2021-03-04')).toBe('4 Mar 2021');
    expect(formatUtcSeconds('2021-03-04')).toBe('4 Mar 2021');
  });
});

/**
 * The times are written by hand from the UTC fields (lib/format/time.ts says why); they stay
 * what British English's medium date and time styles write, September's "Sept" aside.
 */
describe('written as Intl writes them', () => {
  const british = (timeStyle: 'short' | 'medium') =>
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle, timeZone: 'UTC' });
  const [minutes, seconds] = [british('short'), british('medium')];
  const asIntl = (format: Intl.DateTimeFormat, date: Date) =>
    `${format.format(date).replace('Sept', 'Sep')} UTC`;

  it('agrees on every hour of a leap year and on dates across four centuries', () => {
    const dates: Date[] = [];
    for (let ms = Date.UTC(2028, 0, 1); ms < Date.UTC(2029, 0, 1); ms += 3_600_000 + 61_000)
      dates.push(new Date(ms));
    for (let year = 1900; year < 2300; year += 7)
      dates.push(new Date(Date.UTC(year, year % 12, (year % 28) + 1, year % 24, year % 60, 9)));
    for (const date of dates) {
      const iso = date.toISOString();
      expect(formatUtc(iso)).toBe(asIntl(minutes, date));
      expect(formatUtcSeconds(iso)).toBe(asIntl(seconds, date));
    }
  });
});

// Audit events can be close together: the audit pages keep the milliseconds, in the words the
// rest of the portal writes times in (they said "2026-12-06 00:32:26.718").
describe('utcMillisecondParts', () => {
  it('writes the UTC date and the clock to the millisecond, apart', () => {
    expect(utcMillisecondParts(new Date('2026-12-06T00:32:26.718Z'))).toEqual({
      date: '6 Dec 2026',
      clock: '00:32:26.718',
    });
    expect(utcMillisecondParts(new Date('2026-09-30T23:59:07.005-02:00'))).toEqual({
      date: '1 Oct 2026',
      clock: '01:59:07.005',
    });
    expect(utcMillisecondParts(new Date('2026-09-01T10:00:00Z')).date).toBe('1 Sep 2026');
  });

  it('names the zone when written as one line', () => {
    expect(formatUtcMillisecondsZoned(new Date('2026-12-06T00:32:26.7Z'))).toBe(
      '6 Dec 2026, 00:32:26.700 UTC',
    );
  });
});
