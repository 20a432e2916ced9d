import type { PortalConfig } from '@/lib/config/schema';
import type { PortalUser } from './user';

/**
 * Whose facts a viewer may see. Partner users (any role of an admitted partner tenant) see
 * their own partner tenant only. Platform operators, the home tenant's Ops and Admin users,
 * also see every admitted partner, read-only. Monitors (the health bearer) see everything.
 */
export type TenantScope = { kind: 'all' } | { kind: 'tenant'; tenantId: string };

export const everyTenant: TenantScope = { kind: 'all' };

export function isPlatformOperator(user: PortalUser, config: Pick<PortalConfig, 'entra'>): boolean {
  const home = user.tid.toLowerCase() === config.entra.homeTenantId.toLowerCase();
  return home && (user.roles.includes('ops') || user.roles.includes('admin'));
}

/** The scope of a signed-in user's read-only views (health, audit). */
export function viewScopeFor(user: PortalUser, config: Pick<PortalConfig, 'entra'>): TenantScope {
  return isPlatformOperator(user, config) ? everyTenant : { kind: 'tenant', tenantId: user.tid };
}

export function inScope(scope: TenantScope, tenantId: string): boolean {
  return scope.kind === 'all' || scope.tenantId.toLowerCase() === tenantId.toLowerCase();
}

/** Consent, re-consent, disconnect and keep-alive act on the user's own tenant, as its Admin. */
export function canManageTenant(user: PortalUser, tenantId: string): boolean {
  return user.roles.includes('admin') && user.tid.toLowerCase() === tenantId.toLowerCase();
}
