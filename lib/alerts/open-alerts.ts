import { holdMsOf } from './conditions';
import type { StoredAlert } from './engine';
import { addressedToOwnAdmin } from '@/lib/failure/reader';
import { whoseTenant } from '@/lib/health/whose-words';
import { partnerLabel } from '@/lib/partner-name/cache';
import { alertWords } from './messages';
import { targetHears, type ListedTarget } from './targets';

/**
 * The open alerts /settings/alerts lists: the conditions the engine keeps in `alert_states`
 * (open, or held until their hold time passes), in the words every channel sends
 * (messages.ts), never their facts as stored.
 */

/** Who reads the list: their own partner tenant, and whether they are a platform operator. */
export interface OpenAlertViewer {
  tenantId: string;
  platformOperator: boolean;
}

/** The reader's open alerts by whose they are; the last two stay empty for a partner's Admin. */
export interface OpenAlertGroups {
  own: StoredAlert[];
  /** Conditions of the platform itself (tenant null): a dependency, the app credential, an instance. */
  platform: StoredAlert[];
  /** Other partners' conditions, one entry per partner tenant, in the order first seen. */
  partners: { tenantId: string; alerts: StoredAlert[] }[];
}

/** The groups with each other partner named (settings-view.ts `loadOpenAlerts`), never blank. */
export type LabelledOpenAlertGroups = Omit<OpenAlertGroups, 'partners'> & {
  partners: (OpenAlertGroups['partners'][number] & { label: string })[];
};

