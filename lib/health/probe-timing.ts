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

/** How long one probe call may take (the Entra check, Partner Center's profile call). */
export const probeCallTimeoutMs = 5_000;

/**
 * The Partner Center probe as a whole, from choosing whose token to probe with to Partner
 * Center's answer: its call's deadline, and as long again to get there (the verdicts other
 * instances shared, then the token). /api/health and every home page wait for this probe.
 */
export const partnerCenterProbeBoundMs = 2 * probeCallTimeoutMs;

/**
 * How long of that bound the probe waits for the verdicts other instances shared (a read
 * PostgreSQL may stall for its own 2 s); past it this instance's own verdicts choose the
 * tenant, as while the database is away, and the token and the call keep the rest.
 */
export const sharedVerdictWaitMs = 1_000;
