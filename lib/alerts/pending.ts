import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '@/lib/db/schema';
import { alertConditions } from './conditions';
import type { DeliveryResult } from './deliver';
import type { AlertEvent } from './engine';
import type { AlertMessage } from './messages';

/** A message one target has not received yet (see migration 0006). */
export interface PendingDelivery {
  condition: string;
  subject: string;
  targetId: string;
  message: AlertMessage & { event: AlertEvent };
  attempts: number;
  lastError: string | null;
  firstFailedAt: number;
}

const messageSchema = z.object({
  id: z.string(),
  event: z.enum(['opened', 'reminder', 'recovered']),
  condition: z.enum(alertConditions),
  severity: z.enum(['info', 'warning', 'critical']),
  tenantId: z.string().nullable(),
  title: z.string(),
  whatHappened: z.string(),
  whatToDo: z.string(),
  link: z.string(),
  occurredAt: z.string(),
});

const parse = (v: unknown) => messageSchema.parse(typeof v === 'string' ? JSON.parse(v) : v);

/**
 * Claims every owed delivery by deleting it: one instance retries each, and a failed retry
 * writes it back (`owe`). Rows whose message no longer parses are dropped, not retried.
 */
export async function claimPending(db: Kysely<Database>): Promise<PendingDelivery[]> {
  const rows = await db.deleteFrom('alert_pending_deliveries').returningAll().execute();
  return rows.flatMap((r) => {
    const message = messageSchema.safeParse(
      typeof r.message === 'string' ? JSON.parse(r.message) : r.message,
    );
    if (!message.success) return [];
    return [
      {
        condition: r.condition,
        subject: r.subject,
        targetId: r.target_id,
        message: message.data,
        attempts: r.attempts,
        lastError: r.last_error,
        firstFailedAt: r.first_failed_at.getTime(),
      },
    ];
  });
}

/** A newer message about this condition replaces whatever was still owed for it. */
export async function forgetPending(
  db: Kysely<Database>,
  alert: { condition: string; subject: string },
): Promise<void> {
  await db
    .deleteFrom('alert_pending_deliveries')
    .where('condition', '=', alert.condition)
    .where('subject', '=', alert.subject)
    .execute();
}

/** Records a delivery that failed every attempt, so the next evaluation tries that target again. */
export async function owe(
  db: Kysely<Database>,
  alert: { condition: string; subject: string },
  message: AlertMessage,
  result: DeliveryResult,
  before: Pick<PendingDelivery, 'attempts' | 'firstFailedAt'> | null,
  now: number,
): Promise<void> {
  const row = {
    condition: alert.condition,
    subject: alert.subject,
    target_id: result.targetId,
    message: JSON.stringify(parse(message)),
    attempts: (before?.attempts ?? 0) + result.attempts,
    last_error: result.error?.code ?? null,
    first_failed_at: new Date(before?.firstFailedAt ?? now),
  };
  await db
    .insertInto('alert_pending_deliveries')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['condition', 'subject', 'target_id']).doUpdateSet({
        message: row.message,
        attempts: row.attempts,
        last_error: row.last_error,
        first_failed_at: row.first_failed_at,
      }),
    )
    .execute();
}
