import type { PortalRole } from '@/lib/auth/roles';
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
    return admin
      ? {
          label: 'Connect Partner Center',
          href: consentHref,
          reason: 'Nobody has consented for your partner tenant yet.',
        }
      : {
          label: 'Ask a partner admin to connect Partner Center',
          href: null,
          reason: 'Nobody has consented for your partner tenant yet.',
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
 * "10 days left of 90" (never "10 of 90 days"), "Ended: re-consent needed", "Unknown" or "Not
 * connected", in the words /health uses for the same tenant.
 */
export function daysLeftText(tenant: TenantHealth | null): string {
  if (!tenant || tenant.status === 'not-connected') return 'Not connected';
  // Idle past the limit or revoked by Entra: days may be left on the clock, but no token to use them.
  if (tenant.status === 'needs-reconsent') return 'Ended: re-consent needed';
  const { daysLeft, limitDays } = tenant.inactivity;
  // Connected as far as anyone knows, but the vault listing that dates the token could not be read.
  if (daysLeft === null) return 'Unknown';
  return `${daysLeft} day${daysLeft === 1 ? '' : 's'} left of ${limitDays}`;
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

/** Tenants with a problem (critical before warning), then dependencies down or degraded. */
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