const sameTenant = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Names each other partner's group, sorted by that name: its company name where one is known
 * (`names`, by lower-case id), else as the health report named it when its alerts were decided
 * (conditions.ts keeps that as the `partner` fact: the consenting admin's domain), as the
 * operators' messages name it; else `Tenant <id>`, which the page shows as "Partner tenant".
 */
export function labelPartners(
  groups: OpenAlertGroups,
  names: ReadonlyMap<string, string>,
): LabelledOpenAlertGroups {
  const partners = groups.partners
    .map((p) => {
      const id = p.tenantId.toLowerCase();
      return { ...p, label: partnerLabel(id, names.get(id) ?? nameInFacts(id, p.alerts)) };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'en'));
  return { ...groups, partners };
}

/**
 * The first of a tenant's alerts' `partner` facts that is a name, not the tenant's id: the
 * health report's name for it (the consenting admin's domain) when they were decided.
 */
export function nameInFacts(tenantId: string, alerts: readonly StoredAlert[]): string | null {
  const byId = partnerLabel(tenantId, null).toLowerCase();
  for (const alert of alerts) {
    const name = alert.facts.partner;
    if (typeof name === 'string' && name.trim() && name.trim().toLowerCase() !== byId)
      return name.trim();
  }
  return null;
}

/** Critical first, then the oldest: what has been wrong longest leads its severity. */
function byUrgency(a: StoredAlert, b: StoredAlert): number {
  const rank = (s: StoredAlert) => (s.severity === 'critical' ? 0 : 1);
  return rank(a) - rank(b) || a.firstSeenAt - b.firstSeenAt;
}

/**
 * Sorts the stored alerts into the reader's groups. A partner's Admin keeps only their own
 * tenant's: the read is scoped in SQL already (store.ts `loadAlertStates`), and this drops
 * anything else again, so that a change to the query can never put another partner's alert, or
 * the platform's (whose facts name instances), on their page.
 */
export function groupOpenAlerts(alerts: StoredAlert[], viewer: OpenAlertViewer): OpenAlertGroups {
  const groups: OpenAlertGroups = { own: [], platform: [], partners: [] };
  for (const alert of alerts) {
    if (alert.tenantId !== null && sameTenant(alert.tenantId, viewer.tenantId)) {
      groups.own.push(alert);
      continue;
    }
    if (!viewer.platformOperator) continue;
    if (alert.tenantId === null) {
      groups.platform.push(alert);
      continue;
    }
    const tenantId = alert.tenantId;
    const partner = groups.partners.find((p) => sameTenant(p.tenantId, tenantId));
    if (partner) partner.alerts.push(alert);
    else groups.partners.push({ tenantId, alerts: [alert] });
  }
  groups.own.sort(byUrgency);
  groups.platform.sort(byUrgency);
  for (const partner of groups.partners) partner.alerts.sort(byUrgency);
  return groups;
}

/** Whether the reader may see nothing at all: the list's empty state. */
export function noOpenAlerts(groups: OpenAlertGroups): boolean {
  return groups.own.length === 0 && groups.platform.length === 0 && groups.partners.length === 0;
}

/**
 * Whether anyone of the reader's was told, and when the next message goes:
 * - `held`: held so far (a dependency briefly down is not news); `until` when the hold ends,
 *   null when it has ended and the next evaluation sends it;
 * - `sent`: last sent at `at` to a target of the reader's that hears it;
 * - `unheard`: sent at `at`, but no target of the reader's heard it (none at all, none
 *   enabled, or all added since).
 * `nextReminder` is when a reminder is due while it stays (null: at the next evaluation).
 */
export type OpenAlertTold =
  | { kind: 'held'; until: Date | null }
  | { kind: 'sent'; at: Date; nextReminder: Date | null }
  | {
      kind: 'unheard';
      why: 'no-target' | 'none-enabled' | 'unreadable' | 'added-since';
      at: Date;
      nextReminder: Date | null;
    };

/** What of a listed target says whether an alert reached it. */
type HearingTarget = Pick<ListedTarget, 'partnerTenant' | 'enabled' | 'createdAt' | 'readable'>;

/** One open alert as the list shows it. */
export interface OpenAlertItem {
  key: string;
  title: string;
  severity: 'warning' | 'critical';
  whatToDo: string;
  /** The page that fixes it: the message's link, or the health page (see `openAlertItem`). */
  path: '/onboarding' | '/health';
  firstSeenAt: Date;
  told: OpenAlertTold;
}

export interface OpenAlertRules {
  /** ALERT_REPEAT_HOURS: a reminder this long after the last message while it stays. */
  repeatHours: number;
  /** The hold of a dependency's conditions, in minutes (which are held: conditions.ts `holdMsOf`). */
  dependencyDownMinutes: number;
}

/**
 * One stored alert in the list's words. `targets` are the reader's own (their partner tenant's
 * and, for a platform operator, the platform-wide ones): who of theirs hears it is judged from
 * them, as targets.ts `targetHears` decides deliveries. A target counts as told if it is enabled
 * now and existed when the alert was last sent; whether it was enabled then, the list cannot
 * tell (its row's "Last alert" line says how its last delivery went).
 *
 * Another partner's alert (an operator's list) is worded as a platform-wide target's message
 * about it: the catalogue's "your Entra ID" in its facts named the operator's, so its lines name
 * that partner, by `label` (the list's name for it: settings-view.ts), else "the partner".
 */
export function openAlertItem(
  alert: StoredAlert,
  viewer: OpenAlertViewer,
  targets: HearingTarget[],
  rules: OpenAlertRules,
  now: number,
  label?: string,
): OpenAlertItem {
  const own = alert.tenantId !== null && sameTenant(alert.tenantId, viewer.tenantId);
  const theirs =
    alert.tenantId !== null && !own
      ? whoseTenant({ tenantId: alert.tenantId, displayName: label ?? '' })
      : undefined;
  // A newer release's condition gets messages.ts's words for it: its name, and the Health page.
  const words = alertWords(alert, theirs);
  return {
    key: `${alert.condition}:${alert.subject}`,
    title: words.title,
    severity: alert.severity,
    whatToDo: own ? ownAdminToDo(alert, words.todo, viewer.platformOperator) : words.todo,
    // Re-consent happens on the partner's own Onboarding page: for another partner's alert an
    // operator's Onboarding page would show the operator's own tenant. Health shows that partner.
    path: own && words.path === '/onboarding' ? '/onboarding' : '/health',
    firstSeenAt: new Date(alert.firstSeenAt),
    told: told(alert, targets, rules, now),
  };
}

/**
 * What to do about an alert of the reader's own partner tenant, for the reader: an Admin of it
 * (the page is the Admin's). The channels' words are for whoever a target reaches: "an Admin of
 * the partner tenant … re-consents" after the catalogue's fix, which already said to re-consent,
 * read twice, and of someone else; and a partner's Admin was told to run the keep-alive and check
 * its schedule, which only the portal's operator can (their words as /health gives them instead:
 * lib/health/status.ts's `partnerAdvice`). Other conditions' words are everyone's already.
 */
function ownAdminToDo(alert: StoredAlert, channelsToDo: string, platformOperator: boolean): string {
  if (alert.condition === 'token-expiring' && !platformOperator)
    return "Re-consent on the Onboarding page to renew it now. The portal's keep-alive normally renews it before then; if the days left keep falling, tell the portal's operator.";
  if (alert.condition !== 'needs-reconsent') return channelsToDo;
  const stated = typeof alert.facts.fix === 'string' ? alert.facts.fix.trim() : '';
  const fix = stated ? addressedToOwnAdmin({ fix: stated, action: 're-consent' }).fix! : '';
  if (/re-consent/i.test(fix)) return fix;
  return `${fix} Re-consent on the Onboarding page, signing in with MFA.`.trim();
}

function told(
  alert: StoredAlert,
  targets: HearingTarget[],
  rules: OpenAlertRules,
  now: number,
): OpenAlertTold {
  const last = alert.lastNotifiedAt ?? alert.notifiedAt;
  if (alert.notifiedAt === null || last === null) {
    // The engine's own rule for how long it holds this condition (conditions.ts), not a copy.
    const holdMs = holdMsOf(alert.condition, rules);
    const ends = alert.firstSeenAt + holdMs;
    return { kind: 'held', until: holdMs > 0 && ends > now ? new Date(ends) : null };
  }
  const due = last + rules.repeatHours * 3_600_000;
  const nextReminder = due > now ? new Date(due) : null;
  const at = new Date(last);
  const hearing = targets.filter((t) => targetHears(t, alert.tenantId));
  const enabled = hearing.filter((t) => t.enabled);
  // A target whose destination no longer opens is skipped at every send (targets.ts).
  const reaching = enabled.filter((t) => t.readable);
  if (reaching.some((t) => t.createdAt.getTime() <= last))
    return { kind: 'sent', at, nextReminder };
  const why =
    hearing.length === 0
      ? 'no-target'
      : enabled.length === 0
        ? 'none-enabled'
        : reaching.length === 0
          ? 'unreadable'
          : 'added-since';
  return { kind: 'unheard', why, at, nextReminder };
}

/** The reader's groups in the list's words: what the page renders. */
export interface OpenAlertLists {
  own: OpenAlertItem[];
  platform: OpenAlertItem[];
  partners: { tenantId: string; label: string; items: OpenAlertItem[] }[];
}

/**
 * Every group's alerts as `openAlertItem` words them, at `now`: on the clock the engine stamped
 * them with (lib/alerts/index.ts: the cloud's), or held-until and next-reminder times would
 * be judged against another.
 */
export function openAlertLists(
  groups: LabelledOpenAlertGroups,
  viewer: OpenAlertViewer,
  targets: HearingTarget[],
  rules: OpenAlertRules,
  now: number,
): OpenAlertLists {
  const items = (alerts: StoredAlert[], label?: string) =>
    alerts.map((a) => openAlertItem(a, viewer, targets, rules, now, label));
  return {
    own: items(groups.own),
    platform: items(groups.platform),
    partners: groups.partners.map((p) => ({
      tenantId: p.tenantId,
      label: p.label,
      items: items(p.alerts, p.label),
    })),
  };
}

/** How many alerts the lists hold, in every group the reader sees. */
export function openAlertCount(lists: OpenAlertLists): number {
  return (
    lists.own.length +
    lists.platform.length +
    lists.partners.reduce((sum, partner) => sum + partner.items.length, 0)
  );
}
