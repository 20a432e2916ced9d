import type { FailureView } from '@/lib/failure';
import { buttonClass } from '@/components/ui/button';
import { FailureCard } from '@/components/ui/failure-card';
import { FailureFix } from '@/components/failure-fix';
import { CorrelationId } from './failure-panel';

/**
 * Why the CSV export just clicked did not start (lib/customers/export-failure.ts sent the
 * browser back here): above the list, which still works.
 */
export function ExportFailurePanel({
  failure,
  exportHref,
}: {
  failure: FailureView;
  exportHref: string;
}) {
  return (
    <FailureCard
      testId="export-failure"
      code={failure.code}
      kicker="CSV export"
      title={`The export did not start: ${failure.title ?? failure.problem}`}
      titleId="export-failure-title"
      actions={
        // A plain link: the export is a download, not a page for the client router.
        <a href={exportHref} className={buttonClass('secondary')}>
          Export again
        </a>
      }
      support={
        failure.correlationId && (
          <CorrelationId id={failure.correlationId} requestId={failure.requestId ?? null} />
        )
      }
    >
      {failure.title && <p className="text-slate-600">{failure.problem}</p>}
      <FailureFix fix={failure.fix} />
    </FailureCard>
  );
}
