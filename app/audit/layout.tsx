import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth';
import { auditReaderRoles } from '@/lib/audit/scope';

/** Role check outside the loading boundary, so a SalesAgent gets a real HTTP 403. */
export default async function AuditLayout({ children }: { children: ReactNode }) {
  await requireRole(auditReaderRoles, '/audit');
  return children;
}
