import { DatabaseUnavailableCard } from '@/components/ui/database-unavailable-card';

/**
 * The audit trail while its database does not answer: "Try again" back to the same page
 * (`retryHref`: the list with its filters and position, or the home page whose latest events
 * could not be read). The code is the one a refused export of the trail reports
 * (lib/audit/export-request.ts).
 */
export function AuditUnavailablePanel({
  retryHref,
  testId = 'audit-unavailable',
  partOfPage = false,
}: {
  retryHref: string;
  testId?: string;
  /** A card of the home page, not the audit list (DatabaseUnavailableCard's `partOfPage`). */
  partOfPage?: boolean;
}) {
  return (
    <DatabaseUnavailableCard
      testId={testId}
      code="audit_unavailable"
      title="The audit trail cannot be read right now"
      retryHref={retryHref}
      partOfPage={partOfPage}
    >
      The portal keeps the trail in its database, and the database is not answering. Events that
      happen meanwhile are kept and written when it is back.
    </DatabaseUnavailableCard>
  );
}
