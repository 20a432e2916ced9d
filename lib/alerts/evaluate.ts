import type { Kysely } from 'kysely';
import type { AuditEventInput } from '@/lib/audit/events';
import { withDeadline } from '@/lib/clock/deadline';
import type { Database } from '@/lib/db/schema';
import type { HealthReport } from '@/lib/health/types';
import { whoseTenant, type Whose } from '@/lib/health/whose-words';
import { logEvent } from '@/lib/log';
import { fairLimit, type FairLimit } from './bounded';
import {
  activeConditions,
  tenantEvidence,
  type AlertRules,
  type AppCredentialFacts,
} from './conditions';
import {
  deliver,
  sendDeadlineMs,
  type DeliveryDeps,
  type DeliveryResult,
  type OpenTarget,
} from './deliver';
import { decideAlerts, laterAlerts, type AlertDecision, type AlertEvent } from './engine';
import { alertMessage, type AlertMessage } from './messages';
import {
  claimPending,
  countDuePending,
  dropPending,
  forgetPending,
  owe,
  settle,
  type LeftDelivery,
  type OwedLeases,
} from './pending';
import { claimDecision, loadAlertStates, recordEvaluation } from './store';
import { targetHears } from './targets';

export interface EvaluationDeps extends Omit<DeliveryDeps, 'audit'> {
  db: Kysely<Database>;
  report(): Promise<HealthReport>;
  credential(): Promise<AppCredentialFacts | null>;
  targets(): Promise<OpenTarget[]>;
  audit(event: AuditEventInput): void;
  rules: AlertRules;
  repeatMs: number;
  publicUrl: string;
  /** The instance's delivery lanes, shared by its evaluations (without them: this one's own). */
  lanes?: DeliveryLanes;
  /**
   * The platform's own partner tenant (config.entra.homeTenantId): the platform-wide targets are
   * its operators', who read its alerts in its own words. Without it, every partner tenant's
   * alert reaches them in the third person (`addressed`).
   */
  homeTenantId?: string;
  /**
   * The names known for other partners' tenants, by lower-case id (lib/partner-name's
   * `knownPartnerNames` read as the home tenant: no look-up on their behalf). Without it, or
   * when it fails, the health report's name for the tenant.
   */
  partnerNames?(tenantIds: string[]): Promise<Map<string, string>>;
}

export interface EvaluationSummary {
  evaluatedAt: string;
  open: number;
  sent: {
    event: AlertEvent;
    condition: string;
    subject: string;
    tenantId: string | null;
    deliveries: DeliveryResult[];
  }[];
  /** Deliveries owed from earlier evaluations (every attempt failed), tried again. */
  retried: {
    event: AlertEvent;
    condition: string;
    subject: string;
    tenantId: string | null;
    deliveries: DeliveryResult[];
  }[];
}

/**
 * The alerts of an evaluation one Admin may hear of: those of their own partner tenant and,
 * for a platform operator, the platform-wide ones (a dependency, the app's credential).
 * Another partner's alerts are that partner's facts.
 */
export function sentConcerning(
  summary: Pick<EvaluationSummary, 'sent'>,
  viewer: { tenantId: string; platformOperator: boolean },
): EvaluationSummary['sent'] {
  const own = viewer.tenantId.toLowerCase();
  return summary.sent.filter((s) =>
    s.tenantId === null ? viewer.platformOperator : s.tenantId.toLowerCase() === own,
  );
}

/**
 * How many deliveries an instance has under way at once, whichever evaluations they are of. Each
 * attempt is a DNS lookup, a connection and an audit event, and an evaluation may owe a message
 * to every target of every partner: all at once, they would open that many connections from
 * this instance together.
 */
export const deliveryConcurrency = 4;

/**
 * Where an instance's deliveries take turns (one per instance, shared by its evaluations: the
 * next one may decide while an earlier one still sends). Each owner of targets (a partner
 * tenant, or null for the platform-wide ones) has a lane: one attempt at a time, the earliest
 * delivery first (new messages before owed ones). The lanes share `deliveryConcurrency` places,
 * each place that frees going to the next lane in turn. So a partner whose receivers answer
 * slowly, or trickle bytes until the deadline, holds one place at most: another partner's
 * alerts and the platform's go on beside it.
 */
