import type { Kysely } from 'kysely';
import type { AuditEventInput } from '@/lib/audit/events';
import type { Database } from '@/lib/db/schema';
import type { HealthReport } from '@/lib/health/types';
import { activeConditions, type AlertRules, type AppCredentialFacts } from './conditions';
import { deliver, type DeliveryDeps, type DeliveryResult, type OpenTarget } from './deliver';
import { decideAlerts, type AlertEvent } from './engine';
import { alertMessage } from './messages';
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
  const targets = toSend.length ? await deps.targets() : [];
  const sent = await Promise.all(
    toSend.map(async (d) => {
      const message = alertMessage(d.alert, d.event!, deps.publicUrl, now);
      const hearing = targets.filter((t) => targetHears(t, d.alert.tenantId));
      const deliveries = await Promise.all(hearing.map((t) => deliver(t, message, deps)));
      return {
        event: d.event!,
        condition: d.alert.condition,
        subject: d.alert.subject,
        tenantId: d.alert.tenantId,
        deliveries,
      };
    }),
  );
  const open = (await loadAlertStates(deps.db)).filter((s) => s.notifiedAt !== null).length;
  return { evaluatedAt: new Date(now).toISOString(), open, sent };
}
