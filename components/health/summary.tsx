import type { HealthReport } from '@/lib/health/types';
import { formatUtc } from '@/lib/format/time';
import { healthSummaryWords, type HealthSummaryWords } from '@/lib/health/summary';
import { dependenciesSectionId } from './dependencies-panel';

const tones = {
  ok: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  caution: 'border-amber-200 bg-amber-50 text-amber-900',
  alert: 'border-red-200 bg-red-50 text-red-800',
  // Another partner's trouble: the portal's informational blue, not a warning to the reader.
  info: 'border-brand-100 bg-brand-50 text-brand-900',
} as const satisfies Record<HealthSummaryWords['tone'], string>;

/** The one-line verdict (the JSON endpoint's `status`, in words: lib/health/summary.ts) and when it was computed. */
export function HealthSummary({
  report,
  ownTenantId,
}: {
  report: HealthReport;
  /** A platform operator's own tenant: counted apart from the partners they only view. */
  ownTenantId?: string;
}) {
  const { title, detail, tone, seeDependencies } = healthSummaryWords(report, ownTenantId);
  return (
    <div
      data-testid="health-summary"
      data-status={report.status}
      data-tone={tone}
      className={`flex flex-wrap items-center justify-between gap-3 rounded-xl border px-5 py-4 ${tones[tone]}`}
    >
      {/* An instance's name (a host name, a process id) may be longer than a phone is wide. */}
      <div className="min-w-0">
        <p className="font-semibold">{title}</p>
        <p className="text-sm break-words opacity-90">
          {detail}
          {seeDependencies && (
            <>
              {' '}
              See{' '}
              <a href={`#${dependenciesSectionId}`} className="font-medium underline">
                Dependencies
              </a>
              .
            </>
          )}
        </p>
      </div>
      <p className="text-xs opacity-80">Updated {formatUtc(report.generatedAt)}</p>
    </div>
  );
}
