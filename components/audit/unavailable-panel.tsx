import { ButtonLink } from '@/components/ui/button';
import { FailureCard } from '@/components/ui/failure-card';
import { FailureFix } from '@/components/failure-fix';

/**
 * The audit list while its database does not answer, in the frame and words of the portal's
 * other failures (components/customers/failure-panel.tsx): what happened, what to do, and
 * "Try again" back to the same list (`retryHref` keeps the filters and the page). The code is
 * the one a refused export of the trail reports (lib/audit/export-request.ts). Every audit
 * reader (Admin, Ops) may open the health page, which says when the database is back.
 */
export function AuditUnavailablePanel({ retryHref }: { retryHref: string }) {
  return (
    <FailureCard
      testId="audit-unavailable"
      code="audit_unavailable"
      kicker="Database"
      title="The audit trail cannot be read right now"
      titleId="audit-unavailable-title"
      actions={
        <>
          <ButtonLink variant="primary" prefetch={false} href={retryHref}>
            Try again
          </ButtonLink>
          <ButtonLink prefetch={false} href="/health">
            Open the health page
          </ButtonLink>
        </>
      }
    >
      <p className="text-slate-600">
        The portal keeps the trail in its database, and the database is not answering. Events that
        happen meanwhile are kept and written when it is back.
      </p>
      <FailureFix fix="Try again in a minute. If it keeps failing, the health page shows whether the database is answering." />
    </FailureCard>
  );
}
