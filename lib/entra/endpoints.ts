import 'server-only';
import { getConfig, type PortalConfig } from '@/lib/config';

/** The Entra URLs the portal uses for one tenant (a GUID, `organizations` or `common`). */
export interface EntraEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  wellKnownUrl: string;
}

/** The resource (v1) / scope prefix (v2) of Partner Center's delegated API. */
export const partnerCenterUserImpersonation = (resource: string): string =>
  `${trimSlash(resource)}/user_impersonation`;

/**
 * Entra endpoints for `tenant` under `config.entra.authorityHost`, v1 or v2 per
 * `config.entra.endpointVersion` (docs/contracts.md §1). Pure: no discovery request.
 */
export function entraEndpointsForTenant(
  tenant: string,
  config: PortalConfig = getConfig(),
): EntraEndpoints {
  const base = `${trimSlash(config.entra.authorityHost)}/${encodeURIComponent(tenant)}`;
  if (config.entra.endpointVersion === 'v1') {
    return {
      authorizeUrl: `${base}/oauth2/authorize`,
      tokenUrl: `${base}/oauth2/token`,
      jwksUrl: `${base}/discovery/keys`,
      wellKnownUrl: `${base}/.well-known/openid-configuration`,
    };
  }
  return {
    authorizeUrl: `${base}/oauth2/v2.0/authorize`,
    tokenUrl: `${base}/oauth2/v2.0/token`,
    jwksUrl: `${base}/discovery/v2.0/keys`,
    wellKnownUrl: `${base}/v2.0/.well-known/openid-configuration`,
  };
}

/** Entra endpoints for the sign-in tenant (`config.entra.signInTenant`). */
export function entraEndpoints(config: PortalConfig = getConfig()): EntraEndpoints {
  return entraEndpointsForTenant(config.entra.signInTenant, config);
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
