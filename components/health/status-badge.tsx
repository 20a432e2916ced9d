import type { DependencyState, TenantStatus } from '@/lib/health/types';

const tenantTones: Record<TenantStatus, { label: string; tone: string; dot: string }> = {
  healthy: { label: 'Healthy', tone: 'bg-emerald-50 text-emerald-700 ring-emerald-200', dot: 'bg-emerald-500' },
  'expiring-soon': { label: 'Expiring soon', tone: 'bg-amber-50 text-amber-800 ring-amber-200', dot: 'bg-amber-500' },
  'needs-reconsent': { label: 'Needs re-consent', tone: 'bg-red-50 text-red-700 ring-red-200', dot: 'bg-red-500' },
  'not-connected': { label: 'Not connected', tone: 'bg-slate-100 text-slate-700 ring-slate-200', dot: 'bg-slate-400' },
  degraded: { label: 'Degraded', tone: 'bg-orange-50 text-orange-700 ring-orange-200', dot: 'bg-orange-500' },
};

const dependencyTones: Record<DependencyState, { label: string; tone: string; dot: string }> = {
  ok: { label: 'OK', tone: 'bg-emerald-50 text-emerald-700 ring-emerald-200', dot: 'bg-emerald-500' },
  degraded: { label: 'Degraded', tone: 'bg-orange-50 text-orange-700 ring-orange-200', dot: 'bg-orange-500' },
  down: { label: 'Down', tone: 'bg-red-50 text-red-700 ring-red-200', dot: 'bg-red-500' },
  skipped: { label: 'Not checked', tone: 'bg-slate-100 text-slate-600 ring-slate-200', dot: 'bg-slate-400' },
};

function Pill({ label, tone, dot, testId }: { label: string; tone: string; dot: string; testId: string }) {
  return (
    <span data-testid={testId} className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tone}`}>
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${dot}`} />
      {label}
    </span>
  );
}

/** A tenant's status as a coloured pill. */
export function TenantStatusBadge({ status }: { status: TenantStatus }) {
  return <Pill {...tenantTones[status]} testId="tenant-status" />;
}

/** A dependency probe's state as a coloured pill. */
export function DependencyStateBadge({ state }: { state: DependencyState }) {
  return <Pill {...dependencyTones[state]} testId="dependency-state" />;
}

