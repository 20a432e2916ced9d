import type { PortalUser } from '@/lib/auth/user';
import type { OwnPartnerLabel } from '@/lib/partner-name/own-partner';

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

/** Whose events the audit list shows, as one line under its title (`title`: the same in full). */
export interface AuditScopeLine {
  text: string;
  title: string;
}

/**
 * The audit list's line naming whose events it shows. A partner's own users read their partner
 * by the name the rest of the portal gives it (`ownPartner`: ownPartnerLabel of the reader, so
 * never another tenant's), its tenant id only when no name is known; the id is in the hover
 * text either way, as the table's partner column has it. A platform operator reads every
 * tenant's, which no one name says.
 */
export function auditScopeLine(
  scope: AuditScope,
  ownPartner: OwnPartnerLabel | null,
): AuditScopeLine {
  if (scope.kind === 'all') {
    const text = 'All partner tenants (platform operator)';
    return { text, title: text };
  }
  const label = ownPartner?.label ?? scope.tenantId;
  const text = `Your partner tenant: ${label}`;
  return {
    text,
    title: label.toLowerCase().includes(scope.tenantId) ? text : `${text} (${scope.tenantId})`,
  };
}
