import 'server-only';
import type { Kysely } from 'kysely';
import type { AuditEventInput } from '@/lib/audit/events';
import { recordAudit, recordSystemAudit } from '@/lib/audit/record';
import { systemClock } from '@/lib/clock';
import { getConfig, type PortalConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db';
import type { Database } from '@/lib/db/schema';
import { logEvent } from '@/lib/log';
import { defaultHealthService } from '@/lib/health';
import { knownPartnerNames } from '@/lib/partner-name';
import { systemResolver, type OutboundPolicy } from '@/lib/security/outbound-target';
import { sendToDestination } from './channels';
import { appCredentialFacts } from './credential';
import { deliver, type DeliveryDeps, type DeliveryResult, type OpenTarget } from './deliver';
import {
  decideEvaluation,
  deliveryLanes,
  type DecidedEvaluation,
  type DeliveryLanes,
  type EvaluationDeps,
  type EvaluationSummary,
} from './evaluate';
import { testMessage } from './messages';
import { openTargets, type TargetOwner } from './targets';

export { alertConditions, type AlertCondition } from './conditions';
export type { EvaluationSummary } from './evaluate';
export { sentConcerning } from './evaluate';

const holder = globalThis as typeof globalThis & {
  /** The evaluation deciding on this instance, if any. */
  __partnerPortalAlertRun?: Promise<DecidedEvaluation>;
  __partnerPortalAlertLanes?: DeliveryLanes;
};

/**
 * Where a target may connect: public addresses only. The operator's exact exceptions
 * (ALERT_ALLOWED_PRIVATE_HOSTS: their internal relay, local test receivers) are for the
 * platform-wide targets (owner null), which only operators manage; a partner's target must
 * not become a way into the operator's network. Checked when a target is saved and each time
 * it is sent to. The local profile, which talks to this machine only, lets a partner's target
 * use them too: its demo and end-to-end runs have partners' targets at local receivers.
 */
export function outboundPolicy(config: PortalConfig, owner: TargetOwner): OutboundPolicy {
  const exceptionsApply = owner.partnerTenant === null || config.profile === 'local';
  return {
    allowedPrivate: exceptionsApply ? config.alerts.allowedPrivateHosts : [],
    resolve: systemResolver,
  };
}

function deliveryDeps(
  config: PortalConfig,
  audit: (event: AuditEventInput) => void,
): Omit<DeliveryDeps, 'sleep' | 'random'> {
  return {
    send: (destination, message, owner) =>
      sendToDestination(destination, message, outboundPolicy(config, owner), { owner }),
    audit,
    attempts: config.alerts.deliveryAttempts,
    backoffBaseMs: config.alerts.retryBaseSeconds * 1000,
  };
}

/** The evaluation's rules as this process's configuration sets them. */
export function evaluationSettings(
  config: PortalConfig,
): Pick<EvaluationDeps, 'rules' | 'repeatMs' | 'publicUrl' | 'homeTenantId'> {
  return {
    rules: {
      failureThreshold: config.alerts.failureThreshold,
      dependencyDownMinutes: config.alerts.dependencyDownMinutes,
      credentialWarnDays: [30, 7],
    },
    repeatMs: config.alerts.repeatHours * 3_600_000,
    publicUrl: config.publicUrl,
    homeTenantId: config.entra.homeTenantId,
  };
}

/**
 * Who waits for an evaluation: an Admin of a partner tenant (`tenantId`: "Evaluate now", or the
 * endpoint with their session), or the scheduler and the keep-alive tick (none).
 */
export interface EvaluationWaiter {
  tenantId?: string;
}

/**
 * Evaluates every alert condition once and sends what is due. Called after each keep-alive
 * tick and from `POST /api/alerts/evaluate`; a call while one decides joins it. Times are the
 * cloud's (the clock the health report counts days on).
 *
 * One evaluation decides at a time on an instance; its deliveries go on after, in the
 * instance's lanes (evaluate.ts `deliveryLanes`), so the next one need not wait for a receiver
 * that answers slowly. What a caller waits for: the decisions and, of the deliveries, those to
 * its own targets. An Admin's: their partner tenant's targets, and for an Admin of the home
 * tenant (a platform operator) the platform-wide ones too; never another partner's, however
 * slowly that partner's receivers answer. The scheduler's (no `tenantId`): all of them, as its
 * answer lists them all.
 */
export function evaluateAlerts(
  now: number | (() => number) = systemClock.cloudNow,
  waiter: EvaluationWaiter = {},
): Promise<EvaluationSummary> {
  holder.__partnerPortalAlertRun ??= (async () => {
    const config = getConfig();
    const { db } = await getDatabase();
    return decideEvaluation(
      {
        // The run is the system's, for every tenant, even when an Admin's request started it
        // (or joined it): its deliveries carry no request's address, agent or id.
        ...deliveryDeps(config, recordSystemAudit),
        db,
        report: () => defaultHealthService().getHealthReport(),
        credential: () => appCredentialFacts(config),
        targets: () => sendableTargets(db, config.sessionSecret),
        ...evaluationSettings(config),
        // Read as the platform's own tenant: names already learned, no look-up on a partner's behalf.
        partnerNames: (tenantIds) => knownPartnerNames(tenantIds, config.entra.homeTenantId),
        lanes: (holder.__partnerPortalAlertLanes ??= deliveryLanes()),
      },
      now,
    );
  })().finally(() => {
    holder.__partnerPortalAlertRun = undefined;
  });
  const concerning = waiter.tenantId === undefined ? undefined : ownTargets(waiter.tenantId);
  return holder.__partnerPortalAlertRun.then((run) => run.summary(concerning));
}

/**
 * The enabled targets an evaluation sends to. One whose destination no longer opens (sealed
 * under an earlier AUTH_SECRET) is left out and named in a warning at each evaluation with
 * something to send, beside the line its row on the settings page shows; it is never an error
 * that stops the others.
 */
async function sendableTargets(db: Kysely<Database>, sessionSecret: string): Promise<OpenTarget[]> {
  const { targets, unreadable } = await openTargets(db, sessionSecret);
  if (unreadable.length > 0)
    logEvent(
      'warn',
      'alerts: targets left out: their destinations do not open under this AUTH_SECRET',
      {
        outcome: 'skipped',
        errorCode: 'alert_target_unreadable',
        targets: unreadable,
      },
    );
  return targets;
}

/** The owners of an Admin's own targets (evaluation-tally.ts `tallyFor` counts those). */
function ownTargets(tenantId: string): (targetOwner: string | null) => boolean {
  const own = tenantId.toLowerCase();
  // Only Admins wait with a tenant: an Admin of the home tenant is a platform operator.
  const operator = own === getConfig().entra.homeTenantId.toLowerCase();
  return (owner) => (owner === null ? operator : owner.toLowerCase() === own);
}

/**
 * "Send a test alert": one message to one target (enabled or not), audited like the rest but
 * under the person who asked (an evaluation's deliveries have no actor); one attempt, so the
 * page answers at once.
 */
export async function sendTestAlert(
  targetId: string,
  requestedBy: NonNullable<AuditEventInput['actor']>,
): Promise<DeliveryResult | null> {
  const config = getConfig();
  const { db } = await getDatabase();
  const [target] = (await openTargets(db, config.sessionSecret, { id: targetId })).targets;
  if (!target) return null;
  return deliver(
    target,
    testMessage(target.partnerTenant, config.publicUrl, systemClock.cloudNow()),
    {
      ...deliveryDeps(config, (event) => recordAudit({ ...event, actor: requestedBy })),
      attempts: 1,
    },
  );
}
