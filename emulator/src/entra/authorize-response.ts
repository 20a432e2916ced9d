import { randomUUID } from 'node:crypto';
import { redirect, type EmulatorResponse } from '../core/http';
import type { RedirectTarget } from './authorize-request';
import { entraTimestamp, type AadstsError } from './errors';
import { formPostPage } from './pages';

/** Sends authorize results (code, id_token, state or an error) back per `response_mode`. */
export function respondToClient(
  target: RedirectTarget,
  fields: Record<string, string>,
): EmulatorResponse {
  const all = { ...fields, ...(target.state !== null ? { state: target.state } : {}) };
  if (target.responseMode === 'form_post') return formPostPage(target.redirectUri, all);
  const params = new URLSearchParams(all).toString();
  if (target.responseMode === 'fragment') return redirect(`${target.redirectUri}#${params}`);
  const url = new URL(target.redirectUri);
  for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
  return redirect(url.toString());
}

/** An authorize error sent to the redirect URI in Entra's shape. */
export function errorToClient(
  target: RedirectTarget,
  error: AadstsError,
  nowMs: number,
): EmulatorResponse {
  const description = `${error.message}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${entraTimestamp(nowMs)}`;
  return respondToClient(target, {
    error: error.error,
    error_description: description,
    error_uri: `https://login.microsoftonline.com/error?code=${error.aadsts}`,
  });
}
