import 'server-only';
import { z } from 'zod';
import { observeServiceDate } from '@/lib/clock';
import { getConfig, type PortalConfig } from '@/lib/config';
import { graphResourceId } from './authorize';
import { clientAuthenticationFields } from './client-auth';
import { entraEndpointsForTenant, partnerCenterUserImpersonation, trimSlash } from './endpoints';
import { traceEntraTokenRequest } from '@/lib/telemetry/dependencies';
import { EntraError, entraErrorFromResponse } from './errors';

/** What one successful token request gave the portal. Never log or serialise it. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
  scope?: string;
  resource?: string;
}

/** Injection points shared by the token requests (tests pass a fake fetch and clock). */
export interface TokenRequestOptions {
  config?: PortalConfig;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

// v1 sends numbers as strings, v2 as numbers: accept both.
const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().min(1).optional(),
  expires_in: seconds,
  scope: z.string().optional(),
  resource: z.string().optional(),
});

export const defaultTokenTimeoutMs = 15_000;

/**
 * POSTs a form to a token endpoint and parses Entra's success or error shape. Fields whose
 * value is `undefined` are left out of the form. One span per request (lib/telemetry).
 */
export async function postTokenRequest(
  tokenUrl: string,
  fields: Record<string, string | undefined>,
  options: TokenRequestOptions = {},
): Promise<TokenSet> {
  return traceEntraTokenRequest(tokenUrl, fields.grant_type, options.fetch ?? fetch, (traced) =>
    postTokenRequestOnce(tokenUrl, fields, { ...options, fetch: traced }),
  );
}

async function postTokenRequestOnce(
  tokenUrl: string,
  fields: Record<string, string | undefined>,
  options: TokenRequestOptions,
): Promise<TokenSet> {
  const config = options.config ?? getConfig();
  const now = options.now ?? Date.now;
  const defined = Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined);
  const body = new URLSearchParams({
    ...Object.fromEntries(defined),
    ...(await clientAuthenticationFields(config, tokenUrl, now())),
  });
  const startedAt = now();
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      // The body holds the client secret or assertion and the code or refresh token: a 307 or
      // 308 would send it on to wherever the answer points. Entra's token endpoint never
      // redirects (RFC 6749 3.2 answers in the response itself), so one is refused.
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? defaultTokenTimeoutMs),
    });
    text = await response.text();
    observeServiceDate(response.headers.get('date'));
  } catch (cause) {
    const timedOut =
      cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
    const error = timedOut ? 'timeout' : refusedRedirect(cause) ? 'unexpected_redirect' : 'network';
    throw new EntraError({ error, status: 0 }, { cause: redactCause(cause) });
  }
  if (!response.ok) throw entraErrorFromResponse(response.status, text, response.headers, now());
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success)
    throw new EntraError({ error: 'malformed_response', status: response.status });
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    idToken: t.id_token,
    expiresAt: startedAt + t.expires_in * 1000,
    scope: t.scope,
    resource: t.resource,
  };
}

/**
 * Whether fetch refused a redirect (`redirect: 'error'`): Node's fetch (undici) fails with
 * "fetch failed" whose cause says "unexpected redirect". Not a network fault, so not retried.
 */
function refusedRedirect(cause: unknown): boolean {
  const inner = cause instanceof Error ? (cause.cause as { message?: unknown } | undefined) : null;
  return inner?.message === 'unexpected redirect';
}

/** Keep only the error's name and message: a fetch failure never carries a token, but be sure. */
function redactCause(cause: unknown): Error | undefined {
  return cause instanceof Error
    ? Object.assign(new Error(cause.message), { name: cause.name })
    : undefined;
}

/** v1 `resource` or v2 `scope` for a delegated token to `resource` (Partner Center by default). */
export function resourceFields(
  resource: string,
  config: PortalConfig,
  withOpenId: boolean,
): Record<string, string> {
  if (config.entra.endpointVersion === 'v1') return { resource };
  const isPartnerCenter = trimSlash(resource) === trimSlash(config.partnerCenter.resource);
  const scope = isPartnerCenter
    ? partnerCenterUserImpersonation(resource)
    : `${trimSlash(resource)}/.default`;
  return { scope: `${scope} offline_access${withOpenId ? ' openid profile' : ''}` };
}

export interface AuthorizationCodeRedemption extends TokenRequestOptions {
  code: string;
  redirectUri: string;
  codeVerifier?: string;
  /** `sign-in`: the portal's own session; `partner-center`: the consent of the SAM flow. */
  purpose: 'sign-in' | 'partner-center';
}

/** Exchanges an authorization code on the server at the sign-in tenant's token endpoint. */
export async function redeemAuthorizationCode(
  request: AuthorizationCodeRedemption,
): Promise<TokenSet> {
  const config = request.config ?? getConfig();
  const { tokenUrl } = entraEndpointsForTenant(config.entra.signInTenant, config);
  const target =
    request.purpose === 'partner-center'
      ? resourceFields(config.partnerCenter.resource, config, true)
      : config.entra.endpointVersion === 'v1'
        ? { resource: graphResourceId }
        : { scope: 'openid profile User.Read' };
  return postTokenRequest(
    tokenUrl,
    {
      grant_type: 'authorization_code',
      code: request.code,
      redirect_uri: request.redirectUri,
      ...(request.codeVerifier ? { code_verifier: request.codeVerifier } : {}),
      ...target,
    },
    { ...request, config },
  );
}

/**
 * Redeems a refresh token for an access token to `resource` in the partner's tenant.
 * Entra answers with a new refresh token too (rotation); the caller decides whether to store it.
 */
export async function redeemRefreshToken(
  refreshToken: string,
  target: { tenantId: string; resource: string },
  options: TokenRequestOptions = {},
): Promise<TokenSet> {
  const config = options.config ?? getConfig();
  const { tokenUrl } = entraEndpointsForTenant(target.tenantId, config);
  return postTokenRequest(
    tokenUrl,
    {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...resourceFields(target.resource, config, false),
    },
    { ...options, config },
  );
}
