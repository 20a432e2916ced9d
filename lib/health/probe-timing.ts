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

/** How long probe samples are kept (`health_probe_history`): older ones are gone from every chart. */
export const probeHistoryKeptHours = 24;

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

/**
 * How many probe intervals a dependency's latest verdict may age before a report stops
 * vouching for it. A report serves a verdict up to one interval old (on the host's clock) and
 * may then wait up to `partnerCenterProbeBoundMs` for the Partner Center probe; anything older
 * was not renewed in step with the report's clock: the cloud's clock, which dates reports,
 * jumped away from the host's, on which probes are cached (moving the local profile's emulator
 * clock does that).
 */
export const staleAfterProbeIntervals = 3;

/** The age, on the report's clock, past which a probe's verdict no longer describes now. */
export function staleVerdictAfterMs(probeIntervalSeconds: number): number {
  return staleAfterProbeIntervals * probeIntervalSeconds * 1000 + partnerCenterProbeBoundMs;
}

/**
 * Whether a verdict taken at `checkedAt` is too old to stand for the report made at
 * `reportedAt` (both on the cloud's clock), or dated as far ahead of it: then the clocks
 * disagree and its age is unknown.
 */
export function isStaleVerdict(
  checkedAt: number,
  reportedAt: number,
  probeIntervalSeconds: number,
): boolean {
  return Math.abs(reportedAt - checkedAt) > staleVerdictAfterMs(probeIntervalSeconds);
}
