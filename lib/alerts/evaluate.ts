import type { Kysely } from 'kysely';
import type { AuditEventInput } from '@/lib/audit/events';
import type { Database } from '@/lib/db/schema';
import type { HealthReport } from '@/lib/health/types';
import { activeConditions, type AlertRules, type AppCredentialFacts } from './conditions';
import { deliver, type DeliveryDeps, type DeliveryResult, type OpenTarget } from './deliver';
import { decideAlerts, type AlertEvent } from './engine';
import { alertMessage } from './messages';
import { claimPending, forgetPending, owe } from './pending';
import { claimDecision, loadAlertStates } from './store';
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
 * One evaluation: the health report and the app credential against the stored alerts;
 * each decision this instance wins is sent to every enabled target that hears it.
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
  const now = typeof clock === 'number' ? clock : clock();
  const decisions = decideAlerts(
    activeConditions(report, credential, deps.rules, now),
    stored,
    now,
    deps.repeatMs,
  );
  const won = [];
  for (const decision of decisions) {
    if (await claimDecision(deps.db, decision)) won.push(decision);
  }
  const toSend = won.filter((d) => d.event !== null);
  // A newer message, or the alert's end, replaces what earlier messages still owed.
  for (const d of won)
    if (d.event !== null || d.next === null) await forgetPending(deps.db, d.alert);
  const owed = await claimPending(deps.db);
  const targets = toSend.length || owed.length ? await deps.targets() : [];
  const sent = await Promise.all(
    toSend.map(async (d) => {
      const message = alertMessage(d.alert, d.event!, deps.publicUrl, now);
      const hearing = targets.filter((t) => targetHears(t, d.alert.tenantId));
      const deliveries = await Promise.all(hearing.map((t) => deliver(t, message, deps)));
      for (const failed of deliveries.filter((r) => !r.ok))
        await owe(deps.db, d.alert, message, failed, null, now);
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
    owed.flatMap((p) => {
      const target = targets.find((t) => t.id === p.targetId);
      if (!target || !targetHears(target, p.message.tenantId)) return [];
      return [
        (async () => {
          const result = await deliver(target, p.message, deps);
          if (!result.ok) await owe(deps.db, p, p.message, result, p, now);
          return {
            event: p.message.event,
            condition: p.condition,
            subject: p.subject,
            tenantId: p.message.tenantId,
            deliveries: [result],
          };
        })(),
      ];
    }),
  );
  const open = (await loadAlertStates(deps.db)).filter((s) => s.notifiedAt !== null).length;
  return { evaluatedAt: new Date(now).toISOString(), open, sent, retried };
}
