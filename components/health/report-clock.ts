import { useSyncExternalStore } from 'react';

/**
 * A paused page's figures (AutoRefresh): the time they are as of, and how long ago, on the
 * browser's clock, they arrived. The page counts its relative times ("checked just now") from
 * the report's own time, so they stood still while nothing refreshed; counted from this, they
 * age. Only time elapsed in the browser is added, never its time of day: a browser clock that
 * is off does not move them.
 */
export interface PausedFigures {
  /** The report's time (`generatedAt`): the `now` its relative times were counted from. */
  asOf: string;
  elapsedMs: number;
}

let paused: PausedFigures | null = null;
const listeners = new Set<() => void>();

/** Says how old the page's figures are while its updates are paused; `null` once fresh ones arrive. */
export function setPausedFigures(next: PausedFigures | null): void {
  paused = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The time to count a relative time from: `now` (the report's time), moved on by how long the
 * page's updates have been paused when `now` is the paused figures' time. Newer figures (a
 * refresh that landed) count from their own time.
 */
export function reportNow(now: string, figures: PausedFigures | null): string {
  const ms = Date.parse(now);
  if (!figures || figures.asOf !== now || Number.isNaN(ms)) return now;
  return new Date(ms + figures.elapsedMs).toISOString();
}

/** `reportNow` on the page's paused figures; the server and hydration count from `now` itself. */
export function useReportNow(now: string): string {
  return reportNow(
    now,
    useSyncExternalStore(
      subscribe,
      () => paused,
      () => null,
    ),
  );
}
