import { graphResource, partnerCenterResource, vaultResource } from '../seed/identities';
import type { AuthorizeRequest } from './authorize-request';
import type { EntraDeps } from './deps';
import type { PermissionLine } from './pages';

export interface Grant {
  resource: string;
  scopes: string[];
}

/** Wording close to Microsoft's consent prompt for the permissions the seed uses. */
const descriptions: Record<string, PermissionLine> = {
  [`${partnerCenterResource} user_impersonation`]: {
    title: 'Access Partner Center as you',
    detail: 'Microsoft Partner Center',
  },
  [`${vaultResource} user_impersonation`]: {
    title: 'Access Azure Key Vault as you',
    detail: 'Azure Key Vault',
  },
  [`${graphResource} openid`]: { title: 'Sign you in', detail: 'Microsoft Graph' },
  [`${graphResource} profile`]: { title: 'View your basic profile', detail: 'Microsoft Graph' },
  [`${graphResource} email`]: { title: 'View your email address', detail: 'Microsoft Graph' },
  [`${graphResource} offline_access`]: {
    title: 'Maintain access to data you have given it access to',
    detail: 'Microsoft Graph',
  },
  [`${graphResource} User.Read`]: {
    title: 'Sign you in and read your profile',
    detail: 'Microsoft Graph',
  },
};

/**
 * What accepting the consent page grants. v1 consents to the app's whole static permission
 * list (that is how the v1 endpoint works); v2 to the requested scopes plus OIDC ones.
 */
export function consentGrants(authorize: AuthorizeRequest): Grant[] {
  if (authorize.version === 'v1') {
    return authorize.app.requiredResourceAccess.map((r) => ({
      resource: r.resource,
      scopes: [...r.scopes],
    }));
  }
  const grants: Grant[] = [
    { resource: authorize.request.resource, scopes: authorize.request.scopes },
  ];
  const oidc = authorize.request.oidc;
  if (oidc.length > 0) grants.push({ resource: graphResource, scopes: oidc });
  return grants;
}

/** The consent page shows the first time a user meets these permissions, or on prompt=consent. */
export function consentNeeded(deps: EntraDeps, authorize: AuthorizeRequest, oid: string): boolean {
  if (authorize.prompt === 'consent') return true;
  return consentGrants(authorize).some((grant) => {
    const granted = deps.store.consented(oid, authorize.app.clientId, grant.resource) ?? [];
    return grant.scopes.some((s) => !granted.includes(s));
  });
}

export function permissionLines(authorize: AuthorizeRequest): PermissionLine[] {
  const lines = consentGrants(authorize).flatMap((grant) =>
    grant.scopes.map(
      (scope) =>
        descriptions[`${grant.resource} ${scope}`] ?? { title: `${scope}`, detail: grant.resource },
    ),
  );
  const seen = new Set<string>();
  return lines.filter((line) => !seen.has(line.title) && seen.add(line.title));
}