export interface DeliveryLanes {
  inTurn: FairLimit;
  /** Deliveries not yet settled, per lane: what a new lease waits behind. */
  underWay: Map<string | null, number>;
  /** The next delivery's place in its lane: later deliveries go after. */
  next: number;
}

export function deliveryLanes(): DeliveryLanes {
  return { inTurn: fairLimit(deliveryConcurrency), underWay: new Map(), next: 0 };
}

const laneOf = (owner: string | null) => owner?.toLowerCase() ?? null;

/**
 * What the lease counts for one attempt: the send, which ends by its deadline however the
 * receiver paces it (sendDeadlineMs, closed by channels.ts), and as long again for an attempt
 * of a later delivery of the same lane, which may have taken the lane while this delivery slept
 * its backoff (the lane lets it finish first). Audit events are written as the attempts end; the
 * outbox's bookkeeping comes out of the lease's spare minutes.
 */
const attemptLeaseMs = 2 * sendDeadlineMs;

/**
 * How long an instance holds the deliveries it sends in one lane (one owner's targets; each
 * lane's lease is its own). `deliveries`: those the lane holds (this evaluation's, new and
 * owed, and those still under way in it); the last of them waits for every attempt of those
 * ahead of it, then its own (attemptLeaseMs each), and its backoffs, which it sleeps outside
 * the lane (they add up to less than base * 2^attempts). Other lanes' deliveries go beside it,
 * not before it: they count only as `owners`, the lanes that may take turns meanwhile (every
 * owner of a target); with more than places, each attempt may also wait while the lanes ahead
 * in turn take theirs, `deliveryConcurrency` at a time. With room to spare. A lease that ends
 * too early risks a message sent twice, never one lost; one that ends too late only delays
 * the retry after a stop.
 */
export const deliveryLeaseMs = (
  deps: Pick<DeliveryDeps, 'attempts' | 'backoffBaseMs'>,
  deliveries = 1,
  owners = 1,
) =>
  Math.max(1, deliveries) *
    deps.attempts *
    Math.max(1, Math.ceil(owners / deliveryConcurrency)) *
    attemptLeaseMs +
  deps.backoffBaseMs * 2 ** deps.attempts +
  5 * 60_000;

/**
 * An evaluation whose decisions are made and written, and whose deliveries are under way.
 */
export interface DecidedEvaluation {
  evaluatedAt: string;
  /**
   * The evaluation's summary once the deliveries to the targets `concerning` picks (by their
   * owner: a partner tenant, or null for the platform-wide ones) are done: the others are left
   * out of it, and go on without being waited for. Without `concerning`, once every delivery is.
   */
  summary(concerning?: (targetOwner: string | null) => boolean): Promise<EvaluationSummary>;
}

/** One evaluation, deliveries and all (`decideEvaluation`, waited for to the end). */
export async function runEvaluation(
  deps: EvaluationDeps,
  clock: number | (() => number),
): Promise<EvaluationSummary> {
  return (await decideEvaluation(deps, clock)).summary();
}

/**
 * One evaluation: the health report and the app credential against the stored alerts; each
 * decision this instance wins is sent to every enabled target that hears it. Deliveries go
 * through the outbox (pending.ts): a decision lands with one owed row per target, and a row
 * goes only once delivered, so neither a failure nor a stop after the decision loses a message.
 *
 * Answers once the decisions are written and the deliveries started, in their lanes
 * (`deps.lanes`, the instance's; without it, this evaluation's own): how long a receiver takes
 * holds back neither the next evaluation nor whoever waits only for other targets.
 */
