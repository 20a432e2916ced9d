import { LoadingRegion } from '@/components/customers/skeletons';
import { pageTitles } from '@/components/page-titles';
import {
  auditActionLineClass as actionLine,
  auditColumnClass as column,
  auditFilterGridClass,
  auditFoldClass as fold,
} from './list-layout';

/** The rows drawn: about a laptop's first screen of the trail (a page holds up to 50). */
const skeletonRows = 10;

function Bar({ className }: { className: string }) {
  return <div className={`rounded bg-slate-200 ${className}`} />;
}

/**
 * A grey bar inside a box one line of the real text high (`h-4`: text-xs, `h-5`: text-sm), so
 * the placeholder is as tall as what replaces it.
 */
function Line({ height, bar }: { height: 'h-4' | 'h-5'; bar: string }) {
  return (
    <div className={`flex items-center ${height}`}>
      <Bar className={bar} />
    </div>
  );
}

/**
 * The audit list until its events arrive, block for block and width for width as the page
 * draws them (app/audit/(list)/page.tsx), so nothing moves when it does: the title (real) and
 * its line of scope, the export (field-height, as wide as "Export all (CSV)"); the filters
 * (folded behind their button on a phone, the form's grid from `sm`); the table's columns as
 * the events table shows them at each width, each row as tall as an event's (on a phone, one
 * cell: the action with its outcome beside it, the time and the actor under it); the pager.
 * No words but the title: the scope, the partner tenant's column and the number of events
 * depend on who is reading, which a loading state does not know. No next/link:
 * e2e/loading-states.spec.ts renders this on its own, where that cannot load.
 */
export function AuditListSkeleton() {
  return (
    <LoadingRegion label="Loading the audit trail">
      <header className="flex flex-wrap items-end justify-between gap-4">
        {/* As wide as the subtitle's measure, so the export sits beside it where it fits. */}
        <div className="w-full max-w-3xl min-w-0">
          <h1 className="mt-1 text-2xl font-semibold wrap-anywhere text-slate-900">
            {pageTitles.audit}
          </h1>
          {/* The subtitle (components/audit/list-subtitle.tsx): what the list holds, one line
              from `sm` and two on a phone, then whose it is, one line for every reader. */}
          <div aria-hidden="true" className="mt-1 animate-pulse" data-testid="audit-subtitle-lines">
            <Line height="h-5" bar="h-3.5 w-full sm:w-2/3" />
            <div className="sm:hidden">
              <Line height="h-5" bar="h-3.5 w-2/3" />
            </div>
            <Line height="h-5" bar="h-3.5 w-3/4 sm:w-1/3" />
          </div>
        </div>
        <Bar className="h-10 w-36 animate-pulse rounded-md" />
      </header>
      <div aria-hidden="true" className="animate-pulse">
        <Bar className="h-9 w-28 rounded-md sm:hidden" />
        <div className="hidden sm:block">
          <div className={auditFilterGridClass}>
            {[0, 1, 2, 3, 4].map((field) => (
              <div key={field} className="flex flex-col gap-1">
                <Line height="h-4" bar="h-3 w-20" />
                <Bar className="h-10 w-full rounded-md" />
              </div>
            ))}
            <div className="flex gap-2">
              <Bar className="h-10 w-28 rounded-md" />
              <Bar className="h-10 w-16 rounded-md" />
            </div>
          </div>
        </div>
      </div>
      <TableSkeleton />
      {/* The pager's status line, "Page 1 · events 1–50 · older pages follow", and Older: on a
          phone the button wraps under the line, as the page's does. */}
      <div
        aria-hidden="true"
        className="flex animate-pulse flex-wrap items-center justify-between gap-3"
      >
        <Line height="h-5" bar="h-3.5 w-72" />
        <Bar className="h-10 w-24 rounded-md" />
      </div>
    </LoadingRegion>
  );
}

/** The events table's frame and columns (components/ui/table.tsx, components/audit/event-rows.tsx). */
function TableSkeleton() {
  return (
    <div
      aria-hidden="true"
      className="animate-pulse overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-xs"
    >
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {[column.time, column.action, column.outcome, column.actor].map((visibility, i) => (
              <th key={i} className={`${visibility} px-4 py-3`}>
                <Line height="h-4" bar="h-3 w-16" />
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {Array.from({ length: skeletonRows }, (_, row) => (
            <tr key={row} className="align-top">
              <td className={`${column.time} px-4 py-3`}>
                <Line height="h-4" bar="h-3 w-40" />
              </td>
              <td className={`${column.action} px-4 py-3`}>
                {/* The action, and on a phone its outcome at the line's end (a badge: 20 px). */}
                <div className={actionLine}>
                  <Line height="h-5" bar="h-3.5 w-28 sm:w-32" />
                  <Bar className={`h-5 w-16 shrink-0 rounded-full ${fold.outcome}`} />
                </div>
                <div className={`mt-0.5 ${fold.code}`}>
                  <Line height="h-4" bar="h-3 w-40" />
                </div>
                <div className={`mt-0.5 ${fold.time}`}>
                  <Line height="h-4" bar="h-3 w-40" />
                </div>
                <div className={`mt-0.5 ${fold.actor}`}>
                  <Line height="h-4" bar="h-3 w-56 sm:w-36" />
                </div>
              </td>
              <td className={`${column.outcome} px-4 py-3`}>
                <Bar className="h-5 w-16 rounded-full" />
              </td>
              <td className={`${column.actor} px-4 py-3`}>
                <Line height="h-5" bar="h-3.5 w-44" />
                {/* The client address, under the actor from `xl`. */}
                <div className="mt-0.5 hidden xl:block">
                  <Line height="h-4" bar="h-3 w-20" />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
