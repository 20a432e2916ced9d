import type { PortalRole } from '@/lib/auth/roles';
import { utcMillisecondParts } from '@/lib/format/time';
import { inactivityClock, inactivityClockWords } from '@/lib/health/inactivity-clock';
import { outageEffect, sharedOutageOf } from '@/lib/health/shared-outage';
import type { DependencyHealth, HealthReport, TenantHealth } from '@/lib/health/types';
import { inOtherPartnersWords } from '@/lib/health/whose-words';
import { partnerLabel, partnerTenantById } from '@/lib/partner-name/cache';
import {
  otherPartnerDetail,
  plainConnectionReason,
  plainOutageEffect,
  plainOwnTenantDetail,
} from './plain-words';

/** What the home page offers as the next step: a link (the primary button) or words only. */
export interface NextStep {
  label: string;
  href: string | null;
  /** Why, in one sentence; for a healthy connection, who connected it and when (may be empty). */
  reason: string;
}

/**
 * One thing to look at, most urgent first. `info`: a tenant not connected, which is not an
 * outage (the first state of every partner before onboarding; /health's badge is neutral), and
 * another partner's in /health's informational tone (lib/health/summary.ts: "Other partner
 * tenants need attention"). Another partner's re-consent stays critical.
 */
export interface AttentionItem {
  severity: 'critical' | 'warning' | 'info';
  /**
   * Whose it is: the viewer's own partner tenant, a service every tenant shares, another
   * partner's tenant (a platform operator's, view only: the list says so once, above them), a
   * tenant no longer admitted whose token is still stored (the operator's to delete), or the
   * Admin's own alert targets (./alert-targets.ts).
   */
  subject: 'own' | 'service' | 'otherPartner' | 'notAdmitted' | 'alerts';
  /** Starts with the subject's name; for a tenant known by id only, `Partner tenant <id>`. */
  title: string;
  /** Set when the title names a tenant by its id (no partner name known): shown monospaced. */
  unnamedTenantId?: string;
  detail: string;
  /**
   * /health, or the Alerts page for an alert target's item; null when the viewer may not open
   * /health (sales agents).
   */
  href: string | null;
}

const consentHref = '/onboarding#connect';

/**
 * Whether the viewer reads the token facts (Admin and Ops, who may open /health): the others (a
 * sales agent) read what they can use and who can fix it instead (./plain-words.ts).
 */
export function readsTokenFacts(roles: readonly PortalRole[]): boolean {
  return roles.includes('admin') || roles.includes('ops');
}

/**
 * The next step for the viewer's own tenant, from the same facts /health shows. The fix is
 * for an Admin of that tenant to make; everyone else is told whom to ask.
 */
export function nextStepFor(tenant: TenantHealth | null, roles: readonly PortalRole[]): NextStep {
  const step = tokenFactsStep(tenant, roles);
  return readsTokenFacts(roles) ? step : { ...step, reason: plainConnectionReason(tenant) };
}

/** The next step, its reason in the words of whoever runs the connection. */
function tokenFactsStep(tenant: TenantHealth | null, roles: readonly PortalRole[]): NextStep {
  const admin = roles.includes('admin');
  const status = tenant?.status ?? 'not-connected';
  if (status === 'not-connected') {
    // Said of a tenant disconnected a minute ago too: /health's facts cannot tell it from one
    // never connected, so the words must fit both.
    const reason =
      'No refresh token is stored for your partner tenant: it was never connected, or was disconnected.';
    return admin
      ? { label: 'Connect Partner Center', href: consentHref, reason }
      : { label: 'Ask a partner admin to connect Partner Center', href: null, reason };
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
    // The portal's to recover (it keeps trying): /health shows what it sees meanwhile.
    return roles.includes('ops') || admin
      ? { label: 'View health', href: '/health', reason }
      : { label: 'Try again shortly', href: null, reason };
  }
  // The badge says it is healthy: the sentence gives what the badge and the token facts do not.
  const reason = tenant ? connectedWords(tenant) : '';
  return roles.includes('salesAgent') || admin
    ? { label: 'Browse customers', href: '/customers', reason }
    : { label: 'View health', href: '/health', reason };
}

