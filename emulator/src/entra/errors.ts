import { randomUUID } from 'node:crypto';
import { json, type EmulatorResponse } from '../core/http';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_tenant'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'interaction_required'
  | 'login_required'
  | 'consent_required'
  | 'access_denied'
  | 'invalid_resource'
  | 'temporarily_unavailable'
  | 'server_error';

/**
 * An Entra ID failure with its AADSTS number. Handlers throw it; the token endpoint turns it
 * into Entra's JSON error body, the authorize endpoint into a redirect or the error page.
 * The message must never contain a token, code or secret.
 */
export class AadstsError extends Error {
  readonly code: string;
  /**
   * `aadsts` is the failure's own code (counters and tests key on it). `wrappedIn` puts a
   * general code before it, in `error_codes` and in the description, as Entra's v1 token
   * endpoint does for an expired grant (see `expiredGrantV1` in ./grants.ts).
   */
  constructor(
    readonly aadsts: number,
    readonly error: OAuthErrorCode,
    message: string,
    readonly options: {
      status?: number;
      suberror?: string;
      wrappedIn?: { aadsts: number; message: string };
    } = {},
  ) {
    const outer = options.wrappedIn;
    super(`${outer ? `AADSTS${outer.aadsts}: ${outer.message} ` : ''}AADSTS${aadsts}: ${message}`);
    this.name = 'AadstsError';
    this.code = error;
  }

  /** `error_codes`: the wrapping code first, then the failure's own, in description order. */
  get errorCodes(): number[] {
    const outer = this.options.wrappedIn;
    return outer ? [outer.aadsts, this.aadsts] : [this.aadsts];
  }

  get status(): number {
    return this.options.status ?? (this.error === 'invalid_client' ? 401 : 400);
  }
}

/** Entra's timestamp format inside error bodies: `2026-01-06 22:31:52Z`. */
export function entraTimestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * How Entra writes a grant's times inside AADSTS descriptions (700082, 50173, 70043): ISO 8601
 * with 7 fractional digits, e.g. `2024-02-20T08:38:17.6250114Z`. `wholeSeconds` for the
 * TokensValidFrom date, which Entra keeps to the second (`'2024-04-16T08:25:51.0000000Z'`).
 */
export function entraIssueDate(ms: number, wholeSeconds = false): string {
  const at = wholeSeconds ? Math.floor(ms / 1000) * 1000 : ms;
  return new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/**
 * The token endpoint's error body, exactly Entra's shape. The correlation id echoes the
 * client's `client-request-id` when it sent one, as Entra does.
 */
export function aadstsResponse(
  error: AadstsError,
  nowMs: number,
  correlationId?: string,
): EmulatorResponse {
  const traceId = randomUUID();
  const correlation =
    correlationId && /^[0-9a-f-]{36}$/i.test(correlationId) ? correlationId : randomUUID();
  const timestamp = entraTimestamp(nowMs);
  const body: Record<string, unknown> = {
    error: error.error,
    error_description: `${error.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`,
    error_codes: error.errorCodes,
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
  };
  // Which code `error_uri` would name for a body with two is undocumented (the v1 doc's
  // two-code example has no `error_uri`): only single-code bodies carry it.
  if (error.errorCodes.length === 1)
    body.error_uri = `https://login.microsoftonline.com/error?code=${error.aadsts}`;
  if (error.options.suberror) body.suberror = error.options.suberror;
  const headers: Record<string, string> = {
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
  };
  if (error.status === 401) headers['www-authenticate'] = 'Basic realm="login.microsoftonline.com"';
  return json(error.status, body, headers);
}

/** The request lacks a parameter (AADSTS900144), Entra's wording. */
export function missingParameter(name: string): AadstsError {
  return new AadstsError(
    900144,
    'invalid_request',
    `The request body must contain the following parameter: '${name}'.`,
  );
}

/** Malformed input Entra cannot parse (AADSTS9002313). */
export function malformed(): AadstsError {
  return new AadstsError(
    9002313,
    'invalid_request',
    'Invalid request. Request is malformed or invalid.',
  );
}
