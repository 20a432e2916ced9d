const units = [
  { ms: 1_000, below: 60, name: 's' },
  { ms: 60_000, below: 60, name: 'min' },
  { ms: 3_600_000, below: 24, name: 'h' },
] as const;
const dayMs = 86_400_000;

/** "in 45 min" / "3 days ago", relative to the report's own time (the clock the facts use). */
export function relativeTime(iso: string | null, nowIso: string): string {
  if (!iso) return '';
  const diff = new Date(iso).getTime() - new Date(nowIso).getTime();
  const abs = Math.abs(diff);
  // Never "in 0 s" or "0 s ago": a few seconds either way is now.
  if (abs < 5_000) return 'just now';
  const [value, unit] = rounded(abs);
  return diff >= 0 ? `in ${value} ${unit}` : `${value} ${unit} ago`;
}

/**
 * The count in the first unit it stays below the next one in once rounded (59 min 45 s is
 * "1 h", never "60 min"), and "day" or "days" by the rounded count.
 */
function rounded(ms: number): [number, string] {
  for (const unit of units) {
    const value = Math.round(ms / unit.ms);
    if (value < unit.below) return [value, unit.name];
  }
  const days = Math.round(ms / dayMs);
  return [days, days === 1 ? 'day' : 'days'];
}
