import 'server-only';
import type { AuditEventInput } from '@/lib/audit/events';
import { recordAudit, recordSystemAudit } from '@/lib/audit/record';
import { systemClock } from '@/lib/clock';
import { getConfig, type PortalConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db';
import { defaultHealthService } from '@/lib/health';
import { systemResolver, type OutboundPolicy } from '@/lib/security/outbound-target';
import { sendToDestination } from './channels';
import { appCredentialFacts } from './credential';
import { deliver, type DeliveryDeps, type DeliveryResult } from './deliver';
import { runEvaluation, type EvaluationDeps, type EvaluationSummary } from './evaluate';
import { testMessage } from './messages';
import { openTargets, type TargetOwner } from './targets';

export { alertConditions, type AlertCondition } from './conditions';
export type { EvaluationSummary } from './evaluate';
export { sentConcerning } from './evaluate';

const holder = globalThis as typeof globalThis & {
  __partnerPortalAlertRun?: Promise<EvaluationSummary>;
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
      sendToDestination(destination, message, outboundPolicy(config, owner)),
    audit,
    attempts: config.alerts.deliveryAttempts,
    backoffBaseMs: config.alerts.retryBaseSeconds * 1000,
  };
}

/** The evaluation's rules as this process's configuration sets them. */
export function evaluationSettings(
  config: PortalConfig,
): Pick<EvaluationDeps, 'rules' | 'repeatMs' | 'publicUrl'> {
  return {
    rules: {
      failureThreshold: config.alerts.failureThreshold,
      dependencyDownMinutes: config.alerts.dependencyDownMinutes,
      credentialWarnDays: [30, 7],
    },
    repeatMs: config.alerts.repeatHours * 3_600_000,
    publicUrl: config.publicUrl,
  };
}

/**
 * Evaluates every alert condition once and sends what is due. Called after each keep-alive
 * tick and from `POST /api/alerts/evaluate`; a call while one runs joins that run. Times
 * are the cloud's (the clock the health report counts days on).
 */
export function evaluateAlerts(
  now: number | (() => number) = systemClock.cloudNow,
): Promise<EvaluationSummary> {
  holder.__partnerPortalAlertRun ??= (async () => {
    const config = getConfig();
    const { db } = await getDatabase();
    return runEvaluation(
      {
        // The run is the system's, for every tenant, even when an Admin's request started it
        // (or joined it): its deliveries carry no request's address, agent or id.
        ...deliveryDeps(config, recordSystemAudit),
        db,
        report: () => defaultHealthService().getHealthReport(),
        credential: () => appCredentialFacts(config),
        targets: async () => (await openTargets(db, config.sessionSecret)).targets,
        ...evaluationSettings(config),
      },
      now,
    );
  })().finally(() => {
    holder.__partnerPortalAlertRun = undefined;
  });
  return holder.__partnerPortalAlertRun;
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