export async function decideEvaluation(
  deps: EvaluationDeps,
  clock: number | (() => number),
): Promise<DecidedEvaluation> {
  const [report, credential, stored] = await Promise.all([
    deps.report(),
    deps.credential(),
    loadAlertStates(deps.db),
  ]);
  // Read after the report: its probes are what tell the portal the cloud's time.
  const clockNow = typeof clock === 'number' ? () => clock : clock;
  const now = clockNow();
  const decisions = decideAlerts(
    activeConditions(report, credential, deps.rules, now),
    stored,
    now,
    deps.repeatMs,
    tenantEvidence(report),
    { credentialKnown: !credential?.unreadable },
  );
  const due = await countDuePending(deps.db, now);
  // Read before any decision is claimed: if the targets cannot be read, nothing has changed.
  const targets =
    decisions.some((d) => d.event !== null) || due.total > 0 ? await deps.targets() : [];
  const hearingOf = (d: AlertDecision) =>
    d.event ? targets.filter((t) => targetHears(t, d.alert.tenantId)) : [];
  // Read before the leases are timed: they count from now, and the names are only words.
  const whoseOf = await otherPartnersNamed(deps, report, decisions, hearingOf);
  const lanes = deps.lanes ?? deliveryLanes();
  // Each lane's lease covers the deliveries this run may send in it, behind those still under
  // way there (an earlier evaluation's): its new messages and the owed ones due to its targets.
  // Only that lane's: another owner's long queue of slow receivers does not hold this owner's
  // messages after a stop. A row of an owner with no lease here (its target gone, or nothing
  // of that owner's counted) takes the longest, as if it were in the longest lane (OwedLeases).
  const inLane = new Map(lanes.underWay);
  const add = (lane: string | null, n: number) => inLane.set(lane, (inLane.get(lane) ?? 0) + n);
  for (const d of decisions) for (const t of hearingOf(d)) add(laneOf(t.partnerTenant), 1);
  for (const [owner, n] of due.byOwner) add(laneOf(owner), n);
  const owners = new Set([
    ...targets.map((t) => laneOf(t.partnerTenant)),
    ...lanes.underWay.keys(),
  ]);
  const leaseEnd = (deliveries: number) => now + deliveryLeaseMs(deps, deliveries, owners.size);
  const leases: OwedLeases = {
    byOwner: new Map([...inLane].map(([lane, n]) => [lane, leaseEnd(n)])),
    otherwise: leaseEnd(Math.max(0, ...inLane.values()) + due.withoutTarget),
  };
  const toSend: { decision: AlertDecision; to: Addressed[] }[] = [];
  for (const d of decisions) {
    const to = d.event ? addressed(d, d.event, hearingOf(d), deps, now, whoseOf) : null;
    const won = await deps.db.transaction().execute(async (trx) => {
      if (!(await claimDecision(trx, d))) return false;
      // A newer message, or the alert's end, replaces what earlier messages still owed.
      if (to || d.next === null) await forgetPending(trx, d.alert);
      // Each target's row holds the message for its reader (at most two messages).
      if (to)
        for (const message of new Set(to.map((a) => a.message)))
          await owe(
            trx,
            d.alert,
            message,
            to.filter((a) => a.message === message).map((a) => a.target),
            now,
            leases,
          );
      return true;
    });
    if (won && to) toSend.push({ decision: d, to });
  }
  await noteEvaluated(deps.db, now);
  const { claimed: owed, left, dropped } = await claimPending(deps.db, now, leases);
  logLeftForLaterRelease(laterAlerts(stored), left);
  if (dropped.length > 0)
    logEvent('warn', 'alerts: dropped owed deliveries no release read within a day', {
      outcome: 'skipped',
      deliveries: dropped,
    });

  /** One delivery in its lane, then settled; counted as under way until it is. */
  const sendInLane = async (
    target: OpenTarget,
    message: AlertMessage,
    settleAs: (result: DeliveryResult) => Promise<void>,
  ): Promise<DeliveryResult> => {
    const lane = laneOf(target.partnerTenant);
    const rank = lanes.next++;
    lanes.underWay.set(lane, (lanes.underWay.get(lane) ?? 0) + 1);
    try {
      const result = await deliver(target, message, deps, (attempt) =>
        lanes.inTurn(lane, attempt, rank),
      );
      await settleAs(result);
      return result;
    } finally {
      const still = (lanes.underWay.get(lane) ?? 1) - 1;
      if (still > 0) lanes.underWay.set(lane, still);
      else lanes.underWay.delete(lane);
    }
  };
  // New messages first, then owed ones: each lane takes them in that order.
  const sending = toSend.map(({ decision: d, to }) => ({
    decision: d,
    to: to.map(({ target: t, message }) => ({
      owner: t.partnerTenant,
      result: sendInLane(t, message, (result) =>
        settle(deps.db, { ...d.alert, targetId: t.id }, message, result, 0, clockNow),
      ),
    })),
  }));
  // Owed deliveries go again to their target only (those that got the message are not
  // told twice); a target removed, disabled or no longer hearing the tenant drops them.
  const resending = owed.map((p) => {
    const target = targets.find((t) => t.id === p.targetId);
    if (!target || !targetHears(target, p.message.tenantId))
      return { p, dropped: dropPending(deps.db, p, p.message) };
    return {
      p,
      owner: target.partnerTenant,
      result: sendInLane(target, p.message, (result) =>
        settle(deps.db, p, p.message, result, p.failedRounds, clockNow),
      ),
    };
  });
  const everything = [
    ...sending.flatMap((s) => s.to.map((t) => t.result)),
    ...resending.map((r) => r.result ?? r.dropped),
  ];
  // Nobody may wait for all of them (the keep-alive waits for none): a failure to record how a
  // delivery went is logged here, by its code, as noteEvaluated does.
  void Promise.allSettled(everything).then((outcomes) => {
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed)
      logEvent('warn', 'alerts: could not record how deliveries went', {
        outcome: 'failure',
        errorCode: errorCodeOf(failed.reason),
      });
  });
  // A newer release's alert counts: it is open, and was told, whichever release decides on it.
  const open = (await loadAlertStates(deps.db)).filter((s) => s.notifiedAt !== null).length;
  const evaluatedAt = new Date(now).toISOString();

  const summarise = async (
    concerning?: (targetOwner: string | null) => boolean,
  ): Promise<EvaluationSummary> => {
    const waitsFor = (owner: string | null) => !concerning || concerning(owner);
    const sent = await Promise.all(
      sending.map(async ({ decision: d, to }) => ({
        event: d.event!,
        condition: d.alert.condition,
        subject: d.alert.subject,
        tenantId: d.alert.tenantId,
        deliveries: await Promise.all(to.filter((t) => waitsFor(t.owner)).map((t) => t.result)),
      })),
    );
    const retried = await Promise.all(
      resending.map(async ({ p, owner, result, dropped }) => {
        if (!result) {
          if (!concerning) await dropped;
          return null;
        }
        return {
          event: p.message.event,
          condition: p.condition,
          subject: p.subject,
          tenantId: p.message.tenantId,
          deliveries: waitsFor(owner) ? [await result] : [],
        };
      }),
    );
    return { evaluatedAt, open, sent, retried: retried.filter((r) => r !== null) };
  };
  let all: Promise<EvaluationSummary> | undefined;
  return {
    evaluatedAt,
    // Every caller that waits for everything shares one answer.
    summary: (concerning) => (concerning ? summarise(concerning) : (all ??= summarise())),
  };
}

