import type { DependencyError, DependencyState, ProbeSample } from './types';

/** What one probe found; `value` carries data the probe read on the way (e.g. vault metadata). */
export interface ProbeOutcome<T = undefined> {
  state: DependencyState;
  error: DependencyError | null;
  value?: T;
  /** Extra context, e.g. which tenant's token the Partner Center probe used. */
  subject?: string | null;
}

export interface ProbeRecord<T = undefined> extends ProbeOutcome<T> {
  checkedAt: number;
  latencyMs: number | null;
}

export interface CachedProbe<T> {
  /** The latest record if younger than its interval, else a fresh probe (shared by all callers). */
  get(): Promise<ProbeRecord<T>>;
  /** The latest record, however old, without probing (null before the first probe ends). */
  latest(): ProbeRecord<T> | null;
  /** Recent records, oldest first. */
  history(): ProbeSample[];
  /** How many probes actually ran (tests and the bench read it). */
  runs(): number;
  /** Drops the cached record: the next `get` probes (an action changed what the probe reads). */
  forget(): void;
}

export interface CachedProbeOptions {
  intervalMs: number;
  /**
   * How long a `down` verdict stands (default: `intervalMs`). Shorter, so that a dependency
   * back from an outage shows as up soon after, while a good or throttled answer still spares
   * it for the whole interval.
   */
  downIntervalMs?: number;
  /** The clock the cache interval runs on. */
  now: () => number;
  /** The clock `checkedAt` is reported on, so it reads alongside the report's other times (default: `now`). */
  reportNow?: () => number;
  historySize?: number;
  /** Wall time for latency (a fake `now` in tests must not distort it). */
  measure?: () => number;
  /** Told of each new record before it is served (the shared history writes it); must not throw. */
  onRecord?: (record: ProbeRecord<unknown>) => Promise<void>;
}

/**
 * Wraps a probe so that many viewers and monitors cost one real call per interval:
 * fresh results are served from memory and concurrent callers share one in-flight probe.
 * A probe that throws is recorded as `down`, never cached as success.
 */
export function cachedProbe<T>(
  probe: () => Promise<ProbeOutcome<T>>,
  options: CachedProbeOptions,
): CachedProbe<T> {
  const measure = options.measure ?? (() => performance.now());
  const historySize = options.historySize ?? 30;
  const reportNow = options.reportNow ?? options.now;
  const samples: ProbeSample[] = [];
  let latest: ProbeRecord<T> | null = null;
  let latestTakenAt = 0;
  let inFlight: Promise<ProbeRecord<T>> | null = null;
  let runCount = 0;
  // Bumped by forget(): a probe that started before it must not be cached as the fresh answer.
  let generation = 0;

  async function run(): Promise<ProbeRecord<T>> {
    runCount += 1;
    const startedIn = generation;
    const started = measure();
    let outcome: ProbeOutcome<T>;
    try {
      outcome = await probe();
    } catch (err) {
      outcome = { state: 'down', error: { code: 'probe_failed', message: safeMessage(err) } };
    }
    const record: ProbeRecord<T> = {
      ...outcome,
      checkedAt: reportNow(),
      latencyMs: outcome.state === 'skipped' ? null : Math.round(measure() - started),
    };
    if (startedIn === generation) {
      latest = record;
      latestTakenAt = options.now();
    }
    samples.push(sampleOf(record));
    if (samples.length > historySize) samples.splice(0, samples.length - historySize);
    await options.onRecord?.(record);
    return record;
  }

  return {
    get() {
      const standsFor =
        latest?.state === 'down'
          ? (options.downIntervalMs ?? options.intervalMs)
          : options.intervalMs;
      // A clock that went back makes the age negative: without the check, the record would
      // stand until the clock caught up again (an hour's step back, an hour without probes).
      const age = options.now() - latestTakenAt;
      if (latest && age >= 0 && age < standsFor) return Promise.resolve(latest);
      if (inFlight) return inFlight;
      const pending = run().finally(() => {
        if (inFlight === pending) inFlight = null;
      });
      inFlight = pending;
      return pending;
    },
    latest: () => latest,
    history: () => [...samples],
    runs: () => runCount,
    forget() {
      generation += 1;
      latest = null;
      inFlight = null;
    },
  };
}

/** A record as a history sample: when, what, how long and (Partner Center) whose token. */
export function sampleOf(record: ProbeRecord<unknown>): ProbeSample {
  return {
    checkedAt: new Date(record.checkedAt).toISOString(),
    state: record.state,
    latencyMs: record.latencyMs,
    ...(record.subject !== undefined ? { subject: record.subject } : {}),
  };
}

/** The first line of an error's message, shortened; callers only pass token-free errors. */
export function safeMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : 'unknown error';
  return (text.split(/\r?\n/)[0] ?? '').slice(0, 200);
}
