import 'server-only';
import type { z } from 'zod';
import {
  backoffDelay,
  parseRetryAfter,
  type PartnerCenterClock,
  type RetryEvent,
  type RetryPolicy,
} from './retry';
import { tracePartnerCenterCall } from '@/lib/telemetry/dependencies';
import { errorFromResponse, parseSuccess, unreachable, type CallIds } from './responses';

/** Everything one client's calls share. */
export interface Transport {
  getAccessToken: () => Promise<string>;
  correlationId: string;
  locale: string;
  fetch: typeof fetch;
  clock: PartnerCenterClock;
  retry: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  newRequestId: () => string;
}

export interface PartnerCenterRequest<T> {
  url: URL;
  /** Extra headers, e.g. `MS-ContinuationToken` from a `links.next` block. */
  headers?: Record<string, string>;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
}

type Attempt =
  | { kind: 'response'; status: number; headers: Headers; bytes: Uint8Array }
  | { kind: 'network'; error: unknown };

/**
 * One logical GET: one `MS-RequestId` for all its attempts (Partner Center's idempotency
 * key), retries on 429 (honouring `Retry-After` up to a bound) and on 5xx/network failures
 * (backoff with jitter), body parsed with `schema`. Errors of the token service pass through
 * unchanged so the UI can tell "re-consent" from "Partner Center failed".
 */
export async function send<T>(transport: Transport, request: PartnerCenterRequest<T>): Promise<T> {
  // One span per logical call: status, retries, latency, MS-CorrelationId (lib/telemetry).
  return tracePartnerCenterCall<T, RetryEvent, Transport>(transport, request.url, (traced) =>
    sendWithRetries(traced, request),
  );
}

async function sendWithRetries<T>(
  transport: Transport,
  request: PartnerCenterRequest<T>,
): Promise<T> {
  const ids: CallIds = {
    requestId: transport.newRequestId(),
    correlationId: transport.correlationId,
  };
  const { retry } = transport;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(transport, request, ids);
    const last = attempt >= retry.maxAttempts;
    if (outcome.kind === 'network') {
      if (last) throw unreachable(outcome.error, ids);
      await pause(transport, request, {
        reason: 'network',
        attempt,
        status: 0,
        delayMs: backoffDelay(retry, attempt),
        ...ids,
      });
      continue;
    }
    const { status, headers, bytes } = outcome;
    if (status >= 200 && status < 300) return parseSuccess(bytes, request.schema, status, ids);
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), transport.clock.now());
    if (status === 429) {
      const delayMs = retryAfterMs ?? backoffDelay(retry, attempt);
      if (last || delayMs > retry.maxRetryAfterMs)
        throw errorFromResponse(status, bytes, ids, delayMs);
      await pause(transport, request, { reason: 'throttled', attempt, status, delayMs, ...ids });
      continue;
    }
    if ((status >= 500 || status === 408) && !last) {
      const delayMs = Math.min(retryAfterMs ?? backoffDelay(retry, attempt), retry.maxRetryAfterMs);
      await pause(transport, request, { reason: 'server_error', attempt, status, delayMs, ...ids });
      continue;
    }
    throw errorFromResponse(status, bytes, ids, retryAfterMs);
  }
}

async function attemptOnce<T>(
  transport: Transport,
  request: PartnerCenterRequest<T>,
  ids: CallIds,
): Promise<Attempt> {
  request.signal?.throwIfAborted();
  const accessToken = await transport.getAccessToken();
  const timeout = AbortSignal.timeout(transport.retry.timeoutMs);
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
    return { kind: 'response', status: response.status, headers: response.headers, bytes };
  } catch (error) {
    // The caller gave up (e.g. the browser closed the CSV download): not a Partner Center fault.
    if (request.signal?.aborted) throw request.signal.reason;
    return { kind: 'network', error };
  }
}

async function pause<T>(
  transport: Transport,
  request: PartnerCenterRequest<T>,
  event: RetryEvent,
): Promise<void> {
  try {
    transport.onRetry?.(event);
  } catch {
    // A broken progress listener must not turn a retryable call into a failure.
  }
  await transport.clock.sleep(event.delayMs, request.signal);
}
