import type { Kysely } from 'kysely';
import type { AuditEventInput } from '@/lib/audit/events';
import type { Database } from '@/lib/db/schema';
import type { HealthReport } from '@/lib/health/types';
import { logEvent } from '@/lib/log';
import { concurrencyLimit } from './bounded';
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
 * How many deliveries of one evaluation are under way at once. Each may take its attempts and
 * back-offs (every attempt a DNS lookup, a connection and an audit event), and an evaluation may
 * owe a message to every target of every partner: all at once, they would open that many
 * connections from this instance together. The others wait their turn, in order.
 */
export const deliveryConcurrency = 4;

/**
 * What the lease counts for one attempt: the send, which ends by its deadline however the
 * receiver paces it (sendDeadlineMs, closed by channels.ts), and as long again for its audit
 * event and the outbox's bookkeeping.
 */
const attemptLeaseMs = 2 * sendDeadlineMs;

/**
 * How long an instance holds the deliveries it sends: every attempt (attemptLeaseMs; the
 * backoffs add up to less than base * 2^attempts) for each turn the deliveries take through
 * `deliveryConcurrency`, with room to spare. A lease that ends too early risks a message sent
 * twice, never one lost.
 */
export const deliveryLeaseMs = (
  deps: Pick<DeliveryDeps, 'attempts' | 'backoffBaseMs'>,
  deliveries = 1,
) =>
  Math.max(1, Math.ceil(deliveries / deliveryConcurrency)) *
    (deps.attempts * attemptLeaseMs + deps.backoffBaseMs * 2 ** deps.attempts) +
  5 * 60_000;

/**
 * One evaluation: the health report and the app credential against the stored alerts; each
 * decision this instance wins is sent to every enabled target that hears it. Deliveries go
 * through the outbox (pending.ts): a decision lands with one owed row per target, and a row
 * goes only once delivered, so neither a failure nor a stop after the decision loses a message.
 */
export async function runEvaluation(
  deps: EvaluationDeps,
  clock: number | (() => number),
): Promise<EvaluationSummary> {
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
  const owedDue = await countDuePending(deps.db, now);
  // Read before any decision is claimed: if the targets cannot be read, nothing has changed.
  const targets =
    decisions.some((d) => d.event !== null) || owedDue > 0 ? await deps.targets() : [];
  const hearingOf = (d: AlertDecision) =>
    d.event ? targets.filter((t) => targetHears(t, d.alert.tenantId)) : [];
  // The lease covers every delivery this run may send, through the concurrency bound.
  const until =
    now +
    deliveryLeaseMs(
      deps,
      decisions.reduce((n, d) => n + hearingOf(d).length, owedDue),
    );
  const toSend: { decision: AlertDecision; message: AlertMessage; hearing: OpenTarget[] }[] = [];
  for (const d of decisions) {
    const message = d.event ? alertMessage(d.alert, d.event, deps.publicUrl, now) : null;
    const hearing = hearingOf(d);
    const won = await deps.db.transaction().execute(async (trx) => {
      if (!(await claimDecision(trx, d))) return false;
      // A newer message, or the alert's end, replaces what earlier messages still owed.
      if (message || d.next === null) await forgetPending(trx, d.alert);
      if (message) await owe(trx, d.alert, message, hearing, now, until);
      return true;
    });
    if (won && message) toSend.push({ decision: d, message, hearing });
  }
  await noteEvaluated(deps.db, now);
  const { claimed: owed, left, dropped } = await claimPending(deps.db, now, until);
  logLeftForLaterRelease(laterAlerts(stored), left);
  if (dropped.length > 0)
    logEvent('warn', 'alerts: dropped owed deliveries no release read within a day', {
      outcome: 'skipped',
      deliveries: dropped,
    });
  // One bound for the whole run: new messages first, then owed ones, as before.
  const inTurn = concurrencyLimit(deliveryConcurrency);
  const sent = await Promise.all(
    toSend.map(async ({ decision: d, message, hearing }) => {
      const deliveries = await Promise.all(
        hearing.map(async (t) => {
          const result = await inTurn(() => deliver(t, message, deps));
          await settle(deps.db, { ...d.alert, targetId: t.id }, message, result, 0, clockNow);
          return result;
        }),
      );
      return {
        event: d.event!,
        condition: d.alert.condition,
        subject: d.alert.subject,
        tenantId: d.alert.tenantId,
        deliveries,
      };
    }),
  );
  // Owed deliveries go again to their target only (those that got the message are not
  // told twice); a target removed, disabled or no longer hearing the tenant drops them.
  const retried = await Promise.all(
    owed.map(async (p) => {
      const target = targets.find((t) => t.id === p.targetId);
      if (!target || !targetHears(target, p.message.tenantId)) {
        await dropPending(deps.db, p, p.message);
        return null;
      }
      const result = await inTurn(() => deliver(target, p.message, deps));
      await settle(deps.db, p, p.message, result, p.failedRounds, clockNow);
      return {
        event: p.message.event,
        condition: p.condition,
        subject: p.subject,
        tenantId: p.message.tenantId,
        deliveries: [result],
      };
    }),
  );
  // A newer release's alert counts: it is open, and was told, whichever release decides on it.
  const open = (await loadAlertStates(deps.db)).filter((s) => s.notifiedAt !== null).length;
  return {
    evaluatedAt: new Date(now).toISOString(),
    open,
    sent,
    retried: retried.filter((r) => r !== null),
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
    const e = cause as { code?: unknown; name?: unknown } | null;
    logEvent('warn', 'alerts: could not record the evaluation time', {
      outcome: 'failure',
      errorCode:
        typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'unexpected',
    });
  }
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
