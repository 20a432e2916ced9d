import 'server-only';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { systemClock, type Clock } from '@/lib/clock';
import type { PortalConfig } from '@/lib/config';
import {
  entraEndpoints,
  hasMfaEvidence,
  redeemAuthorizationCode,
  signInAuthorizationParams,
  validateTokenEndpointIdToken,
} from '@/lib/entra';
import { EntraError } from '@/lib/entra/errors';
import { mapAppRoles } from './roles';
import { noteSignInRefusal } from './sign-in-refusal';
import type { SignInOutcome } from './user';

export const providerId = 'azure-ad';

/** A sign-in callback that cannot be trusted; next-auth turns it into its error page. */
export class SignInRejected extends Error {
  constructor(
    readonly code:
      'missing_code' | 'state_mismatch' | 'missing_verifier' | 'missing_nonce' | 'missing_id_token',
  ) {
    super(`Sign-in was rejected: ${code}`);
    this.name = 'SignInRejected';
  }
}

/** Key under which the token request hands its (token-free) outcome to `userinfo`. */
const outcomeKey = 'portal_sign_in';

interface CallbackInput {
  params: { code?: string; state?: string };
  checks: { state?: string; code_verifier?: string; nonce?: string };
}

/**
 * Redeems the code through lib/entra, validates the id_token (issuer, audience, expiry,
 * nonce; the signature too, except for v1's unsigned one, see below) and decides MFA from the
 * same exchange. Returns claims only: the raw tokens end here and never reach next-auth's
 * account object, the session or a log line.
 */
export async function completeSignIn(
  { params, checks }: CallbackInput,
  config: PortalConfig,
  clock: Pick<Clock, 'cloudNow'> = systemClock,
): Promise<SignInOutcome> {
  if (!params.code) throw new SignInRejected('missing_code');
  if (!checks.state || params.state !== checks.state) throw new SignInRejected('state_mismatch');
  if (!checks.code_verifier) throw new SignInRejected('missing_verifier');
  // validateIdToken checks the nonce only when given one: without it, any id_token would do.
  if (!checks.nonce) throw new SignInRejected('missing_nonce');
  const tokenSet = await redeemAuthorizationCode({
    code: params.code,
    redirectUri: signInRedirectUri(config),
    codeVerifier: checks.code_verifier,
    purpose: 'sign-in',
    config,
  }).catch((error: unknown) => {
    // next-auth reports any failure here as "Callback": keep Entra's code for the error page.
    if (error instanceof EntraError && error.aadsts !== undefined)
      noteSignInRefusal({
        aadsts: error.aadsts,
        ...(error.correlationId ? { correlationId: error.correlationId } : {}),
      });
    throw error;
  });
  if (!tokenSet.idToken) throw new SignInRejected('missing_id_token');
  // This id_token comes straight from the token endpoint over TLS, not through the browser:
  // Entra's v1 endpoint sends it unsigned ("An unsigned JSON Web Token", v1-protocols-oauth-code.md)
  // and OIDC Core 3.1.3.7 lets TLS stand in for the signature here, so the back-channel validator
  // takes v1's `alg: none` and still checks issuer, audience, expiry, nonce and tid. Nowhere else
  // may it: the consent's form_post id_token goes through `validateIdToken`, signature required.
  const claims = await validateTokenEndpointIdToken(tokenSet.idToken, {
    nonce: checks.nonce,
    config,
    clock,
  });
  return {
    tid: claims.tid,
    oid: claims.oid,
    name: claims.name ?? claims.upn ?? claims.preferredUsername ?? claims.oid,
    upn: claims.upn ?? claims.preferredUsername ?? '',
    roles: mapAppRoles(claims.roles, config.roles),
    mfa: hasMfaEvidence(claims, tokenSet.accessToken),
    // `prompt=login` asks Entra for the credentials again, but the parameter travels through the
    // browser, which could drop it and be signed in by Entra's single sign-on instead:
    // `auth_time` says when Entra really took them (lib/auth/recent-sign-in.ts). Measured on
    // Entra's clock as its answers' `Date` headers show it (the code exchange just read one),
    // not against `iat`, which Entra sets minutes before it issues a token.
    credentialsAgeSeconds:
      claims.authTime === undefined
        ? null
        : Math.max(0, Math.floor(clock.cloudNow() / 1000) - claims.authTime),
  };
}

/** The redirect URI registered on the app registration for sign-in. */
export function signInRedirectUri(config: PortalConfig): string {
  return `${config.publicUrl.replace(/\/+$/, '')}/api/auth/callback/${providerId}`;
}

/**
 * Entra ID as a plain OAuth provider. next-auth's own id_token handling (openid-client)
 * cannot validate multi-tenant issuers outside Microsoft's hosts, nor take v1's unsigned
 * token-endpoint id_token for the back channel only, so `idToken: false` and lib/entra does the
 * exchange and validation in `token.request`; there is no Graph call for a photo.
 */
export function entraSignInProvider(config: PortalConfig): OAuthConfig<SignInOutcome> {
  const endpoints = entraEndpoints(config);
  return {
    id: providerId,
    name: 'Microsoft Entra ID',
    type: 'oauth',
    clientId: config.entra.clientId,
    // Client authentication happens in lib/entra (secret or certificate), not in openid-client.
    client: { token_endpoint_auth_method: 'none' },
    checks: ['pkce', 'state', 'nonce'],
    idToken: false,
    authorization: {
      url: endpoints.authorizeUrl,
      // prompt=login: every portal session starts with a fresh sign-in (on v1 asked to be
      // multi-factor: signInAuthorizationParams).
      // form_post: the code arrives in a POST body, never in an address (see ./cookies.ts).
      params: {
        response_type: 'code',
        response_mode: 'form_post',
        prompt: 'login',
        ...signInAuthorizationParams(config),
      },
    },
    token: {
      url: endpoints.tokenUrl,
      async request(context) {
        const outcome = await completeSignIn(context as CallbackInput, config);
        // next-auth wraps this in an openid-client TokenSet; it carries the outcome, no token.
        return { tokens: { [outcomeKey]: outcome } as Record<string, unknown> };
      },
    },
    userinfo: {
      url: endpoints.authorizeUrl,
      async request({ tokens }) {
        return (tokens as Record<string, unknown>)[outcomeKey] as SignInOutcome;
      },
    },
    profile(outcome) {
      return { id: outcome.oid, ...outcome };
    },
  };
}
