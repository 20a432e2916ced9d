import { parseRetryAfter } from '@/lib/retry';

export { boundedRetryAfterSeconds, retryAfterBoundsSeconds } from '@/lib/retry';

/**
 * Key Vault throttling (429). Microsoft's "Azure Key Vault throttling guidance"
 * (learn.microsoft.com/azure/key-vault/general/overview-throttling) tells clients to back off
 * exponentially on a 429: wait 1 s, then 2, 4, 8 and 16 s; it names no `Retry-After`, and the
 * one real 429 body published (vcsjones/AzureSignTool#219) came without one. The Azure SDK's
 * throttling retry (core-rest-pipeline's throttlingRetryStrategy) retries a 429 only when it
 * states a wait (`retry-after-ms`, `x-ms-retry-after-ms`, `Retry-After`), and then waits all of
 * it, unbounded by `maxRetryDelayInMs`; a 429 without one is not retried by the SDK at all.
 */
export const documentedBackoffSeconds = [1, 2, 4, 8, 16] as const;

/**
 * The longest stated wait the SDK sits out by itself (twice at most: `maxRetries: 2`, so well
 * within one call's deadline, lib/vault/store.ts). A longer one is answered at once
 * (`throttledAnswerPolicy`, client.ts) instead of being slept through until the deadline cuts
 * it off as an outage without a word of the wait.
 */
export const sdkThrottleWaitLimitMs = 2_000;

interface HeadersLike {
  get(name: string): string | null | undefined;
}

/**
 * The wait a throttling answer states, read as the SDK reads it: `retry-after-ms`, then
 * `x-ms-retry-after-ms` (milliseconds), then `Retry-After` (seconds or an HTTP date); null when
 * it states none.
 */
export function statedWaitMs(headers: HeadersLike, nowMs = Date.now()): number | null {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers.get(name)?.trim();
    if (value && /^\d+$/.test(value)) return Number(value);
  }
  return parseRetryAfter(headers.get('retry-after') ?? null, nowMs);
}

/**
 * A 429 whose stated wait is longer than the SDK should sit out: thrown by the pipeline policy
 * in client.ts. Not a RestError on purpose: the SDK's retry policy rethrows anything else at
 * once instead of waiting. Carries the wait, never the request.
 */
export class KeyVaultThrottledError extends Error {
  readonly statusCode = 429;
  readonly code = 'Throttled';
  constructor(readonly retryAfterMs: number) {
    super(`Key Vault answered 429 and asked for a wait of ${retryAfterMs} ms.`);
    this.name = 'KeyVaultThrottled';
  }
}

/**
 * Key Vault's 503 stating a wait longer than `sdkThrottleWaitLimitMs`, thrown by the same policy
 * as KeyVaultThrottledError is for a 429, with the status Key Vault gave; toVaultError reads it
 * as throttling (errors.ts). Carries the wait, never the request.
 */
export class KeyVaultBusyError extends Error {
  readonly statusCode = 503;
  constructor(readonly retryAfterMs: number) {
    super(`Key Vault answered 503 and asked for a wait of ${retryAfterMs} ms.`);
    this.name = 'KeyVaultBusy';
  }
}

/** The wait a failed call's throttling answer stated (policy error or RestError), else null. */
export function statedWaitOf(err: {
  retryAfterMs?: unknown;
  response?: { headers?: unknown };
}): number | null {
  if (typeof err.retryAfterMs === 'number') return err.retryAfterMs;
  const headers = err.response?.headers as Partial<HeadersLike> | undefined;
  return typeof headers?.get === 'function' ? statedWaitMs(headers as HeadersLike) : null;
}
