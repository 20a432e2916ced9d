import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';

/** A request as every service handler sees it: URL parsed, body read and size-capped. */
export interface EmulatorRequest {
  method: string;
  /** Parsed with `URL`, so percent-encoded query names (`api%2Dversion`) decode correctly. */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string | undefined;
}

export interface EmulatorResponse {
  status: number;
  /**
   * The HTTP/1.1 reason phrase, for an answer Microsoft documents with its own (Partner Center's
   * "401 Unauthorized - MFA required"); absent: Node's standard phrase for the status.
   */
  statusText?: string;
  headers?: Record<string, string | string[]>;
  /** A string or Buffer is sent as is; anything else is sent as JSON. */
  body?: unknown;
}

export type Handler = (req: EmulatorRequest) => Promise<EmulatorResponse>;

/** Largest request body any service accepts; larger ones get 413 before a handler runs. */
export const maxBodyBytes = 256 * 1024;

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return {
    status,
    body,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  };
}

export function html(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return { status, body, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } };
}

export function redirect(location: string, headers: Record<string, string> = {}): EmulatorResponse {
  return { status: 302, headers: { location, ...headers } };
}

/** Form fields of an `application/x-www-form-urlencoded` body (last value wins). */
export function formBody(req: EmulatorRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

/** Parses a JSON body; `undefined` when it is empty or not JSON (callers answer 400). */
export function jsonBody(req: EmulatorRequest): unknown {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A test control's refusal of its input (400, `bad_request`). */
export function controlBadRequest(message: string): EmulatorResponse {
  return json(400, { error: 'bad_request', message });
}

/** A test control's JSON body as `schema` reads it, or the 400 that names what is wrong. */
export function parseControlBody<T>(
  schema: z.ZodType<T>,
  req: EmulatorRequest,
): { ok: true; data: T } | { ok: false; response: EmulatorResponse } {
  const result = schema.safeParse(jsonBody(req) ?? null);
  if (result.success) return { ok: true, data: result.data };
  const message = result.error.issues
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
  return { ok: false, response: controlBadRequest(message) };
}

export function bearerToken(req: EmulatorRequest): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** HTML-escapes text placed in emulator pages. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
