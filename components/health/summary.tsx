import type { HealthReport } from '@/lib/health/types';
import { formatUtc } from '@/lib/format/time';

const overall = {
  healthy: {
    title: 'All systems healthy',
    tone: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  },
  degraded: { title: 'Attention needed', tone: 'border-amber-200 bg-amber-50 text-amber-900' },
  unhealthy: { title: 'Action required', tone: 'border-red-200 bg-red-50 text-red-800' },
} as const;

/** The one-line verdict (same as the JSON endpoint's `status`) and when it was computed. */
export function HealthSummary({ report }: { report: HealthReport }) {
  const { title, tone } = overall[report.status];
  const count = (status: string) => report.tenants.filter((t) => t.status === status).length;
  const parts = [
    ['healthy', 'healthy'],
    ['expiring-soon', 'expiring soon'],
    ['degraded', 'degraded'],
    ['needs-reconsent', 'needs re-consent'],
    ['not-connected', 'not connected'],
  ]
    .map(([status, words]) => [count(status!), words] as const)
    .filter(([n]) => n > 0)
    // "1 needs re-consent", "2 need re-consent".
    .map(([n, words]) => `${n} ${n === 1 ? words : words!.replace(/^needs /, 'need ')}`);
  return (
    <div
      data-testid="health-summary"
      data-status={report.status}
      className={`flex flex-wrap items-center justify-between gap-3 rounded-xl border px-5 py-4 ${tone}`}
    >
      <div>
        <p className="font-semibold">{title}</p>
        <p className="text-sm opacity-90">
          {parts.length > 0 ? `Tenants: ${parts.join(', ')}.` : 'No partner tenant is known yet.'}
        </p>
      </div>
      <p className="text-xs opacity-80">Updated {formatUtc(report.generatedAt)}</p>
    </div>
  );
}
