/**
 * Retry policy of the transport (the loop itself is lib/retry). Time comes from an injectable
 * clock so tests assert the waits requested instead of waiting.
 */

export interface PartnerCenterClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RetryPolicy {
  /** Attempts per logical call, the first included. */
  maxAttempts: number;
  /** First backoff delay for 5xx/network failures; doubles per attempt. */
  baseDelayMs: number;
  /** Ceiling of one backoff delay. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails as `throttled`. */
  maxRetryAfterMs: number;
  /** Per-attempt timeout (request and body). */
  timeoutMs: number;
  /** Source of jitter in [0, 1). */
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
  timeoutMs: 15_000,
  random: Math.random,
};

export const systemClock: PartnerCenterClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Why the transport is about to try again; the UI says "Partner Center is busy, retrying".
 * `unauthorized`: Partner Center refused the access token and a new one is sent (no wait).
 */
export interface RetryEvent {
  reason: 'throttled' | 'server_error' | 'network' | 'unauthorized';
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  status: number;
  requestId: string;
  correlationId: string;
}
