import { DatabaseUnavailableCard } from '@/components/ui/database-unavailable-card';

/**
 * The audit trail while its database does not answer: "Try again" back to the same list, with
 * its filters and position (`retryHref`). The code is the one a refused export of the trail
 * reports (lib/audit/export-request.ts). The home page's latest events card says it shorter,
 * beside "Needs attention" (components/dashboard/latest-audit.tsx).
 */
export function AuditUnavailablePanel({ retryHref }: { retryHref: string }) {
  return (
    <DatabaseUnavailableCard
      testId="audit-unavailable"
      code="audit_unavailable"
      title="The audit trail cannot be read right now"
      retryHref={retryHref}
    >
      The portal keeps the trail in its database, and the database is not answering. Events that
      happen meanwhile are kept and written when it is back.
    </DatabaseUnavailableCard>
  );
}
