import type { PortalRole } from '@/lib/auth/roles';
import { inactivityClock, inactivityClockWords } from '@/lib/health/inactivity-clock';
import type { DependencyHealth, HealthReport, TenantHealth } from '@/lib/health/types';
import { partnerLabel } from '@/lib/partner-name/cache';

/** What the home page offers as the next step: a link (the primary button) or words only. */
export interface NextStep {
  label: string;
  href: string | null;
  /** Why, in one sentence. */
  reason: string;
}

/** One thing to look at, most urgent first. */
export interface AttentionItem {
  severity: 'critical' | 'warning';
  /** Starts with the subject's name; for a tenant known by id only, `Tenant <id>`. */
  title: string;
  /** Set when the title names a tenant by its id (no partner name known): shown monospaced. */
  unnamedTenantId?: string;
  detail: string;
  /** Null when the viewer may not open /health (sales agents). */
  href: string | null;
}

const consentHref = '/onboarding#connect';

/**
 * The next step for the viewer's own tenant, from the same facts /health shows. The fix is
 * for an Admin of that tenant to make; everyone else is told whom to ask.
 */
export function nextStepFor(tenant: TenantHealth | null, roles: readonly PortalRole[]): NextStep {
  const admin = roles.includes('admin');
  const status = tenant?.status ?? 'not-connected';
  if (status === 'not-connected') {
    // Said of a tenant disconnected a minute ago too: /health's facts cannot tell it from one
    // never connected, so the words must fit both.
    const reason =
      'No refresh token is stored for your partner tenant: it was never connected, or was disconnected.';
    return admin
      ? {
          label: 'Connect Partner Center',
          href: consentHref,
          reason,
        }
      : {
          label: 'Ask a partner admin to connect Partner Center',
          href: null,
          reason,
        };
  }
  if (status === 'needs-reconsent' || status === 'expiring-soon') {
    const reason =
      tenant?.problem?.cause ??
      (status === 'expiring-soon'
        ? 'The refresh token is close to its inactivity limit.'
        : 'The refresh token no longer works.');
    return admin
      ? { label: 'Re-consent Partner Center', href: consentHref, reason }
      : { label: 'Ask a partner admin to re-consent', href: null, reason };
  }
  if (status === 'degraded') {
    const reason = tenant?.problem?.cause ?? 'The token service saw failures.';
    return roles.includes('ops') || admin
      ? { label: 'View health', href: '/health', reason }
      : { label: 'Try again shortly', href: null, reason };
  }
  return roles.includes('salesAgent') || admin
    ? { label: 'Browse customers', href: '/customers', reason: 'Partner Center is connected.' }
    : { label: 'View health', href: '/health', reason: 'Partner Center is connected.' };
}

/**
 * The inactivity limit as /health states it for the same tenant (lib/health/inactivity-clock.ts):
 * "10 days left of 90" (never "10 of 90 days"), "Ended: unused for 90 days" only when inactivity
 * ended the connection, "Not applicable until re-consent" when something else did (a revoked
 * grant, a sign-in-frequency policy), "Unknown"; or "Not connected".
 */
export function daysLeftText(tenant: TenantHealth | null): string {
  if (!tenant || tenant.status === 'not-connected') return 'Not connected';
  return inactivityClockWords(inactivityClock(tenant));
}

/**
 * What is wrong with a dependency that is down or degraded. `degraded` means a different thing
 * for each (lib/health): Key Vault and Entra answering the portal with 429; Partner Center
 * throttling (429) or refusing the probed tenant's token (lib/health/probes.ts); the database's
 * audit events waiting or lost (lib/audit/health.ts).
 */
function dependencyTitle({ name, label, state, error }: DependencyHealth): string {
  if (state === 'down') return `${label} is down`;
  if (name === 'database')
    return error?.code === 'audit_backlog' ? `${label} is behind` : `${label} lost audit events`;
  if (name === 'partnerCenter' && error?.code !== 'throttled')
    return `${label} refused the health check`;
  return `${label} is limiting requests`;
}

/**
 * A dependency whose last verdict is too old to stand for now (lib/health's `stale`), unless it
 * was an outage, which stays named as one (as /health's summary does): a stale "OK" must not
 * leave the list saying everything is healthy. Worded as /health's badge and summary.
 */
function uncheckedItem(dependency: DependencyHealth, href: string | null): AttentionItem | null {
  if (!dependency.stale || dependency.state === 'down') return null;
  const lastKnown = dependency.error ? ` The last check said: ${dependency.error.message}` : '';
  return {
    severity: 'warning',
    title: `${dependency.label} was not checked recently`,
    detail: `Its state now is unknown.${lastKnown}`,
    href,
  };
}

/**
 * Tenants with a problem (critical before warning), then dependencies down or degraded, or
 * not checked recently.
 */
export function attentionItems(
  report: HealthReport,
  ownTenantId: string,
  canViewHealth: boolean,
): AttentionItem[] {
  const href = canViewHealth ? '/health' : null;
  const items: AttentionItem[] = [];
  for (const tenant of report.tenants) {
    if (tenant.status === 'healthy') continue;
    const own = tenant.tenantId.toLowerCase() === ownTenantId.toLowerCase();
    const name = own ? 'Your partner tenant' : tenant.displayName;
    // Another partner that has not onboarded yet is for a platform operator to know, not an outage.
    const severity =
      tenant.status === 'expiring-soon' || (tenant.status === 'not-connected' && !own)
        ? 'warning'
        : 'critical';
    const title = {
      'not-connected': `${name} is not connected to Partner Center`,
      'needs-reconsent': `${name} needs re-consent`,
      'expiring-soon': `${name}: ${daysLeftText(tenant).toLowerCase()}`,
      degraded: `${name} is degraded`,
    }[tenant.status];
    const unnamed = !own && tenant.displayName === partnerLabel(tenant.tenantId, null);
    items.push({
      severity,
      title,
      detail: tenant.problem?.cause ?? '',
      href,
      ...(unnamed ? { unnamedTenantId: tenant.tenantId } : {}),
    });
  }
  for (const dependency of report.dependencies) {
    const unchecked = uncheckedItem(dependency, href);
    if (unchecked) {
      items.push(unchecked);
      continue;
    }
    if (dependency.state !== 'down' && dependency.state !== 'degraded') continue;
    items.push({
      severity: dependency.state === 'down' ? 'critical' : 'warning',
      title: dependencyTitle(dependency),
      detail: dependency.error?.message ?? '',
      href,
    });
  }
  return items.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
}
