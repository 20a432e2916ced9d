/**
 * The one retry loop of the portal's outbound calls (Partner Center, token redemption, alert delivery):
 * exponential backoff with "equal jitter", an attempt limit, a time budget and `Retry-After`.
 * Time and randomness are injected so tests assert the waits asked for instead of waiting.
 * Hand-written rather than p-retry: p-retry's randomisation is not equal jitter, it has no
 * notion of `Retry-After`, and it waits on real timers rather than an injected sleep.
 */

export interface RetryLimits {
  /** First backoff delay; doubles per failed attempt. */
  baseDelayMs: number;
  /** Ceiling of one backoff delay. */
  maxDelayMs: number;
  /** Attempts in all, the first included (default: no limit). */
  maxAttempts?: number;
  /** Time since the first attempt plus the next wait may not exceed this (default: no limit). */
  budgetMs?: number;
  /** The longest wait a server's `Retry-After` may ask for (default: no limit). */
  maxRetryAfterMs?: number;
}

export interface RetryTime {
  /** Milliseconds since the epoch (the host's clock). */
  now(): number;
  /** Resolves after `ms`; rejects early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Source of jitter in [0, 1). */
  random(): number;
}

/**
 * What a failed attempt allows: no retry, or a retry after the backoff, or after what the
 * server asked for (`retryAfterMs`). A wait beyond `maxRetryAfterMs` either ends the call
 * (`overlong: 'give-up'`, a 429 that would hold the user too long) or waits the bound.
 */
export type RetryVerdict =
  | { retry: false }
  | { retry: true; retryAfterMs?: number | null; overlong?: 'give-up' | 'wait-the-bound' };

export interface RetryOptions {
  limits: RetryLimits;
  time: RetryTime;
  signal?: AbortSignal;
  classify(error: unknown, attempt: number): RetryVerdict;
  /** Told before each wait (1-based attempt that failed). Its own failures are ignored. */
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
  /**
   * The error the call ends with; `delayMs` is the wait a retry would have needed (null when
   * the failure was not retryable). Default: the attempt's own error.
   */
  giveUp?(error: unknown, details: { attempt: number; delayMs: number | null }): unknown;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so that many
 * clients hit by the same outage do not come back in lockstep. Whole milliseconds.
 */
export function equalJitterDelay(
  limits: Pick<RetryLimits, 'baseDelayMs' | 'maxDelayMs'>,
  failedAttempt: number,
  random: () => number,
): number {
  const exponential = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP date (relative to `nowMs`).
 * `null` when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** The longest wait the portal keeps from a `Retry-After`, and the shortest (a `0`, a past date). */
export const retryAfterBoundsSeconds = { min: 1, max: 300 } as const;

/** A wait in milliseconds as whole seconds within `retryAfterBoundsSeconds`. */
export function boundedRetryAfterSeconds(ms: number): number {
  const seconds = Math.ceil(ms / 1000);
  return Math.min(retryAfterBoundsSeconds.max, Math.max(retryAfterBoundsSeconds.min, seconds));
}

/** Runs `attempt` (given its 1-based number) until it succeeds or the failure may not be retried. */
export async function retrying<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { time } = options;
  const started = time.now();
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      const next = nextStep(error, n, options, started);
      if ('stop' in next)
        throw options.giveUp ? options.giveUp(error, { attempt: n, delayMs: next.stop }) : error;
      try {
        options.onRetry?.(error, n, next.wait);
      } catch {
        // A broken progress listener must not turn a retryable call into a failure.
      }
      await time.sleep(next.wait, options.signal);
    }
  }
}

/** The wait before the next attempt, or a stop with the wait a retry would have needed. */
function nextStep(
  error: unknown,
  n: number,
  options: RetryOptions,
  started: number,
): { wait: number } | { stop: number | null } {
  const { limits, time } = options;
  const verdict = options.classify(error, n);
  if (!verdict.retry) return { stop: null };
  const wanted = verdict.retryAfterMs ?? equalJitterDelay(limits, n, time.random);
  if (n >= (limits.maxAttempts ?? Infinity)) return { stop: wanted };
  let wait = wanted;
  if (wait > (limits.maxRetryAfterMs ?? Infinity)) {
    if (verdict.overlong !== 'wait-the-bound') return { stop: wanted };
    wait = limits.maxRetryAfterMs!;
  }
  if (time.now() - started + wait > (limits.budgetMs ?? Infinity)) return { stop: wanted };
  return { wait };
}
