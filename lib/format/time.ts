/**
 * One formatter for every call: `toLocaleString` with options builds a new Intl.DateTimeFormat
 * each time (locale data and pattern resolution), which showed in bench/profile.ts.
 */
const utcMinutes = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const utcSeconds = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

/** An ISO time as "12 Mar 2026, 14:05 UTC"; `fallback` when absent or unreadable. */
export function formatUtc(iso: string | null, fallback = '—'): string {
  return formatWith(utcMinutes, iso, fallback);
}

/** The same to the second, "12 Mar 2026, 14:05:59 UTC": when an answer was read, when consent was given. */
export function formatUtcSeconds(iso: string | null, fallback = '—'): string {
  return formatWith(utcSeconds, iso, fallback);
}

function formatWith(format: Intl.DateTimeFormat, iso: string | null, fallback: string): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return `${format.format(date)} UTC`;
}
