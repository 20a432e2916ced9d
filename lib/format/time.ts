/**
 * One formatter for every call: `toLocaleString` with options builds a new Intl.DateTimeFormat
 * each time (locale data and pattern resolution), which showed in bench/profile.ts.
 */
const utcMinutes = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** An ISO time as "12 Mar 2026, 14:05 UTC"; `fallback` when absent or unreadable. */
export function formatUtc(iso: string | null, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return `${utcMinutes.format(date)} UTC`;
}
