import 'server-only';
import type { PortalUser } from '@/lib/auth/user';
import { readAuditPage, type AuditEvent } from '@/lib/audit';
import { loadAlertSettingsTargets } from '@/lib/alerts/settings-view';
import { inScope, viewScopeFor } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { customerCountView, type CustomerCountView } from '@/lib/customers/customer-count';
import { customerRequestFor } from '@/lib/customers/request';
import { getHealthReport, type HealthReport, type TenantHealth } from '@/lib/health';
import { partnerDisplayName, withPartnerNames } from '@/lib/partner-name';
import { ownPartnerLabel, type OwnPartnerLabel } from '@/lib/partner-name/own-partner';
import {
  attentionItems,
  connectionCardAnswers,
  nextStepFor,
  readsTokenFacts,
  type AttentionItem,
  type NextStep,
} from './attention';
import { alertTargetItems } from './alert-targets';
import { customersCardLinks } from './customers-card';

export interface HomeFacts {
  report: HealthReport;
  /** The viewer's own partner tenant as /health shows it (null when never connected). */
  own: TenantHealth | null;
  /** The viewer's partner as the cards name it (ownPartnerLabel). */
  partner: OwnPartnerLabel;
  step: NextStep;
  /**
   * Admin and Ops: the connection card's token facts (inactivity limit, last refresh) and the
   * links to /health; a sales agent reads what they can use and who can fix it instead.
   */
  readsTokenFacts: boolean;
  /** A platform operator's view: the report and the attention list cover every partner. */
  everyPartner: boolean;
  /** Most urgent first; names the database when this page's own read of the audit trail failed. */
  attention: AttentionItem[];
  /**
   * The reader's own tenant is not connected and the connection card says who connects it:
   * "Needs attention" leaves it out, and does not call the connection healthy either.
   */
  ownOnCard: boolean;
  /**
   * Admin and Ops: the newest audit events of the viewer's own partner tenant (the audit page
   * has the rest); null for other roles, `unavailable` when the database cannot answer now.
   */
  audit: AuditEvent[] | 'unavailable' | null;
  /**
   * Only for roles that read customers (`count` null when not connected or not countable now).
   * `links`: whether the card offers the way to the customer list (./customers-card.ts).
   */
  customers: { count: CustomerCountView | null; connected: boolean; links: boolean } | null;
}

/** The home dashboard's facts: the same health report /health renders, scoped to the viewer. */
export async function homeFacts(user: PortalUser): Promise<HomeFacts> {
  const scope = viewScopeFor(user, getConfig());
  const scoped = await getHealthReport(scope);
  // Partners by their Partner Center name in the attention list, as on /health.
  const report = { ...scoped, tenants: await withPartnerNames(scoped.tenants, user.tid) };
  const own =
    report.tenants.find((t) => inScope({ kind: 'tenant', tenantId: user.tid }, t.tenantId)) ?? null;
  const canViewHealth = readsTokenFacts(user.roles);
  const readsCustomers = user.roles.includes('admin') || user.roles.includes('salesAgent');
  const connected =
    own !== null && own.status !== 'not-connected' && own.status !== 'needs-reconsent';
  const step = nextStepFor(own, user.roles);
  const ownOnCard = connectionCardAnswers(own);
  let customers: HomeFacts['customers'] = null;
  if (readsCustomers) {
    const count = connected
      ? await customerCountView(user.tid, customerRequestFor(user).client).catch(() => null)
      : null;
    customers = { count, connected, links: customersCardLinks(connected, step) };
  }
  const partner = ownPartnerLabel(user, await partnerDisplayName(user.tid));
  const [audit, alertTargets] = await Promise.all([
    canViewHealth ? latestAuditEvents(user.tid) : null,
    user.roles.includes('admin') ? alertTargetAttention(user, scope.kind === 'all') : [],
  ]);
  return {
    report,
    own,
    partner,
    audit,
    step,
    readsTokenFacts: canViewHealth,
    everyPartner: scope.kind === 'all',
    attention: attentionItems(report, user.tid, canViewHealth, {
      auditUnreadable: audit === 'unavailable',
      ownOnCard,
      alertTargets,
    }),
    ownOnCard,
    customers,
  };
}

/**
 * An Admin's alert targets that alerts do not reach (./alert-targets.ts): their partner tenant's
 * and, for a platform operator (the Admin whose view is every partner), the platform-wide ones,
 * as the Alerts page lists them. Nothing when the database does not answer: the audit card
 * below says so, and the list names the database.
 */
async function alertTargetAttention(
  user: PortalUser,
  platformOperator: boolean,
): Promise<AttentionItem[]> {
  const targets = await loadAlertSettingsTargets(user, platformOperator);
  return targets.ok
    ? alertTargetItems([...targets.own, ...targets.platform], targets.lastAlerts)
    : [];
}

/** How many audit events the home page lists. */
export const homeAuditEventCount = 5;

async function latestAuditEvents(tenantId: string): Promise<AuditEvent[] | 'unavailable'> {
  try {
    return (
      await readAuditPage(
        { kind: 'tenant', tenantId: tenantId.toLowerCase() },
        {},
        null,
        homeAuditEventCount,
      )
    ).events;
  } catch {
    return 'unavailable';
  }
}
