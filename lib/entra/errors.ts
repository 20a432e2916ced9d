import { z } from 'zod';
import { errorBrand } from '@/lib/errors/brand';

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

/** Builds an EntraError from a non-2xx response body (JSON or not). */
export function entraErrorFromResponse(status: number, bodyText: string): EntraError {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const parsed = entraErrorBodySchema.safeParse(json);
  if (!parsed.success)
    return new EntraError({ error: status >= 500 ? 'server_error' : 'malformed_response', status });
  const body = parsed.data;
  const fromText = /AADSTS(\d+)/.exec(body.error_description ?? '')?.[1];
  const aadsts = body.error_codes?.[0] ?? (fromText ? Number(fromText) : undefined);
  return new EntraError({
    error: body.error,
    status,
    aadsts,
    suberror: body.suberror,
    correlationId: body.correlation_id,
    traceId: body.trace_id,
    description: body.error_description?.split(/\r?\n/)[0],
  });
}