/**
 * Who connected a healthy tenant, and on which day (UTC), as /health's "Connected by" says it:
 * "Connected on 6 Dec 2026 by admin@contoso.onmicrosoft.com.". "Partner Center is connected."
 * only repeated the "Healthy" badge above it. Whatever of the two is known; empty when neither
 * is (the card then shows its button alone rather than say the badge's words again).
 */
export function connectedWords(tenant: TenantHealth): string {
  const at = tenant.grant?.mintedAt ? new Date(tenant.grant.mintedAt) : null;
  const day = at && !Number.isNaN(at.getTime()) ? utcMillisecondParts(at).date : null;
  const by = tenant.grant?.mintedBy ?? null;
  if (!day && !by) return '';
  return `Connected${day ? ` on ${day}` : ''}${by ? ` by ${by}` : ''}.`;
}

/**
 * Whether the connection card already says all that "Needs attention" would of the reader's own
 * tenant, so the list leaves it out: a tenant not connected (or not in the report at all). Its
 * badge and reason say "not connected" already, and its next step who connects it (the reader's
 * "Connect Partner Center", or whom to ask, for every role: `nextStepFor`); the list said it
 * once more, with the detail /health gives.
 * Any other trouble stays listed (a re-consent, an expiring or degraded connection): the card
 * states it, but the list is where the reader looks for what is wrong, beside the services.
 */
export function connectionCardAnswers(tenant: TenantHealth | null): boolean {
  return (tenant?.status ?? 'not-connected') === 'not-connected';
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
 * audit events waiting or lost (lib/audit/health.ts). Down for this instance alone while another
 * reaches it is this instance's path, as /health's summary names it: "Key Vault is down" read
 * as an outage of the vault.
 */
function dependencyTitle(dependency: DependencyHealth): string {
  const { name, label, state, error } = dependency;
  if (state === 'down')
    return sharedOutageOf(dependency)?.kind === 'cut-off'
      ? `This instance cannot reach ${label}`
      : `${label} is down`;
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
    subject: 'service',
    title: `${dependency.label} was not checked recently`,
    detail: `Its state is now unknown.${lastKnown}`,
    href,
  };
}

function dependencyItem(dependency: DependencyHealth, href: string | null): AttentionItem | null {
  const unchecked = uncheckedItem(dependency, href);
  if (unchecked) return unchecked;
  if (dependency.state !== 'down' && dependency.state !== 'degraded') return null;
  return {
    severity: dependency.state === 'down' ? 'critical' : 'warning',
    subject: 'service',
    title: dependencyTitle(dependency),
    detail: dependency.error?.message ?? '',
    href,
  };
}

/**
 * The database as the page's own read of the audit trail found it just now: not answering. It
 * stands for the database's item from the health report, whose last probe may be older than the
 * failure, and says why /health may not show it yet. The page says it here only: its latest
 * audit events card says the trail cannot be read and points here (latest-audit.tsx).
 */
function unansweredDatabaseItem(report: HealthReport, href: string | null): AttentionItem {
  const probed = report.dependencies.find((d) => d.name === 'database');
  const lag = probed?.state === 'down' ? '' : ' The health page shows it once its next check runs.';
  return {
    severity: 'critical',
    subject: 'service',
    title: `${probed?.label ?? 'Database'} is not answering`,
    detail: `The audit trail could not be read just now; events that happen meanwhile are kept and written when it is back.${lag}`,
    href,
  };
}

