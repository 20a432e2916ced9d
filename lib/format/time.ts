/**
 * Dates as British English's medium style writes them ("5 Mar 2026, 14:05"), written by hand
 * from the UTC fields: `Intl.DateTimeFormat#formatToParts` cost a users page about 0.2 ms of
 * CPU for its 25 rows' times (bench/profile.ts, 2026-12-07), more than any other portal code.
 * Every month has three letters: British English writes September "Sept" (CLDR 38 and later),
 * so "30 Sept 2026" had stood beside "15 Aug 2026".
 */
const monthAbbreviations = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** "5 Mar 2026": the UTC day, the month's three letters and the year. */
function utcDay(date: Date): string {
  return `${date.getUTCDate()} ${monthAbbreviations[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "14:05", or "14:05:59" `withSeconds`: the UTC clock, 24-hour. */
function utcClock(date: Date, withSeconds: boolean): string {
  const minutes = `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}`;
  return withSeconds ? `${minutes}:${twoDigits(date.getUTCSeconds())}` : minutes;
}

/**
 * An ISO 8601 date-time without `Z` or an offset (`2021-03-04T10:11:12`, with any number of
 * fraction digits, or a space for the `T`). JavaScript reads such a time as the server's
 * local time; Partner Center's times are UTC (its examples end in `Z`), so it gets a `Z`.
 */
const withoutOffset = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
/** A calendar date alone: JavaScript reads it as UTC midnight, but no time was given. */
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO time as "12 Mar 2026, 14:05 UTC"; `fallback` when absent or unreadable. */
export function formatUtc(iso: string | null, fallback = '—'): string {
  return formatWith(false, iso, fallback);
}

/** The same to the second, "12 Mar 2026, 14:05:59 UTC": when an answer was read, when consent was given. */
export function formatUtcSeconds(iso: string | null, fallback = '—'): string {
  return formatWith(true, iso, fallback);
}

/**
 * To the millisecond, without the zone: "6 Dec 2026, 00:32:26.718". For audit events, which can
 * be close together; the reader heads the column "(UTC)" or adds " UTC" (`formatUtcMillisecondsZoned`).
 * The date and the clock come apart so that a narrow column can break between them only.
 */
export function utcMillisecondParts(date: Date): { date: string; clock: string } {
  const milliseconds = String(date.getUTCMilliseconds()).padStart(3, '0');
  return { date: utcDay(date), clock: `${utcClock(date, true)}.${milliseconds}` };
}

/** `utcMillisecondParts` as one line with its zone: "6 Dec 2026, 00:32:26.718 UTC". */
export function formatUtcMillisecondsZoned(date: Date): string {
  const { date: day, clock } = utcMillisecondParts(date);
  return `${day}, ${clock} UTC`;
}

/** Now, as `formatUtcSeconds` writes it: when a page that reports a failure was rendered. */
export function nowUtcSeconds(nowMs = Date.now()): string {
  return formatUtcSeconds(new Date(nowMs).toISOString());
}

function formatWith(withSeconds: boolean, iso: string | null, fallback: string): string {
  const text = iso?.trim();
  if (!text) return fallback;
  const date = new Date(withoutOffset.test(text) ? `${text}Z` : text);
  if (Number.isNaN(date.getTime())) return fallback;
  // A date alone says the day, not a midnight it never stated.
  if (dateOnly.test(text)) return utcDay(date);
  return `${utcDay(date)}, ${utcClock(date, withSeconds)} UTC`;
}
