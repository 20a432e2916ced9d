import 'server-only';
import { getConfig, type PortalConfig } from '@/lib/config';
import { entraEndpointsForTenant, partnerCenterUserImpersonation } from './endpoints';

/** Microsoft Graph's application id: the resource whose token carries `amr` on sign-in. */
export const graphResourceId = '00000003-0000-0000-c000-000000000000';

/**
 * On v1, asks Entra for a multi-factor sign-in, as Microsoft's Secure Application Model sample
 * does on every (v1) authorize request (`amr_values=mfa`, `Partner-Center-DotNet-Samples`
 * `secure-app-model/keyvault/PartnerConsent/App_Start/Startup.Auth.cs`): the portal requires MFA
 * of every sign-in and consent, and without it a user in a tenant whose policies ask for MFA
 * only sometimes is sent back saying MFA is required, never having been asked for it. v2 refuses
 * the parameter ("AADSTS901002: The 'amr_values' request parameter is not supported.",
 * AzureAD/microsoft-authentication-library-for-js#6746): there, only the partner's Conditional
 * Access (or security defaults) asks for MFA, and the refusal page says so.
 */
function mfaRequested(config: PortalConfig): Record<string, string> {
  return config.entra.endpointVersion === 'v1' ? { amr_values: 'mfa' } : {};
}

/**
 * Extra authorize parameters for portal sign-in. v2 id_tokens omit `amr`, so v2 also asks
 * for `User.Read`: the Graph access token of the same exchange carries `amr` (MFA proof).
 * v1 id_tokens carry `amr` themselves; `resource` names Graph so Entra has a resource.
 */
export function signInAuthorizationParams(
  config: PortalConfig = getConfig(),
): Record<string, string> {
  return config.entra.endpointVersion === 'v1'
    ? { resource: graphResourceId, scope: 'openid profile', ...mfaRequested(config) }
    : { scope: 'openid profile User.Read' };
}

/** What the consent start route keeps in its cookie and passes here. */
export interface ConsentRequest {
  state: string;
  nonce: string;
  /** PKCE S256 challenge of the verifier kept server-side. */
  codeChallenge: string;
  redirectUri: string;
  /** UPN of the signed-in admin, so Entra pre-fills the account. */
  loginHint?: string;
  /** Tenant in the authorize URL; defaults to the sign-in tenant. */
  tenant?: string;
  config?: PortalConfig;
}

/**
 * The Secure Application Model consent URL: hybrid flow (`code id_token`) posted back with
 * `form_post`, a fresh login (`prompt=login`; on v1 `amr_values=mfa` too), and Partner Center
 * delegated access plus `offline_access` for a refresh token.
 */
export function consentAuthorizationUrl(request: ConsentRequest): string {
  const config = request.config ?? getConfig();
  const { authorizeUrl } = entraEndpointsForTenant(
    request.tenant ?? config.entra.signInTenant,
    config,
  );
  const params = new URLSearchParams({
    client_id: config.entra.clientId,
    response_type: 'code id_token',
    response_mode: 'form_post',
    redirect_uri: request.redirectUri,
    state: request.state,
    nonce: request.nonce,
    prompt: 'login',
    ...mfaRequested(config),
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  });
  // v1 asks for the id_token with `scope=openid profile`, as Microsoft's SAM sample does.
  if (config.entra.endpointVersion === 'v1') {
    params.set('resource', config.partnerCenter.resource);
    params.set('scope', 'openid profile');
  } else
    params.set(
      'scope',
      `${partnerCenterUserImpersonation(config.partnerCenter.resource)} offline_access openid profile`,
    );
  if (request.loginHint) params.set('login_hint', request.loginHint);
  return `${authorizeUrl}?${params.toString()}`;
}
