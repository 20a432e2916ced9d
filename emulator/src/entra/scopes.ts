import {
  graphResource,
  partnerCenterResource,
  vaultResource,
  type AppRegistration,
} from '../seed/identities';
import { AadstsError } from './errors';

/** OpenID Connect scopes: they shape the response, they are not an API's permissions. */
export const oidcScopes = new Set(['openid', 'profile', 'email', 'offline_access']);

/** APIs the emulated tenant knows (service principals that exist). */
const knownResources = new Map<string, string>([
  [partnerCenterResource, partnerCenterResource],
  [vaultResource, vaultResource],
  [graphResource, graphResource],
  ['https://graph.microsoft.com', graphResource],
]);

/** What one authorize or token request asks for: one API and its permission names. */
export interface ResourceRequest {
  resource: string;
  scopes: string[];
  oidc: string[];
}

/** Canonical resource id; throws AADSTS500011 for an API the tenant does not know. */
export function canonicalResource(raw: string, tenant: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  const known = knownResources.get(trimmed) ?? knownResources.get(trimmed.toLowerCase());
  if (!known) {
    throw new AadstsError(
      500011,
      'invalid_resource',
      `The resource principal named ${trimmed.slice(0, 200)} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  }
  return known;
}

/** The scopes the app registration statically declares for a resource (`.default`). */
export function staticScopes(app: AppRegistration, resource: string): string[] {
  return (
    app.requiredResourceAccess
      .find((r) => r.resource === resource)
      ?.scopes.filter((s) => !oidcScopes.has(s)) ?? []
  );
}

/** v1: `resource` names the API; the app's static permissions for it apply. */
export function v1Request(
  app: AppRegistration,
  resource: string | null,
  tenant: string,
): ResourceRequest {
  const canonical = canonicalResource(resource ?? graphResource, tenant);
  return {
    resource: canonical,
    scopes: staticScopes(app, canonical),
    oidc: ['openid', 'profile', 'offline_access'],
  };
}

/**
 * v2: `scope` is a space-separated list; `https://api/perm` and `https://api/.default` name an
 * API, bare names are Microsoft Graph permissions. One API per request, as Entra requires.
 */
export function v2Request(app: AppRegistration, scope: string, tenant: string): ResourceRequest {
  const oidc: string[] = [];
  const byResource = new Map<string, string[]>();
  for (const item of scope.split(/\s+/).filter(Boolean)) {
    if (oidcScopes.has(item.toLowerCase())) {
      oidc.push(item.toLowerCase());
      continue;
    }
    const slash = item.lastIndexOf('/');
    const resource = slash > 0 ? canonicalResource(item.slice(0, slash), tenant) : graphResource;
    const name = slash > 0 ? item.slice(slash + 1) : item;
    const names = byResource.get(resource) ?? [];
    names.push(...(name === '.default' ? staticScopes(app, resource) : [name]));
    byResource.set(resource, names);
  }
  if (byResource.size > 1) {
    throw new AadstsError(
      28000,
      'invalid_scope',
      'Provided value for the input parameter scope is not valid because it contains more than one resource.',
    );
  }
  const [entry] = [...byResource.entries()];
  const [resource, scopes] = entry ?? [graphResource, ['User.Read']];
  return { resource, scopes: [...new Set(scopes)], oidc };
}

/** The `scope` string of a token response: v1 bare names, v2 resource-qualified ones. */
export function responseScope(request: ResourceRequest, version: 'v1' | 'v2'): string {
  if (version === 'v1' || request.resource === graphResource) return request.scopes.join(' ');
  return request.scopes.map((s) => `${request.resource}/${s}`).join(' ');
}
