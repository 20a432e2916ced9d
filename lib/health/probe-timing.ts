/**
 * How often a dependency found down is probed again, when the probe interval is longer. A
 * fault soak saw a probe that fell inside a 4 s Partner Center outage keep `/api/health` at 503
 * for the whole 30 s interval; probing a down dependency again after 5 s costs one call per
 * dependency per instance, and shows its recovery within seconds. Good and degraded
 * (throttled, refused) verdicts stand for the whole interval.
 */
export const downRecheckSeconds = 5;

/** How long a probe's `down` verdict stands, for a given probe interval. */
export function downProbeIntervalSeconds(probeIntervalSeconds: number): number {
  return Math.min(probeIntervalSeconds, downRecheckSeconds);
}
