import { BreakableProse } from '@/components/ui/breakable';
import type { PreflightCheck } from '@/lib/onboarding/preflight';
import { foldPreflightChecks } from '@/lib/onboarding/preflight-fold';
import { SupportDetails } from './support-details';
import { StatusBadge } from './status-badge';

/**
 * A check's row. A phone gives the text the whole width under the verdict and title: beside an
 * 80 px badge column it had about 200 px, a word or a GUID a line. From `sm` the verdicts stand
 * in a column of their own. Shared with the fold's line and the loading state (./skeletons.tsx).
 */
export const checkRowClass =
  'grid grid-cols-[5rem_minmax(0,1fr)] gap-x-3 gap-y-0.5 py-3 text-sm sm:gap-x-4';

/**
 * Each configuration check with its verdict and, when it needs one, the fix. What needs reading
 * (a failure, a warning, an action) is listed open; passed checks and notes fold under one line
 * (a native `<details>`: no client JavaScript) that opens on demand.
 */
export function PreflightList({ checks }: { checks: PreflightCheck[] }) {
  const { open, folded, summary } = foldPreflightChecks(checks);
  return (
    <div data-testid="preflight-checks">
      {open.length > 0 && (
        <ul className="divide-y divide-slate-100">
          {open.map((check) => (
            <CheckRow key={check.id} check={check} />
          ))}
        </ul>
      )}
      {summary && (
        <details
          className={`group ${open.length > 0 ? 'border-t border-slate-100' : ''}`}
          data-testid="preflight-folded"
        >
          {/* Drawn as a check's row: the verdict in the badge column, the count beside it. */}
          <summary
            className={`${checkRowClass} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}
          >
            {folded.some((check) => check.status === 'pass') ? (
              <StatusBadge status="pass" className="mt-0.5 w-20 self-start" />
            ) : (
              <StatusBadge status="info" label="Note" className="mt-0.5 w-20 self-start" />
            )}
            <span className="flex min-w-0 flex-wrap gap-x-3">
              <span className="font-medium text-slate-900">{summary}</span>
              <span aria-hidden="true" className="text-brand-700 group-hover:underline">
                <span className="group-open:hidden">Show ▾</span>
                <span className="hidden group-open:inline">Hide ▴</span>
              </span>
            </span>
          </summary>
          <ul className="divide-y divide-slate-100 border-t border-slate-100">
            {folded.map((check) => (
              <CheckRow key={check.id} check={check} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function CheckRow({ check }: { check: PreflightCheck }) {
  return (
    <li className={checkRowClass} data-check={check.id} data-status={check.status}>
      {/* "Action" only when there is something to do; an info check without a fix is a note. */}
      <StatusBadge
        status={check.status}
        label={check.status === 'info' && !check.fix ? 'Note' : undefined}
        className="mt-0.5 w-20 self-start sm:row-span-2"
      />
      <p className="min-w-0 font-medium break-words text-slate-900">{check.title}</p>
      <div className="col-span-2 min-w-0 break-words sm:col-span-1 sm:col-start-2">
        <p className="text-slate-600">
          <BreakableProse text={check.summary} />
        </p>
        {check.fix && (
          <p className="mt-1 text-slate-700">
            <span className="font-medium">Fix: </span>
            <BreakableProse text={check.fix} />
          </p>
        )}
        {check.steps && check.steps.length > 0 && (
          <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
            {check.steps.map((step) => (
              <li key={step} className="break-words">
                {step}
              </li>
            ))}
          </ul>
        )}
        <SupportDetails detail={check.detail} correlationId={check.correlationId} />
      </div>
    </li>
  );
}
