import { roleLabels, type PortalRole } from '@/lib/auth/roles';

/**
 * Home's line under the welcome: the account and its access, and for a platform operator what
 * that adds. The header says "Platform operator" and nothing else explained it: the operator
 * then met other partners' tenants on Home, Health and Audit without being told why. (That
 * they are view only is said where they are listed: Needs attention, /health.)
 */
export function welcomeLine({
  upn,
  roles,
  platformOperator,
}: {
  upn: string;
  roles: readonly PortalRole[];
  platformOperator: boolean;
}): string {
  const access = `Signed in as ${upn} with ${roles.map((r) => roleLabels[r]).join(' and ')} access.`;
  if (!platformOperator) return access;
  // An Admin's Alerts page lists every partner's open alerts too (lib/alerts/open-alerts.ts).
  const seen = roles.includes('admin')
    ? 'health, audit trail and open alerts'
    : 'health and audit trail';
  return `${access} As a platform operator you also see every admitted partner tenant's ${seen}.`;
}