function tenantItem(
  tenant: TenantHealth,
  ownTenantId: string,
  viewer: { canViewHealth: boolean; href: string | null },
): AttentionItem | null {
  if (tenant.status === 'healthy') return null;
  const own = tenant.tenantId.toLowerCase() === ownTenantId.toLowerCase();
  // Another partner's words name that partner ("in Fabrikam's Entra ID"), as its card on /health
  // does: "your" named the reader's own Entra ID (lib/health/whose-words.ts).
  const words = own ? tenant : inOtherPartnersWords(tenant);
  const unnamed = !own && tenant.displayName === partnerLabel(tenant.tenantId, null);
  // Known by its id only: named as /health's cards name it (the list shows the id monospaced).
  const shown = unnamed ? partnerTenantById(tenant.tenantId) : tenant.displayName;
  // Its people cannot sign in: the stored token is the platform operator's to end, not a
  // partner's to fix (only an operator's report lists another tenant).
  if (tenant.admitted === false)
    return {
      severity: 'warning',
      subject: 'notAdmitted',
      title: `${shown} is no longer admitted, its token still stored`,
      detail: words.problem?.fix ?? '',
      href: viewer.href,
      ...(unnamed ? { unnamedTenantId: tenant.tenantId } : {}),
    };
  const name = own ? 'Your partner tenant' : shown;
  // Not connected is no outage but the first state before onboarding: /health's badge (and the
  // connection card's) is neutral, never red, so the list's dot is its informational blue, the
  // reader's own as another partner's (that one for its own admins to fix, as /health's summary
  // tells it). Another partner's re-consent stays critical, as /health's summary's "Action
  // required by other partners' admins"; an expiring or degraded connection is the portal's to
  // keep up (its keep-alive, its paths), so a warning for the platform operator, who reads this
  // list.
  const severity =
    tenant.status === 'not-connected'
      ? 'info'
      : tenant.status === 'expiring-soon' || (!own && tenant.status === 'degraded')
        ? 'warning'
        : 'critical';
  const title = {
    'not-connected': `${name} is not connected to Partner Center`,
    'needs-reconsent': `${name} needs re-consent`,
    // A partner's name reads as a sentence ("Fabrikam has 10 days left of 90"), not a label.
    'expiring-soon': `${name}${own ? ':' : ' has'} ${daysLeftText(tenant).toLowerCase()}`,
    degraded: `${name} is degraded`,
  }[tenant.status];
  // The cause as /health words it for whoever runs this connection; plain words for the others.
  const detail = !own
    ? otherPartnerDetail(words)
    : viewer.canViewHealth
      ? (tenant.problem?.cause ?? '')
      : plainOwnTenantDetail(tenant);
  return {
    severity,
    subject: own ? 'own' : 'otherPartner',
    title,
    detail,
    href: viewer.href,
    ...(unnamed ? { unnamedTenantId: tenant.tenantId } : {}),
  };
}

const severityRank = { critical: 0, warning: 1, info: 2 } as const;
const subjectRank = { own: 0, service: 1, notAdmitted: 1, alerts: 1, otherPartner: 2 } as const;
/** What the reader can act on (their tenant, the services, alert targets) before what they view. */
const viewedOnly = (item: AttentionItem) => (item.subject === 'otherPartner' ? 1 : 0);

/**
 * Tenants with a problem, dependencies down or degraded or not checked recently, the database
 * when the page's own read of the audit trail just failed (`auditUnreadable`), and an Admin's
 * alert targets that alerts do not reach (`alertTargets`: ./alert-targets.ts); not the reader's
 * own tenant when the connection card says it all (`ownOnCard`: connectionCardAnswers).
 * A tenant whose problem is a shared service's trouble alone (lib/health's `sharedOutage` mark)
 * is not listed apart: the service's item says whom it affects (`withAffected`), once, where
 * the list said the same outage for the reader's tenant, the service and each other partner.
 * First what the reader can act on, most severe first and, within a severity, their own tenant
 * before the shared services; then other partners' tenants (which a platform operator only
 * views), most severe first: another partner's re-consent led the list above the reader's own
 * warning.
 */
