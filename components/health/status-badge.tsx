import type { DependencyState, TenantStatus } from '@/lib/health/types';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const tenantTones: Record<TenantStatus, { label: string; tone: BadgeTone }> = {
  healthy: { label: 'Healthy', tone: 'success' },
  'expiring-soon': { label: 'Expiring soon', tone: 'warning' },
  'needs-reconsent': { label: 'Needs re-consent', tone: 'danger' },
  'not-connected': { label: 'Not connected', tone: 'neutral' },
  degraded: { label: 'Degraded', tone: 'caution' },
};

const dependencyTones: Record<DependencyState, { label: string; tone: BadgeTone }> = {
  ok: { label: 'OK', tone: 'success' },
  degraded: { label: 'Degraded', tone: 'caution' },
  down: { label: 'Down', tone: 'danger' },
  skipped: { label: 'Not checked', tone: 'neutral' },
};

/** A dependency state's badge label ("OK", "Down", ...), for text that names it without a pill. */
export function dependencyStateLabel(state: DependencyState): string {
  return dependencyTones[state].label;
}

/** A tenant's status as a coloured pill. */
export function TenantStatusBadge({ status }: { status: TenantStatus }) {
  const { label, tone } = tenantTones[status];
  return (
    <Badge tone={tone} dot testId="tenant-status">
      {label}
    </Badge>
  );
}

/**
 * A dependency probe's state as a coloured pill; a stale verdict (lib/health: older than
 * several probe intervals) is grey whatever it was, since it no longer says how things are.
 */
export function DependencyStateBadge({
  state,
  stale = false,
}: {
  state: DependencyState;
  stale?: boolean;
}) {
  const { label, tone } = stale
    ? { label: 'Not checked recently', tone: 'neutral' as const }
    : dependencyTones[state];
  return (
    <Badge tone={tone} dot testId="dependency-state">
      {label}
    </Badge>
  );
}
