import Link from 'next/link';
import { daysLeftText } from '@/lib/dashboard/attention';
import type { TenantHealth } from '@/lib/health/types';
import { reconsentIsTheFix } from '@/lib/onboarding/connect-panel';

/**
 * What onboarding says about an existing connection, agreeing with /health: green only when
 * health finds nothing wrong; otherwise the problem, pointing at the Connect step's button when
 * re-consenting is the fix (the button is then the page's main action).
 */
export function ConnectionBanner({
  health,
  mintedBy,
}: {
  health: TenantHealth | null;
  mintedBy: string | null;
}) {
  const status = health?.status ?? 'healthy';
  if (status === 'healthy' || status === 'not-connected') {
    // not-connected here means health has not probed the vault since the consent: the vault itself says connected.
    return (
      <div
        className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm"
        data-testid="already-connected"
      >
        <p className="min-w-0 break-words text-emerald-900">
          Partner Center is connected for your tenant (consented by {mintedBy ?? 'unknown'}).
        </p>
        <Link
          href="/onboarding/result"
          prefetch={false}
          className="font-semibold text-emerald-800 underline"
        >
          View connection and history →
        </Link>
      </div>
    );
  }
  const critical = status === 'needs-reconsent';
  const heading = {
    'needs-reconsent': 'Partner Center needs re-consent',
    'expiring-soon': `Partner Center is connected, with ${daysLeftText(health)}`,
    degraded: 'Partner Center is connected, but the token service is failing',
  }[status];
  return (
    <div
      className={`space-y-2 rounded-xl border p-4 text-sm ${critical ? 'border-red-200 bg-red-50 text-red-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}
      data-testid="connection-problem"
      data-status={status}
    >
      <p className="font-semibold">{heading}</p>
      {health?.problem && (
        <p className="break-words">
          {health.problem.cause} {health.problem.fix}
        </p>
      )}
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        {reconsentIsTheFix(health?.problem) && (
          <a href="#connect" className="font-semibold underline">
            Re-consent below
          </a>
        )}
        <Link href="/onboarding/result" prefetch={false} className="underline">
          View connection and history
        </Link>
      </p>
    </div>
  );
}
