import type { PreflightCheck } from '@/lib/onboarding/preflight';
import { RawDetail } from './raw-detail';
import { StatusBadge } from './status-badge';

/** Each configuration check with its verdict and, when it needs one, the fix. */
export function PreflightList({ checks }: { checks: PreflightCheck[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="preflight-checks">
      {checks.map((check) => (
        <li
          key={check.id}
          className="flex gap-4 py-3"
          data-check={check.id}
          data-status={check.status}
        >
          {/* "Action" only when there is something to do; an info check without a fix is a note. */}
          <StatusBadge
            status={check.status}
            label={check.status === 'info' && !check.fix ? 'Note' : undefined}
            className="mt-0.5 w-20 self-start"
          />
          <div className="min-w-0 break-words text-sm">
            <p className="font-medium text-slate-900">{check.title}</p>
            <p className="mt-0.5 text-slate-600">{check.summary}</p>
            {check.fix && (
              <p className="mt-1 text-slate-700">
                <span className="font-medium">Fix: </span>
                {check.fix}
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
            <RawDetail detail={check.detail} correlationId={check.correlationId} />
          </div>
        </li>
      ))}
    </ul>
  );
}
