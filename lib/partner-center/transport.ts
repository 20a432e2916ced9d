import 'server-only';
import type { z } from 'zod';
import { equalJitterDelay, parseRetryAfter, retrying, type RetryVerdict } from '@/lib/retry';
import type { PartnerCenterClock, RetryEvent, RetryPolicy } from './retry';
import { tracePartnerCenterCall } from '@/lib/telemetry/dependencies';
import { errorFromResponse, parseSuccess, unreachable, type CallIds } from './responses';

/** Everything one client's calls share. */
export interface Transport {
  getAccessToken: () => Promise<string>;
  /**
   * After a 401: the token to send the call once more with, or null when the refusal stands
   * (absent: every 401 stands). See TokenService.replaceRejectedAccessToken.
   */
  replaceRejectedAccessToken?: (rejectedAccessToken: string) => Promise<string | null>;
  correlationId: string;
  locale: string;
  fetch: typeof fetch;
  clock: PartnerCenterClock;
  /** Calls a page render waits on. */
  retry: RetryPolicy;
  /** Pages of server-side walks and exports (`pace: 'walk'`). */
  walkRetry: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  newRequestId: () => string;
}

export interface PartnerCenterRequest<T> {
  url: URL;
  /** Extra headers, e.g. `MS-ContinuationToken` from a `links.next` block. */
  headers?: Record<string, string>;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
  /**
   * `walk`: a page of a server-side walk or export, with its longer attempt timeout, its time
   * budget and its longer throttling waits (`walkRetry`). Default: a call a render waits on.
   */
  pace?: 'interactive' | 'walk';
  /**
   * Most time this call may take over all its attempts and waits, when shorter than its
   * policy's budget: a download's page must arrive before the front end in front of the portal
   * drops the idle connection (lib/downloads/idle.ts).
   */
  budgetMs?: number;
  /** This call's retries, told besides the client's `onRetry` (a walk shows its own waits). */
  onRetry?: (event: RetryEvent) => void;
}

type Attempt =
  | { kind: 'response'; status: number; statusText: string; headers: Headers; bytes: Uint8Array }
  | { kind: 'network'; error: unknown };

/**
 * One logical GET: one `MS-RequestId` for its attempts until Partner Center answers a 4xx (after
 * a 429 or 401 the next attempt has a new one), retries on 429 (honouring `Retry-After` up to a
 * bound) and on 5xx/network failures (backoff with jitter), and once, at once, on a 401 with a
 * replacement for the refused token; body parsed with `schema`. Errors of the token service
 * pass through unchanged so the UI can tell "re-consent" from "Partner Center failed".
 */
export async function send<T>(transport: Transport, request: PartnerCenterRequest<T>): Promise<T> {
  // One span per logical call: status, retries, latency, MS-CorrelationId (lib/telemetry).
  return tracePartnerCenterCall<T, RetryEvent, Transport>(transport, request.url, (traced) =>
    sendWithRetries(traced, request),
  );
}

/** A response or network failure that was not a success, carried through the retry loop. */
class FailedAttempt {
  constructor(
    readonly outcome: Attempt,
    readonly retryAfterMs: number | null,
    /** A 401 whose token was replaced: the next attempt sends the new one. */
    readonly tokenReplaced = false,
  ) {}
}

