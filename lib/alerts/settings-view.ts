import 'server-only';
import type { PortalUser } from '@/lib/auth/user';
import { getConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db';
import { logEvent } from '@/lib/log';
import { knownPartnerNames } from '@/lib/partner-name';
import {
  groupOpenAlerts,
  labelPartners,
  type LabelledOpenAlertGroups,
  type OpenAlertGroups,
} from './open-alerts';
import { loadLastDeliveries, type LastDeliveries } from './settings-last-test';
import { loadAlertStates, loadLastEvaluation } from './store';
import { countTargets, listTargets, type ListedTarget } from './targets';

/** The settings page's words while the database does not answer (as the audit page's). */
export const settingsUnavailableText = {
  /** The page itself: neither the open alerts nor the targets can be listed (one card, with Try again, says why). */
  title: 'The alerts and their targets cannot be read right now',
  page: 'The portal keeps open alerts, alert targets and their deliveries in its database, and the database is not answering: nothing here can be read or changed until it is back.',
  /** A button or form whose change could not be made (notice `unavailable`). */
  action:
    'That could not be done right now: the database is not answering. Nothing was changed; try again shortly.',
} as const;

/**
 * Logs that the alert settings could not reach the database, by the error's code or name only:
 * a driver's message may carry the connection string, and none of it helps the reader.
 */
export function logSettingsUnavailable(doing: string, cause: unknown): void {
  const e = cause as { code?: unknown; name?: unknown } | null;
  const errorCode =
    typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'unexpected';
  logEvent('warn', `alerts: could not ${doing}: the database did not answer`, {
    outcome: 'failure',
    route: '/settings/alerts',
    errorCode,
  });
}

export type AlertSettingsTargets =
  | {
      ok: true;
      own: ListedTarget[];
      platform: ListedTarget[];
      lastTests: LastDeliveries;
      lastAlerts: LastDeliveries;
    }
  | { ok: false; problem: string };

/**
 * Whether the Admin has any alert target, enabled or not (their partner tenant's and, for a
 * platform operator, the platform-wide ones); true when the database cannot say, so that words
 * built on it never tell someone with targets to add one.
 */
export async function hasAnyAlertTarget(
  user: Pick<PortalUser, 'tid'>,
  platformOperator: boolean,
): Promise<boolean> {
  try {
    const { db } = await getDatabase();
    const owners = [
      { partnerTenant: user.tid },
      ...(platformOperator ? [{ partnerTenant: null }] : []),
    ];
    const counts = await Promise.all(owners.map((owner) => countTargets(db, owner)));
    return counts.some((count) => count > 0);
  } catch (cause) {
    logSettingsUnavailable('count the targets', cause);
    return true;
  }
}

/**
 * The targets the settings page lists: the Admin's own partner tenant's and, for a platform
 * operator, the platform-wide ones, with how each one's last test went. A database that does
 * not answer is a notice on the page, not its error page.
 */
export async function loadAlertSettingsTargets(
  user: Pick<PortalUser, 'tid'>,
  platformOperator: boolean,
): Promise<AlertSettingsTargets> {
  try {
    const { db } = await getDatabase();
    const { sessionSecret } = getConfig();
    const [own, platform] = await Promise.all([
      listTargets(db, { partnerTenant: user.tid }, sessionSecret),
      platformOperator
        ? listTargets(db, { partnerTenant: null }, sessionSecret)
        : Promise.resolve([]),
    ]);
    const [ownLast, platformLast] = await Promise.all([
      loadLastDeliveries(db, user.tid, own),
      loadLastDeliveries(db, null, platform),
    ]);
    return {
      ok: true,
      own,
      platform,
      lastTests: { ...ownLast.tests, ...platformLast.tests },
      lastAlerts: { ...ownLast.alerts, ...platformLast.alerts },
    };
  } catch (cause) {
    logSettingsUnavailable('list the targets', cause);
    return { ok: false, problem: settingsUnavailableText.page };
  }
}

export type OpenAlertsRead =
  | {
      ok: true;
      /** Other partners' (a platform operator's view) sorted by label. */
      groups: LabelledOpenAlertGroups;
      /** When an evaluation last decided them (store.ts `loadLastEvaluation`); null: none recorded. */
      lastEvaluatedAt: Date | null;
    }
  | { ok: false; problem: string };

/**
 * The open alerts the settings page lists, in one query, and when they were last evaluated: a
 * partner's Admin reads their own tenant's rows only (chosen in SQL), a platform operator every
 * row, grouped as theirs, the platform's and each other partner's. Other partners are named as
 * far as their own users' pages learned it (`knownPartnerNames`: no look-up on their behalf),
 * else as the health report named them when their alerts were decided, else by id. A database
 * that does not answer fails as the targets' read does: the page shows one card for both.
 */
export async function loadOpenAlerts(
  user: Pick<PortalUser, 'tid'>,
  platformOperator: boolean,
): Promise<OpenAlertsRead> {
  let groups: OpenAlertGroups;
  let lastEvaluatedAt: Date | null;
  try {
    const { db } = await getDatabase();
    // The time is every reader's: each evaluation covers every partner and the platform alike.
    const [stored, evaluated] = await Promise.all([
      loadAlertStates(db, platformOperator ? undefined : { tenantId: user.tid }),
      loadLastEvaluation(db),
    ]);
    groups = groupOpenAlerts(stored, { tenantId: user.tid, platformOperator });
    lastEvaluatedAt = evaluated;
  } catch (cause) {
    logSettingsUnavailable('list the open alerts', cause);
    return { ok: false, problem: settingsUnavailableText.page };
  }
  const names =
    groups.partners.length > 0
      ? await knownPartnerNames(
          groups.partners.map((p) => p.tenantId),
          user.tid,
        )
      : new Map<string, string>();
  return { ok: true, groups: labelPartners(groups, names), lastEvaluatedAt };
}
