/** "in 45 min" / "3 days ago", relative to the report's own time (the clock the facts use). */
export function relativeTime(iso: string | null, nowIso: string): string {
  if (!iso) return '';
  const diff = new Date(iso).getTime() - new Date(nowIso).getTime();
  const abs = Math.abs(diff);
  // Never "in 0 s" or "0 s ago": a few seconds either way is now.
  if (abs < 5_000) return 'just now';
  const [value, unit] =
    abs < 60_000
      ? [Math.round(abs / 1000), 's']
      : abs < 3_600_000
        ? [Math.round(abs / 60_000), 'min']
        : abs < 86_400_000
          ? [Math.round(abs / 3_600_000), 'h']
          : [Math.round(abs / 86_400_000), abs < 2 * 86_400_000 ? 'day' : 'days'];
  return diff >= 0 ? `in ${value} ${unit}` : `${value} ${unit} ago`;
}
