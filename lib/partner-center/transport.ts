import 'server-only';
import type { z } from 'zod';
import { PartnerCenterError, codeForStatus, defaultDescription } from './errors';
import { backoffDelay, parseRetryAfter, type PartnerCenterClock, type RetryEvent, type RetryPolicy } from './retry';
import { partnerCenterErrorBodySchema, throttleBodySchema } from './wire';

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

interface CallIds {
  requestId: string;
  correlationId: string;
}

/**
 * One logical GET: one `MS-RequestId` for all its attempts (Partner Center's idempotency
 * key), retries on 429 (honouring `Retry-After` up to a bound) and on 5xx/network failures
 * (backoff with jitter), body parsed with `schema`. Errors of the token service pass through
 * unchanged so the UI can tell "re-consent" from "Partner Center failed".
 */
export async function send<T>(transport: Transport, request: PartnerCenterRequest<T>): Promise<T> {
  const ids: CallIds = { requestId: transport.newRequestId(), correlationId: transport.correlationId };
  const { retry } = transport;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(transport, request, ids);
    const last = attempt >= retry.maxAttempts;
    if (outcome.kind === 'network') {
      if (last) throw unreachable(outcome.error, ids);
      await pause(transport, request, { reason: 'network', attempt, status: 0, delayMs: backoffDelay(retry, attempt), ...ids });
      continue;
    }
    const { status, headers, bytes } = outcome;
    if (status >= 200 && status < 300) return parseSuccess(bytes, request.schema, status, ids);
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), transport.clock.now());
    if (status === 429) {
      const delayMs = retryAfterMs ?? backoffDelay(retry, attempt);
      if (last || delayMs > retry.maxRetryAfterMs) throw errorFromResponse(status, bytes, ids, delayMs);
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

async function attemptOnce<T>(transport: Transport, request: PartnerCenterRequest<T>, ids: CallIds): Promise<Attempt> {
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

async function pause<T>(transport: Transport, request: PartnerCenterRequest<T>, event: RetryEvent): Promise<void> {
  try {
    transport.onRetry?.(event);
  } catch {
    // A broken progress listener must not turn a retryable call into a failure.
  }
  await transport.clock.sleep(event.delayMs, request.signal);
}

/**
 * JSON from raw bytes. Decoded by hand (not `response.json()`) so that the leading UTF-8 BOM
 * Partner Center may send is removed here, deliberately, and invalid UTF-8 is an error.
 */
export function decodeJson(bytes: Uint8Array): unknown {
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

function parseSuccess<T>(bytes: Uint8Array, schema: z.ZodType<T>, status: number, ids: CallIds): T {
  let json: unknown;
  try {
    json = decodeJson(bytes);
  } catch (cause) {
    throw malformed('the response is not JSON', status, ids, cause);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((issue) => issue.path.join('.') || '(root)')
    .join(', ');
  throw malformed(`unexpected shape at ${where}`, status, ids, parsed.error);
}

function malformed(detail: string, status: number, ids: CallIds, cause: unknown): PartnerCenterError {
  const description = `${defaultDescription('malformed_response')}: ${detail}`;
  return new PartnerCenterError({ code: 'malformed_response', status, description, ...ids, cause });
}

function errorFromResponse(status: number, bytes: Uint8Array, ids: CallIds, retryAfterMs: number | null): PartnerCenterError {
  const code = codeForStatus(status);
  let partnerCenterCode: number | null = null;
  let description: string | null = null;
  try {
    const json = decodeJson(bytes);
    const body = partnerCenterErrorBodySchema.safeParse(json);
    if (body.success) {
      partnerCenterCode = body.data.code ?? null;
      description = body.data.description ?? null;
    }
    const throttle = throttleBodySchema.safeParse(json);
    if (!description && throttle.success) description = throttle.data.message ?? null;
  } catch {
    // An error page that is not JSON (a proxy's HTML): the status alone says enough.
  }
  const retryAfter = code === 'throttled' && retryAfterMs !== null ? Math.ceil(retryAfterMs / 1000) : null;
  return new PartnerCenterError({
    code,
    status,
    partnerCenterCode,
    description: description || defaultDescription(code),
    retryAfter,
    ...ids,
  });
}

function unreachable(cause: unknown, ids: CallIds): PartnerCenterError {
  const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
  const description = timedOut ? 'Partner Center did not answer in time' : 'Partner Center could not be reached';
  return new PartnerCenterError({ code: 'unavailable', status: 0, description, ...ids, cause });
}
