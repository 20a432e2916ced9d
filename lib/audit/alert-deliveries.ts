import 'server-only';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';

/** The newest delivery of one kind to one alert target, as the audit trail recorded it. */
export interface AlertDeliveryRecord {
  targetId: string;
  /** A test alert ("Send a test alert"); otherwise a real one (raised, reminded, recovered). */
  test: boolean;
  delivered: boolean;
  /** Why it failed (`http_500`, `timeout`); null when it was delivered. */
  reasonCode: string | null;
  occurredAt: Date;
}

// The details an `alert.delivery` event carries (lib/alerts/deliver.ts files them).
const deliveryTargetId = sql<string>`details->>'targetId'`;
const isTest = sql<boolean>`coalesce(details->>'event' = 'test', false)`;

/**
 * The newest test and the newest real alert delivered, or not, to each of `targetIds`, in one
 * query: only `owner`'s events (a partner tenant's, or the platform's under null), none before
 * `since` (the query walks the owner's deliveries of that span on their own index, migration
 * 0014).
 */
export async function newestAlertDeliveries(
  db: Kysely<Database>,
  query: { owner: string | null; targetIds: string[]; since: Date },
): Promise<AlertDeliveryRecord[]> {
  if (query.targetIds.length === 0) return [];
  const rows = await db
    .selectFrom('audit_events')
    .select([
      deliveryTargetId.as('target_id'),
      isTest.as('is_test'),
      'outcome',
      'reason_code',
      'occurred_at',
    ])
    .distinctOn([deliveryTargetId, isTest])
    .where('partner_tenant', query.owner === null ? 'is' : '=', query.owner?.toLowerCase() ?? null)
    // A literal: a plan made for any value (a prepared statement's generic plan) could not
    // use the partial index on this action's events (migration 0014).
    .where('action', '=', sql.lit('alert.delivery'))
    .where('occurred_at', '>=', query.since)
    .where(deliveryTargetId, 'in', query.targetIds)
    .orderBy(deliveryTargetId)
    .orderBy(isTest)
    .orderBy('occurred_at', 'desc')
    .orderBy('public_id', 'desc')
    .execute();
  return rows.map((row) => ({
    targetId: row.target_id,
    test: row.is_test,
    delivered: row.outcome === 'success',
    reasonCode: row.outcome === 'success' ? null : row.reason_code,
    occurredAt: new Date(row.occurred_at),
  }));
}