/** A target that hears a decision, with the message for its reader. */
interface Addressed {
  target: OpenTarget;
  message: AlertMessage;
}

/** Whether an alert is of a partner tenant other than the platform's own (`homeTenantId`). */
const ofAnotherPartner = (
  tenantId: string | null,
  deps: Pick<EvaluationDeps, 'homeTenantId'>,
): tenantId is string =>
  tenantId !== null && tenantId.toLowerCase() !== deps.homeTenantId?.toLowerCase();

/**
 * Each target hearing a decision, in order, with the message for its reader. The catalogue's
 * words in an alert's facts speak to the partner ("in your Entra ID"): its own targets keep them,
 * and so do the platform-wide ones about the platform's own tenant (its operators are that
 * tenant's people). A platform-wide target reads another partner's alert in the third person,
 * naming that partner (messages.ts `describe`). One message per reader, not per target.
 */
function addressed(
  d: AlertDecision,
  event: AlertEvent,
  hearing: OpenTarget[],
  deps: Pick<EvaluationDeps, 'publicUrl' | 'homeTenantId'>,
  now: number,
  whoseOf: (tenantId: string) => Whose,
): Addressed[] {
  const own = alertMessage(d.alert, event, deps.publicUrl, now);
  const tenantId = d.alert.tenantId;
  if (!ofAnotherPartner(tenantId, deps)) return hearing.map((target) => ({ target, message: own }));
  let theirs: AlertMessage | undefined;
  return hearing.map((target) => ({
    target,
    message:
      target.partnerTenant === null
        ? (theirs ??= alertMessage(d.alert, event, deps.publicUrl, now, whoseOf(tenantId)))
        : own,
  }));
}