async function sendWithRetries<T>(
  transport: Transport,
  request: PartnerCenterRequest<T>,
): Promise<T> {
  // "Partner Center REST headers": MS-RequestId "If there's a timeout, the retry call should
  // include the same value. Upon receiving a response (success or business failure), the value
  // should be reset for the next call." So a timeout, a network failure or a 5xx (the .NET SDK's
  // RetryableHttpCall resends those with its proxy's one request id) keeps the id; an attempt
  // after a 429 or a 401 Partner Center answered gets a new one. `ids` always names the latest
  // attempt: what a retry event and the final error report is what Partner Center logged.
  let ids: CallIds = {
    requestId: transport.newRequestId(),
    correlationId: transport.correlationId,
  };
  let renewRequestId = false;
  const { clock } = transport;
  const retry = withBudget(
    request.pace === 'walk' ? transport.walkRetry : transport.retry,
    request.budgetMs,
  );
  // The budget is Partner Center's: it starts once the first token is in hand, since a
  // redemption (another instance's lease, Key Vault, Entra) may take seconds of it before.
  let startedAt: number | null = null;
  // A cached token Partner Center refuses would otherwise be sent until it expires (up to an
  // hour): on a 401 the token service replaces it and the call is sent once more with the new
  // one; a second 401 is the answer. Azure's bearerTokenAuthenticationPolicy likewise re-sends
  // once after a 401 challenge (Azure/azure-sdk-for-js, sdk/core/core-rest-pipeline/src/
  // policies/bearerTokenAuthenticationPolicy.ts).
  let replacement: string | null = null;
  let triedReplacement = false;
  return retrying(
    async () => {
      request.signal?.throwIfAborted();
      if (renewRequestId) {
        ids = { ...ids, requestId: transport.newRequestId() };
        renewRequestId = false;
      }
      const accessToken = replacement ?? (await transport.getAccessToken());
      replacement = null;
      startedAt ??= clock.now();
      // Cut to what is left of the budget, so a call never outlasts it.
      const left = (retry.budgetMs ?? Infinity) - (clock.now() - startedAt);
      const timeoutMs = Math.max(1, Math.min(retry.timeoutMs, left));
      const outcome = await attemptOnce(transport, request, ids, accessToken, timeoutMs);
      if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300)
        return parseSuccess(outcome.bytes, request.schema, outcome.status, ids);
      // A 408 is Partner Center's own "timeout": like a timeout here, it keeps the id.
      renewRequestId =
        outcome.kind === 'response' &&
        outcome.status >= 400 &&
        outcome.status < 500 &&
        outcome.status !== 408;
      if (outcome.kind === 'response' && outcome.status === 401 && !triedReplacement) {
        triedReplacement = true;
        replacement = (await transport.replaceRejectedAccessToken?.(accessToken)) ?? null;
        if (replacement !== null) throw new FailedAttempt(outcome, null, true);
      }
      const retryAfter = outcome.kind === 'response' ? outcome.headers.get('retry-after') : null;
      throw new FailedAttempt(outcome, parseRetryAfter(retryAfter, clock.now()));
    },
    {
      limits: retry,
      time: { now: () => clock.now(), sleep: (ms, s) => clock.sleep(ms, s), random: retry.random },
      signal: request.signal,
      classify: (failed, attempt) => verdictFor(failed, attempt, retry),
      onRetry: (failed, attempt, delayMs) => {
        const { outcome, tokenReplaced } = failed as FailedAttempt;
        const status = outcome.kind === 'response' ? outcome.status : 0;
        const reason = tokenReplaced
          ? 'unauthorized'
          : outcome.kind === 'network'
            ? 'network'
            : status === 429
              ? 'throttled'
              : 'server_error';
        const pace = request.pace ?? 'interactive';
        const event: RetryEvent = { reason, attempt, status, delayMs, ...ids, pace };
        transport.onRetry?.(event);
        request.onRetry?.(event);
      },
      giveUp: (failed) => {
        // Errors of the token service, parsing and the caller's abort pass through unchanged.
        if (!(failed instanceof FailedAttempt)) return failed;
        const { outcome, retryAfterMs } = failed;
        if (outcome.kind === 'network') return unreachable(outcome.error, ids);
        // Only the wait Partner Center stated (its Retry-After): the pages quote it as Partner
        // Center's, so the portal's own backoff after an unstated 429 must not pass for one.
        return errorFromResponse(
          outcome.status,
          outcome.bytes,
          ids,
          retryAfterMs,
          outcome.statusText,
        );
      },
    },
  );
}

/** `policy`, its budget cut to `budgetMs` when that is shorter. */
function withBudget(policy: RetryPolicy, budgetMs: number | undefined): RetryPolicy {
  if (budgetMs === undefined) return policy;
  return { ...policy, budgetMs: Math.min(policy.budgetMs ?? Infinity, budgetMs) };
}

/**
 * A 401 with a replaced token is sent again at once; 429 honours `Retry-After` up to the
 * bound, or without one backs off from `throttleBaseDelayMs` ("API throttling guidance":
 * "Avoid immediate retries, because all requests accrue against your usage limits"; a 429
 * again: "Retry with Exponential backoff"); 5xx, 408 and network failures back off.
 */
function verdictFor(failed: unknown, attempt: number, policy: RetryPolicy): RetryVerdict {
  if (!(failed instanceof FailedAttempt)) return { retry: false };
  const { outcome, retryAfterMs } = failed;
  if (failed.tokenReplaced) return { retry: true, retryAfterMs: 0 };
  if (outcome.kind === 'network') return { retry: true };
  if (outcome.status === 429) {
    const wait = retryAfterMs ?? throttleBackoff(policy, attempt);
    return { retry: true, retryAfterMs: wait, overlong: 'give-up' };
  }
  if (outcome.status >= 500 || outcome.status === 408)
    return { retry: true, retryAfterMs, overlong: 'wait-the-bound' };
  return { retry: false };
}

/** The wait after the `attempt`th 429 without `Retry-After`: doubling, with equal jitter. */
function throttleBackoff(policy: RetryPolicy, attempt: number): number {
  const base = policy.throttleBaseDelayMs;
  // Capped at the longest wait honoured, but never below the base: a policy that waits for no
  // throttling (maxRetryAfterMs 0, the health probe) then gives up instead of retrying at once.
  const limits = { baseDelayMs: base, maxDelayMs: Math.max(base, policy.maxRetryAfterMs) };
  return equalJitterDelay(limits, attempt, policy.random);
}

async function attemptOnce<T>(
  transport: Transport,
  request: PartnerCenterRequest<T>,
  ids: CallIds,
  accessToken: string,
  timeoutMs: number,
): Promise<Attempt> {
  const timeout = transport.clock.timeout?.(timeoutMs) ?? AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  try {
    const response = await transport.fetch(request.url, {
      method: 'GET',
      headers: {
        ...request.headers,
        Authorization: `Bearer ${accessToken}`,
        Accept: 'application/json',
        'MS-RequestId': ids.requestId,
        'MS-CorrelationId': ids.correlationId,
        'MS-Contract-Version': 'v1',
        'X-Locale': transport.locale,
      },
      signal,
      redirect: 'error',
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    // `statusText` is the HTTP/1.1 reason phrase, where Partner Center puts its MFA refusal.
    const { status, statusText, headers } = response;
    return { kind: 'response', status, statusText, headers, bytes };
  } catch (error) {
    // The caller gave up (e.g. the browser closed the CSV download): not a Partner Center fault.
    if (request.signal?.aborted) throw request.signal.reason;
    return { kind: 'network', error };
  }
}
