import { z } from 'zod';
import { errorBrand } from '@/lib/errors/brand';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { boundedRetryAfterSeconds, parseRetryAfter } from '@/lib/retry';

/** Entra's token-endpoint error body (docs/contracts.md §1); unknown fields are ignored. */
export const entraErrorBodySchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
  suberror: z.string().optional(),
  trace_id: z.string().optional(),
  correlation_id: z.string().optional(),
});

/** Why a call to Entra failed: `error` is the OAuth error or `network` / `timeout` / `malformed_response`. */
export interface EntraErrorDetails {
  error: string;
  status: number;
  aadsts?: number;
  suberror?: string;
  correlationId?: string;
  traceId?: string;
  /** The first line of Entra's description (no token ever appears in it). */
  description?: string;
  /**
   * How long Entra asked the portal to wait, whole seconds (1..300): the `Retry-After` of a 429
   * or 5xx ("Client and server throttling" and "Retry policies" in Microsoft's MSAL.NET docs:
   * a 429 comes with `Retry-After: 60`, a 5xx may carry one).
   */
  retryAfterSeconds?: number;
}

const entraErrorBrand = errorBrand('EntraError');

/**
 * A failed Entra request. The message names the AADSTS code and the OAuth error only; it
 * never contains a token, code or secret, so it is safe to log and to show in detail views.
 */
export class EntraError extends Error {
  /** Holds across module copies (lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): value is EntraError {
    return entraErrorBrand.has(value);
  }
  readonly [entraErrorBrand.symbol] = true;
  readonly code = 'entra_error';
  readonly error: string;
  readonly status: number;
  readonly aadsts?: number;
  readonly suberror?: string;
  readonly correlationId?: string;
  readonly traceId?: string;
  readonly description?: string;
  readonly retryAfterSeconds?: number;

  constructor(details: EntraErrorDetails, options?: { cause?: unknown }) {
    const aadsts = details.aadsts !== undefined ? `AADSTS${details.aadsts} ` : '';
    super(`Entra ID refused the request: ${aadsts}${details.error}`.trim(), options);
    this.name = 'EntraError';
    this.error = details.error;
    this.status = details.status;
    this.aadsts = details.aadsts;
    this.suberror = details.suberror;
    this.correlationId = details.correlationId;
    this.traceId = details.traceId;
    this.description = details.description;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Network failure, timeout or 5xx: worth retrying. */
  get transient(): boolean {
    return (
      this.error === 'network' ||
      this.error === 'timeout' ||
      this.status >= 500 ||
      this.status === 429
    );
  }
}

/** Builds an EntraError from a non-2xx response body (JSON or not) and its headers. */
export function entraErrorFromResponse(
  status: number,
  bodyText: string,
  headers?: { get(name: string): string | null },
  nowMs = Date.now(),
): EntraError {
  const waitMs =
    headers && (status === 429 || status >= 500)
      ? parseRetryAfter(headers.get('retry-after'), nowMs)
      : null;
  const retryAfterSeconds = waitMs === null ? undefined : boundedRetryAfterSeconds(waitMs);
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const parsed = entraErrorBodySchema.safeParse(json);
  if (!parsed.success)
    return new EntraError({
      error: status >= 500 ? 'server_error' : status === 429 ? 'throttled' : 'malformed_response',
      status,
      retryAfterSeconds,
    });
  const body = parsed.data;
  const fromText = [...(body.error_description ?? '').matchAll(/AADSTS(\d+)/g)].map((m) =>
    Number(m[1]),
  );
  const aadsts = mostSpecificAadsts(body.error_codes?.length ? body.error_codes : fromText);
  return new EntraError({
    error: body.error,
    status,
    aadsts,
    suberror: body.suberror,
    correlationId: body.correlation_id,
    traceId: body.trace_id,
    description: body.error_description?.split(/\r?\n/)[0],
    retryAfterSeconds,
  });
}

/**
 * The code a failure is catalogued under when Entra sends several. The v1 auth-code doc's
 * sample error (MicrosoftDocs/azure-docs, azuread-dev/v1-protocols-oauth-code.md) reads
 * "AADSTS70002: Error validating credentials. AADSTS70008: The provided authorization code or
 * refresh token is expired. ..." with `"error_codes": [70002, 70008]`: a general code first, the
 * actual cause after it, and only the cause (70008: re-consent) says what to do. So a code the
 * AADSTS catalogue knows beats one it does not, and among those the later one wins; with none
 * known, the last.
 */
export function mostSpecificAadsts(codes: readonly number[]): number | undefined {
  const known = codes.filter((code) => aadstsCatalogue[code] !== undefined);
  return known.at(-1) ?? codes.at(-1);
}
