import type { FailureView } from '@/lib/failure';
import { formatCount } from '@/lib/format/count';
import { formatUtc } from '@/lib/format/time';
import { buttonClass } from '@/components/ui/button';
import { FailureCard } from '@/components/ui/failure-card';
import { FailureFix } from '@/components/failure-fix';
import { SupportReference } from '@/components/ui/support-reference';

/**
 * Why a CSV export failed, above the list (which still works): the export just clicked, which
 * did not start (lib/customers/export-failure.ts sent the browser back here), or, with
 * `stopped`, the reader's last export, which stopped after its download had started
 * (lib/customers/stopped-export.ts): the browser only marked that one failed.
 */
export function ExportFailurePanel({
  failure,
  exportHref,
  stopped,
}: {
  failure: FailureView;
  exportHref: string;
  stopped?: { rows: number; at: Date };
}) {
  const cause = failure.title ?? failure.problem;
  return (
    <FailureCard
      testId="export-failure"
      code={failure.code}
      kicker="CSV export"
      title={stopped ? `${stoppedWords(stopped)}: ${cause}` : `The export did not start: ${cause}`}
      titleId="export-failure-title"
      actions={
        // A plain link: the export is a download, not a page for the client router.
        <a href={exportHref} className={buttonClass('secondary')}>
          Export again
        </a>
      }
      support={
        failure.correlationId && (
          <SupportReference
            id={failure.correlationId}
            requestId={failure.requestId}
            className="mt-4"
          />
        )
      }
    >
      {stopped && (
        <p className="text-slate-600">
          Your browser marked the download as failed:{' '}
          {stopped.rows === 0 ? 'the file holds no users' : 'the file is incomplete'}, do not use
          it.
        </p>
      )}
      {failure.title && <p className="text-slate-600">{failure.problem}</p>}
      <FailureFix fix={failure.fix} />
    </FailureCard>
  );
}

/** "Your export of 19:20 UTC stopped after 500 users". */
function stoppedWords({ rows, at }: { rows: number; at: Date }): string {
  const when = formatUtc(at.toISOString());
  return rows === 0
    ? `Your export (${when}) stopped before any user was written`
    : `Your export (${when}) stopped after ${formatCount(rows)} ${rows === 1 ? 'user' : 'users'}`;
}