export function attentionItems(
  report: HealthReport,
  ownTenantId: string,
  canViewHealth: boolean,
  {
    auditUnreadable = false,
    ownOnCard = false,
    alertTargets = [],
  }: { auditUnreadable?: boolean; ownOnCard?: boolean; alertTargets?: AttentionItem[] } = {},
): AttentionItem[] {
  const href = canViewHealth ? '/health' : null;
  const services = report.dependencies
    .filter((dependency) => !(auditUnreadable && dependency.name === 'database'))
    .flatMap((dependency) => {
      const item = dependencyItem(dependency, href);
      return item ? [{ dependency, item }] : [];
    });
  // Folded into a service's item only where the list has one that states the outage: never
  // dropped unsaid, nor folded into "was not checked recently", whose "its state is now
  // unknown" would then be followed by whom the outage affects.
  const outageOf = (tenant: TenantHealth) =>
    services.find(
      ({ dependency }) =>
        dependency.name === tenant.problem?.sharedOutage && !uncheckedItem(dependency, href),
    )?.dependency.name;
  const items = [
    ...report.tenants
      .filter((tenant) => !outageOf(tenant))
      .map((tenant) => tenantItem(tenant, ownTenantId, { canViewHealth, href })),
    ...services.map(({ dependency, item }) =>
      withAffected(
        item,
        dependency,
        report.tenants.filter((tenant) => outageOf(tenant) === dependency.name),
        report.tenants,
        ownTenantId,
        canViewHealth,
      ),
    ),
    auditUnreadable ? unansweredDatabaseItem(report, href) : null,
    ...alertTargets,
  ].filter(
    (item): item is AttentionItem => item !== null && !(ownOnCard && item.subject === 'own'),
  );
  return items.sort(
    (a, b) =>
      viewedOnly(a) - viewedOnly(b) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      subjectRank[a.subject] - subjectRank[b.subject],
  );
}

/**
 * A service's item with the tenants its trouble alone affects, which the list leaves out: how
 * many, and what still works meanwhile ("It affects every partner tenant: cached access tokens
 * keep serving meanwhile."; in plain words for a reader who does not read token facts, as
 * their tenant's own item had it). Counted, never named: a partner's report holds their own
 * tenant only, and a platform operator reads how far it reaches.
 */
function withAffected(
  item: AttentionItem,
  dependency: DependencyHealth,
  affected: readonly TenantHealth[],
  tenants: readonly TenantHealth[],
  ownTenantId: string,
  readsTokenFacts: boolean,
): AttentionItem {
  if (affected.length === 0) return item;
  const outage = sharedOutageOf(dependency);
  const effect = !readsTokenFacts
    ? `: ${plainOutageEffect}`
    : outage
      ? `: ${outageEffect(outage.name, outage.kind)}`
      : '';
  const whom = affectedTenantsWords(affected, tenants, ownTenantId);
  return { ...item, detail: `${item.detail} It affects ${whom}${effect}.`.trim() };
}

/**
 * "your partner tenant", "every partner tenant", "your partner tenant and 2 other partner
 * tenants", "3 other partner tenants": whom a shared service's trouble affects, of the report's
 * tenants. "Every" only of more than one: a report of the reader's tenant alone says theirs.
 */
export function affectedTenantsWords(
  affected: readonly TenantHealth[],
  tenants: readonly TenantHealth[],
  ownTenantId: string,
): string {
  const own = affected.some((t) => t.tenantId.toLowerCase() === ownTenantId.toLowerCase());
  const others = affected.length - (own ? 1 : 0);
  const otherTenants = `${others} other partner tenant${others === 1 ? '' : 's'}`;
  if (others === 0) return 'your partner tenant';
  if (affected.length === tenants.length) return 'every partner tenant';
  return own ? `your partner tenant and ${otherTenants}` : otherTenants;
}