/** How long the evaluation waits for the partners' names before it words with the report's. */
const namesWaitMs = 2_000;

/**
 * Who a platform-wide target's message names, for each other partner's tenant with a message
 * one hears: the name known for it (`partnerNames`), else the health report's (the consenting
 * admin's domain), else "the partner" (lib/health's `whoseTenant`, as /health's cards name it).
 * Names are only words: a failure to read them leaves the report's, and sends every message.
 */
async function otherPartnersNamed(
  deps: Pick<EvaluationDeps, 'homeTenantId' | 'partnerNames'>,
  report: HealthReport,
  decisions: AlertDecision[],
  hearingOf: (d: AlertDecision) => OpenTarget[],
): Promise<(tenantId: string) => Whose> {
  const named = new Set<string>();
  for (const d of decisions)
    if (
      ofAnotherPartner(d.alert.tenantId, deps) &&
      hearingOf(d).some((t) => t.partnerTenant === null)
    )
      named.add(d.alert.tenantId.toLowerCase());
  let names = new Map<string, string>();
  if (named.size > 0 && deps.partnerNames)
    try {
      names = await withDeadline(deps.partnerNames([...named]), namesWaitMs, () => names);
    } catch {
      // The report's names stand in: the messages go either way.
    }
  return (tenantId) => {
    const id = tenantId.toLowerCase();
    const inReport = report.tenants.find((t) => t.tenantId.toLowerCase() === id)?.displayName;
    return whoseTenant({ tenantId, displayName: names.get(id) ?? inReport ?? '' });
  };
}

/**
 * Records when the stored alerts were decided, for /settings/alerts's "Last evaluated". The
 * decisions are written and their messages owed by then: a failure to note the time is logged
 * (by the error's code: a driver's message may carry the connection string) and the run goes on
 * to send them.
 */
async function noteEvaluated(db: Kysely<Database>, now: number): Promise<void> {
  try {
    await recordEvaluation(db, now);
  } catch (cause) {
    logEvent('warn', 'alerts: could not record the evaluation time', {
      outcome: 'failure',
      errorCode: errorCodeOf(cause),
    });
  }
}

/** A failure's code, or its name: never its message (a driver's may carry the connection string). */
function errorCodeOf(cause: unknown): string {
  const e = cause as { code?: unknown; name?: unknown } | null;
  return typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'unexpected';
}

/**
 * One line per evaluation for what it left to a newer release of the portal: alerts of
 * conditions it does not know (engine.ts `laterAlerts`) and owed deliveries it cannot read
 * (pending.ts). Expected for the minutes of a rolling upgrade; lasting, it says this instance
 * of the older release outlived the upgrade, or that a newer release was rolled back and its
 * rows wait for it. Condition and subject only (a tenant id, a dependency, an instance): never
 * facts, nor a message, nor a target.
 */
function logLeftForLaterRelease(
  alerts: { condition: string; subject: string }[],
  deliveries: LeftDelivery[],
) {
  if (alerts.length === 0 && deliveries.length === 0) return;
  const named = (rows: { condition: string; subject: string }[]) => [
    ...new Map(
      rows.map((r) => [
        `${r.condition}:${r.subject}`,
        { condition: r.condition, subject: r.subject },
      ]),
    ).values(),
  ];
  logEvent('warn', 'alerts: left to a newer release of the portal', {
    outcome: 'skipped',
    alerts: named(alerts),
    deliveries: named(deliveries),
  });
}
