import type { X509Certificate } from 'node:crypto';
import type { EmulatorContext } from '../core/service';
import type { AppRegistration, DirectoryUser, PartnerTenant } from '../seed/identities';
import { AadstsError } from './errors';
import type { EntraSigningKeys } from './keys';
import type { Authentication, EntraStore } from './store';
import type { AuthorizeRequest } from './authorize-request';
import type { BrowserSessions } from './browser-session';
import type { DirectoryPolicies } from './policies';

/**
 * Tenant-wide Conditional Access as the emulator models it: resources for which a token
 * may only be issued from a sign-in that did MFA (AADSTS50076 otherwise). Off by default,
 * toggled by `POST /_emulator/login/conditional-access`.
 */
export interface ConditionalAccess {
  requireMfaFor: Set<string>;
}

/** Everything the Entra handlers share. */
export interface EntraDeps {
  ctx: EmulatorContext;
  keys: EntraSigningKeys;
  store: EntraStore;
  /** Client certificates by client id (certificate credentials). */
  certificates: ReadonlyMap<string, X509Certificate>;
  conditionalAccess: ConditionalAccess;
  /** The partner's directory and Conditional Access settings that end sign-ins and grants. */
  policies: DirectoryPolicies;
  /** Sign-ins in progress, keyed by the random flow id the pages post back. */
  flows: Map<string, SignInFlow>;
  /** Browsers signed in (single sign-on), by their session cookie. */
  browserSessions: BrowserSessions;
}

/** One sign-in in progress: which page comes next, and who has proven what so far. */
export interface SignInFlow {
  request: AuthorizeRequest;
  stage: 'password' | 'mfa' | 'consent';
  userOid: string | null;
  auth: Authentication | null;
  expiresMs: number;
}

export type EndpointVersion = 'v1' | 'v2';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Dotted host names (`contoso.onmicrosoft.com`); a label without a dot gets AADSTS900023. */
const dnsNamePattern =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/** `common`/`organizations` (any tenant), or a seeded tenant by GUID or domain. */
export type TenantRoute =
  { kind: 'multi'; label: string } | { kind: 'tenant'; tenant: PartnerTenant };

export function resolveTenant(deps: EntraDeps, label: string): TenantRoute {
  const lower = label.toLowerCase();
  if (lower === 'common' || lower === 'organizations') return { kind: 'multi', label: lower };
  const tenant = deps.ctx.identities.tenants.find(
    (t) => t.tenantId === lower || t.domain === lower,
  );
  if (tenant) return { kind: 'tenant', tenant };
  // A GUID or a domain name that names no tenant: Entra's 90002 with `invalid_tenant` (bodies in
  // Azure/azure-cli#22145 and james-gould/azure-keyvault-emulator#324, both from discovery).
  if (guidPattern.test(label) || dnsNamePattern.test(label)) {
    throw new AadstsError(
      90002,
      'invalid_tenant',
      `Tenant '${label}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );
  }
  throw new AadstsError(
    900023,
    'invalid_request',
    `Specified tenant identifier '${label.slice(0, 64)}' is neither a valid DNS name, nor a valid external domain.`,
  );
}

export function findApp(deps: EntraDeps, clientId: string | null): AppRegistration | undefined {
  return clientId ? deps.ctx.identities.apps.find((a) => a.clientId === clientId) : undefined;
}

export function findUserByOid(deps: EntraDeps, oid: string): DirectoryUser | undefined {
  return asAssignedNow(
    deps,
    deps.ctx.identities.users.find((u) => u.objectId === oid),
  );
}

export function findUserByUpn(deps: EntraDeps, upn: string): DirectoryUser | undefined {
  const lower = upn.trim().toLowerCase();
  return asAssignedNow(
    deps,
    deps.ctx.identities.users.find((u) => u.userPrincipalName.toLowerCase() === lower),
  );
}

/**
 * The user with the app roles they hold now: none once a test removed their assignments
 * (`POST /_emulator/users/<upn>/unassign`), so every later token and policy check sees it.
 */
function asAssignedNow(
  deps: EntraDeps,
  user: DirectoryUser | undefined,
): DirectoryUser | undefined {
  return user && deps.policies.unassignedUsers.has(user.objectId) ? { ...user, roles: [] } : user;
}
