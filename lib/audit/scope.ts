import type { PortalUser } from '@/lib/auth/user';

/** Which events a reader may see: every partner tenant's, or one tenant's. */
export type AuditScope = { kind: 'all' } | { kind: 'tenant'; tenantId: string };

/** Roles that may read the audit trail. */
export const auditReaderRoles = ['admin', 'ops'] as const;

/**
 * The one place that decides who reads which events. Admins and Ops read their own partner
 * tenant's events (`user.tid`); Admins and Ops of the portal's home tenant are platform
 * operators and read every tenant's. Anyone else (SalesAgent, no role) reads nothing: null.
 */
export function auditScopeFor(
  user: Pick<PortalUser, 'tid' | 'roles'>,
  homeTenantId: string,
): AuditScope | null {
  if (!auditReaderRoles.some((role) => user.roles.includes(role))) return null;
  if (user.tid.toLowerCase() === homeTenantId.toLowerCase()) return { kind: 'all' };
  return { kind: 'tenant', tenantId: user.tid.toLowerCase() };
}

/**
 * Of an event's tenants (partner, actor), those a reader may see named: a platform operator
 * any, a partner its own only. An actor from another tenant (a platform operator acting on the
 * partner's connection) keeps just the id the event shows.
 */
export function nameableTenants(
  event: { partnerTenant: string | null; actorTenant: string | null },
  scope: AuditScope,
): string[] {
  return [event.partnerTenant, event.actorTenant].filter(
    (tenant): tenant is string =>
      tenant !== null && (scope.kind === 'all' || tenant.toLowerCase() === scope.tenantId),
  );
}
