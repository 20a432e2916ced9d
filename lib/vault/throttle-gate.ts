import { throttledVaultError, type VaultError } from './errors';
import { boundedRetryAfterSeconds, documentedBackoffSeconds } from './retry-after';

/**
 * The store's memory of Key Vault throttling it: after a 429 no call goes to the vault until
 * the wait is over; each is refused at once with the wait left (`vault_throttled`). The wait
 * is the vault's `Retry-After` when it states one, else the next step of Microsoft's
 * documented backoff (1, 2, 4, 8, 16 s; "Azure Key Vault throttling guidance"), counted over
 * throttling answers in a row. So every caller (page views, keep-alive, health probe,
 * onboarding) keeps to one request per wait, however many of them ask meanwhile.
 */
export interface ThrottleGate {
  /** @throws `vault_throttled` with the wait left while a throttling answer's wait lasts. */
  check(operation: string): void;
  /** The error to throw for a failed call: a throttling answer with the wait it now keeps. */
  failed(err: VaultError): VaultError;
  succeeded(): void;
}

/** A throttle gate on `now` (the host's clock, milliseconds). */
export function createThrottleGate(now: () => number): ThrottleGate {
  let until = 0;
  /** Throttling answers in a row (capped at the backoff's last step). */
  let inARow = 0;
  return {
    check(operation) {
      const left = until - now();
      if (left > 0)
        throw throttledVaultError({ operation, retryAfterSeconds: boundedRetryAfterSeconds(left) });
    },
    failed(err) {
      if (err.code !== 'vault_throttled') {
        // Any other answer means Key Vault took the request: the backoff starts over.
        if (err.details.status !== undefined) inARow = 0;
        return err;
      }
      const at = now();
      // Calls already on their way when the wait began count as the same throttling.
      if (at >= until) inARow = Math.min(inARow + 1, documentedBackoffSeconds.length);
      const stated = err.details.retryAfterSeconds;
      const waitSeconds = stated ?? documentedBackoffSeconds[inARow - 1] ?? 1;
      until = Math.max(until, at + waitSeconds * 1000);
      const left = boundedRetryAfterSeconds(until - at);
      return left === stated
        ? err
        : throttledVaultError({ ...err.details, retryAfterSeconds: left });
    },
    succeeded() {
      inARow = 0;
    },
  };
}
