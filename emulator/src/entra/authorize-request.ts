import type { AppRegistration } from '../seed/identities';
import {
  findApp,
  resolveTenant,
  type EndpointVersion,
  type EntraDeps,
  type TenantRoute,
} from './deps';
import { AadstsError } from './errors';
import { v1Request, v2Request, type ResourceRequest } from './scopes';

export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** A validated authorize request, carried through the sign-in pages. */
export interface AuthorizeRequest {
  version: EndpointVersion;
  tenant: TenantRoute;
  app: AppRegistration;
  redirectUri: string;
  responseType: 'code' | 'code id_token';
  responseMode: ResponseMode;
  state: string | null;
  nonce: string | null;
  prompt: string | null;
  loginHint: string;
  codeChallenge: string | null;
  request: ResourceRequest;
}

/** Failures that must NOT redirect (unknown app, unregistered redirect URI): an error page. */
export class AuthorizePageError extends Error {
  readonly code = 'AUTHORIZE_PAGE_ERROR';
  constructor(
    readonly aadsts: number,
    message: string,
  ) {
    super(message);
  }
}

/** What may go back to the redirect URI once it is known to be registered. */
export interface RedirectTarget {
  redirectUri: string;
  responseMode: ResponseMode;
  state: string | null;
}

/**
 * Entra compares redirect URIs exactly, except that for `http://localhost` (and 127.0.0.1)
 * the port is ignored, so local apps may use any port.
 */
export function redirectUriRegistered(app: AppRegistration, candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return app.redirectUris.some((registered) => {
    if (registered === candidate) return true;
    const reg = new URL(registered);
    const loopback = url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
    return (
      loopback &&
      reg.protocol === 'http:' &&
      reg.hostname === url.hostname &&
      reg.pathname === url.pathname &&
      url.search === '' &&
      url.hash === ''
    );
  });
}

function invalidRequest(aadsts: number, message: string): AadstsError {
  return new AadstsError(aadsts, 'invalid_request', message);
}

/** Step 1: client and redirect URI; errors here show the error page. */
export function authorizeTarget(
  deps: EntraDeps,
  query: URLSearchParams,
): { app: AppRegistration } & RedirectTarget {
  const clientId = query.get('client_id');
  if (!clientId)
    throw new AuthorizePageError(
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  const app = findApp(deps, clientId);
  if (!app) {
    throw new AuthorizePageError(
      700016,
      `Application with identifier '${clientId.slice(0, 64)}' was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant.`,
    );
  }
  const redirectUri = query.get('redirect_uri') ?? app.redirectUris[0] ?? '';
  if (!redirectUriRegistered(app, redirectUri)) {
    throw new AuthorizePageError(
      50011,
      `The redirect URI '${redirectUri.slice(0, 200)}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    );
  }
  const responseType = query.get('response_type') ?? '';
  const requested = query.get('response_mode');
  const fallback: ResponseMode = responseType.includes('id_token') ? 'fragment' : 'query';
  const responseMode: ResponseMode =
    requested === 'form_post' || requested === 'fragment' || requested === 'query'
      ? requested
      : fallback;
  return { app, redirectUri, responseMode, state: query.get('state') };
}

function normalizeResponseType(raw: string | null): 'code' | 'code id_token' {
  const parts = (raw ?? '').split(/\s+/).filter(Boolean).sort();
  if (parts.length === 0)
    throw invalidRequest(
      900144,
      "The request body must contain the following parameter: 'response_type'.",
    );
  const joined = parts.join(' ');
  if (joined === 'code') return 'code';
  if (joined === 'code id_token') return 'code id_token';
  throw new AadstsError(
    700054,
    'unsupported_response_type',
    `response_type '${joined.slice(0, 64)}' is not supported by the emulator (use 'code' or 'code id_token').`,
  );
}

/** Step 2: everything else; errors here go back to the (registered) redirect URI. */
export function parseAuthorize(
  deps: EntraDeps,
  query: URLSearchParams,
  tenantLabel: string,
  version: EndpointVersion,
): AuthorizeRequest {
  const target = authorizeTarget(deps, query);
  const tenant = resolveTenant(deps, tenantLabel);
  const responseType = normalizeResponseType(query.get('response_type'));
  if (responseType === 'code id_token' && target.responseMode === 'query') {
    throw invalidRequest(
      700054,
      "response_mode 'query' is not allowed when requesting an id_token; use 'form_post' or 'fragment'.",
    );
  }
  if (version === 'v2' && query.has('resource')) {
    throw invalidRequest(901002, "The 'resource' request parameter is not supported.");
  }
  // v1 takes it (Microsoft's SAM sample sends it) and the emulator acts on nothing; v2 refuses
  // it with this answer (AzureAD/microsoft-authentication-library-for-js#6746).
  if (version === 'v2' && query.has('amr_values')) {
    throw invalidRequest(901002, "The 'amr_values' request parameter is not supported.");
  }
  const challenge = query.get('code_challenge');
  const method = query.get('code_challenge_method');
  if (challenge && method !== 'S256')
    throw invalidRequest(
      5000,
      "The emulator accepts only code_challenge_method 'S256' (plain is insecure).",
    );
  if (challenge && !/^[A-Za-z0-9_-]{43}$/.test(challenge))
    throw invalidRequest(501491, 'Invalid size of Code_Challenge parameter.');
  const request =
    version === 'v1'
      ? v1Request(target.app, query.get('resource'), tenantLabel)
      : v2Request(target.app, query.get('scope') ?? '', tenantLabel);
  const asksOpenId =
    version === 'v2'
      ? request.oidc.includes('openid')
      : (query.get('scope') ?? '').split(/\s+/).includes('openid');
  // v1 too: Microsoft's SAM sample and the seed's consent link send scope=openid with code id_token.
  if (responseType === 'code id_token' && !asksOpenId) {
    throw invalidRequest(
      700054,
      "response_type 'id_token' is not enabled for the application unless the 'openid' scope is requested.",
    );
  }
  // An id_token answers for the request that asked for it by its nonce: Entra refuses to issue
  // one without ("AADSTS90014: The required field 'nonce' is missing.", emulator/README.md).
  if (responseType === 'code id_token' && !query.get('nonce'))
    throw invalidRequest(90014, "The required field 'nonce' is missing.");
  return {
    version,
    tenant,
    app: target.app,
    redirectUri: target.redirectUri,
    responseType,
    responseMode: target.responseMode,
    state: target.state,
    nonce: query.get('nonce'),
    prompt: query.get('prompt'),
    loginHint: query.get('login_hint') ?? '',
    codeChallenge: challenge,
    request,
  };
}
