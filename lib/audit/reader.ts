import 'server-only';
import { requireRole } from '@/lib/auth';
import type { PortalUser } from '@/lib/auth/user';
import { getConfig } from '@/lib/config';
import { auditReaderRoles, auditScopeFor, type AuditScope } from './scope';

/** For the audit pages: the signed-in reader and their scope; others get sign-in or 403. */
export async function requireAuditReader(
  returnTo: string,
): Promise<{ user: PortalUser; scope: AuditScope }> {
  const user = await requireRole(auditReaderRoles, returnTo);
  const scope = auditScopeFor(user, getConfig().entra.homeTenantId);
  // requireRole already refused everyone auditScopeFor would refuse; this keeps the two in step.
  if (!scope) throw new Error('audit scope and reader roles disagree');
  return { user, scope };
}
