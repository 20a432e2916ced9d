import { STATUS_CODES } from 'node:http';
import type { z } from 'zod';
import { PartnerCenterError, codeForStatus, defaultDescription } from './errors';
import { partnerCenterErrorBodySchema, throttleBodySchema } from './wire';

/** Turning what came back (bytes, status, or nothing) into a DTO source or a PartnerCenterError. */

/** The ids every error of one logical call carries. */
export interface CallIds {
  requestId: string;
  correlationId: string;
}

/**
 * JSON from raw bytes. Decoded by hand (not `response.json()`) so that the leading UTF-8 BOM
 * Partner Center may send is removed here, deliberately, and invalid UTF-8 is an error.
 */
export function decodeJson(bytes: Uint8Array): unknown {
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

/** A 2xx body parsed with `schema`; non-JSON or a schema mismatch is `malformed_response`, never a crash. */
export function parseSuccess<T>(
  bytes: Uint8Array,
  schema: z.ZodType<T>,
  status: number,
  ids: CallIds,
): T {
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

function malformed(
  detail: string,
  status: number,
  ids: CallIds,
  cause: unknown,
): PartnerCenterError {
  const description = `${defaultDescription('malformed_response')}: ${detail}`;
  return new PartnerCenterError({ code: 'malformed_response', status, description, ...ids, cause });
}

/**
 * A refusal Partner Center answers with a line of text instead of its error envelope, e.g.
 * "Authentication failed. MFA required. (10001)" (the .NET SDK reports it with no
 * ServiceErrorPayload: microsoft/Partner-Center-DotNet-Samples#59): the text, and the code in
 * its closing parentheses. Anything longer, or markup (a proxy's error page), is not one.
 */
function textRefusal(bytes: Uint8Array): { description: string; code: number | null } | null {
  if (bytes.length === 0 || bytes.length > 300) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return lineRefusal(text);
}

function lineRefusal(line: string): { description: string; code: number | null } | null {
  const text = line.trim();
  if (!/^[^<>{}\p{Cc}]+$/u.test(text)) return null;
  const code = /\((\d{1,9})\)$/.exec(text)?.[1];
  return { description: text, code: code === undefined ? null : Number(code) };
}

/**
 * The refusal in the reason phrase of an answer without a body. Partner Center refuses a token
 * without MFA so: "HTTP/1.1 401 Unauthorized - MFA required", `WWW-Authenticate: Bearer
 * error="invalid_token"` and no body ("Mandating multi-factor authentication (MFA) for your
 * partner tenant", partner-center/partner-security-requirements-mandating-mfa.md), and the .NET
 * SDK's DefaultPartnerServiceErrorHandler reports the reason phrase whenever the body is blank
 * (`string.IsNullOrWhiteSpace(responsePayload) ? response.ReasonPhrase : responsePayload`), so
 * public "(10001)" reports may be a phrase too. Only a phrase that says more than the status's
 * standard one ("Unauthorized") counts. HTTP/2 has no reason phrase (`statusText` is empty);
 * the portal calls Partner Center with Node's fetch (undici), which speaks HTTP/1.1.
 */
function reasonPhraseRefusal(
  statusText: string,
  status: number,
): { description: string; code: number | null } | null {
  const phrase = statusText.trim();
  if (!phrase || phrase.length > 300) return null;
  if (phrase.toLowerCase() === STATUS_CODES[status]?.toLowerCase()) return null;
  return lineRefusal(phrase);
}

/**
 * The error for a final non-2xx answer: Partner Center's code and description when its body has
 * them, or, when the body is blank, its reason phrase (`statusText`) if that says more than the
 * status does.
 */
export function errorFromResponse(
  status: number,
  bytes: Uint8Array,
  ids: CallIds,
  retryAfterMs: number | null,
  statusText = '',
): PartnerCenterError {
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
    // Not JSON: a refusal in words, in the body or (no body) in the reason phrase, or an error
    // page (a proxy's HTML) the status says enough about.
    const refusal = isBlank(bytes) ? reasonPhraseRefusal(statusText, status) : textRefusal(bytes);
    if (refusal) ({ description, code: partnerCenterCode } = refusal);
  }
  const retryAfter =
    code === 'throttled' && retryAfterMs !== null ? Math.ceil(retryAfterMs / 1000) : null;
  return new PartnerCenterError({
    code,
    status,
    partnerCenterCode,
    description: description || defaultDescription(code),
    retryAfter,
    ...ids,
  });
}

/** An empty body, or one of white space only (the .NET SDK's `IsNullOrWhiteSpace`). */
function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);
}

/** No answer at all (connection refused, reset, timeout) after the last attempt. */
export function unreachable(cause: unknown, ids: CallIds): PartnerCenterError {
  const timedOut =
    cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
  const description = timedOut
    ? 'Partner Center did not answer in time'
    : 'Partner Center could not be reached';
  return new PartnerCenterError({ code: 'unavailable', status: 0, description, ...ids, cause });
}
