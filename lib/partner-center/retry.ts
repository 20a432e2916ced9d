/**
 * Retry policy of the transport (the loop itself is lib/retry). Time comes from an injectable
 * clock so tests assert the waits requested instead of waiting.
 */

export interface PartnerCenterClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * A signal that aborts with a `TimeoutError` after `ms` (an attempt's timeout). Default
   * `AbortSignal.timeout`; tests inject one to play a slow Partner Center without waiting.
   */
  timeout?(ms: number): AbortSignal;
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
  /**
   * First wait after a 429 that states no `Retry-After`; doubles per attempt (equal jitter),
   * within `maxRetryAfterMs`. Longer than `baseDelayMs`: Partner Center's throttling guidance
   * says to avoid immediate retries ("all requests accrue against your usage limits") and to
   * retry a repeated 429 with exponential backoff, but names no delay.
   */
  throttleBaseDelayMs: number;
  /** Per-attempt timeout (request and body). */
  timeoutMs: number;
  /**
   * Most time one call may take over all its attempts and waits (absent: bounded by
   * `maxAttempts` alone). An attempt's timeout is cut to what is left of it.
   */
  budgetMs?: number;
  /** Source of jitter in [0, 1). */
  random: () => number;
}

/**
 * Calls a page render waits on: answers within seconds or a clear failure. 20 s in all, attempts
 * and waits: the customer and user pages show nothing new until their customer lookup is back
 * (the browser stays on the page before), and an export holds one of its person's two slots
 * meanwhile. Without it, 4 hung attempts of 15 s and their backoff kept a person a minute. It
 * still leaves room for a second attempt after a timed-out first, or after a 5xx's 10 s wait.
 */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
  throttleBaseDelayMs: 1_000,
  timeoutMs: 15_000,
  budgetMs: 20_000,
  random: Math.random,
};

/**
 * What changes for a page of a server-side walk or export (500 items, read in the background
 * or into a download: no render waits on it). One attempt may take 3 minutes, the timeout the
 * .NET SDK gives every Partner Center call (`PartnerServiceProxy.TimeoutInMinutes = 3`,
 * partner-center-sdk-for-dotNET, Source/PartnerSDK/Network/PartnerServiceProxy.cs; the
 * PowerShell module's HttpClient likewise, src/PowerShell/Factories/ClientFactory.cs), and one
 * page 5 minutes in all, attempts and waits together: a hung Partner Center costs a walk at
 * most that per page rather than 4 x 3 minutes. A stated `Retry-After` of up to 2 minutes is
 * waited out (the guidance's example asks 57 s) rather than lose the pages read so far; a 429
 * without one waits 5-10 s, then 10-20 s, 20-40 s.
 */
export const walkPageRetryPolicy = {
  timeoutMs: 180_000,
  budgetMs: 300_000,
  maxRetryAfterMs: 120_000,
  throttleBaseDelayMs: 10_000,
} satisfies Partial<RetryPolicy>;

export const systemClock: PartnerCenterClock = {
  now: () => Date.now(),
  timeout: (ms) => AbortSignal.timeout(ms),
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
 * Why the transport is about to try again. `unauthorized`: Partner Center refused the access
 * token and a new one is sent (no wait), which is no sign of a busy Partner Center: a page's
 * "Partner Center was busy" counts the others (lib/customers/request.ts).
 */
export interface RetryEvent {
  reason: 'throttled' | 'server_error' | 'network' | 'unauthorized';
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  status: number;
  requestId: string;
  correlationId: string;
  /**
   * `walk`: a page of a server-side walk or export, which may outlast the render that started
   * it; a page's "Partner Center was busy" counts only the calls it waited on (`interactive`).
   */
  pace: 'interactive' | 'walk';
}
