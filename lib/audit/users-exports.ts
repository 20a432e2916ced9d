import 'server-only';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';

/** How a person's users export of one customer ended, as the audit trail recorded it. */
export interface UsersExportRecord {
  /** The whole file was sent. */
  complete: boolean;
  /** Why it stopped (a failure code, `download_cancelled`); null when complete. */
  reasonCode: string | null;
  /** Data rows sent before it ended. */
  rows: number;
  correlationId: string | null;
  occurredAt: Date;
}

// The details a `customers.users-exported` event carries (auditedCsvExport in export-events.ts).
const exportedCustomerId = sql<string>`lower(details->>'customerId')`;
const exportedRows = sql<number>`coalesce((details->>'rows')::integer, 0)`;
// An attempt that ended before its file started says `started: false` (auditExportNotStarted);
// the events of downloads have no `started`.
const startedDownload = sql<boolean>`details->>'started' is distinct from 'false'`;

/**
 * The newest users export of `customerId` by one person (their partner tenant and object id)
 * since `since` whose file started, or null. It walks that person's exports of the span on
 * their own index (migration 0014), not the tenant's whole trail.
 */
export async function latestUsersExport(
  db: Kysely<Database>,
  query: { partnerTenant: string; actorOid: string; customerId: string; since: Date },
): Promise<UsersExportRecord | null> {
  const row = await db
    .selectFrom('audit_events')
    .select(['outcome', 'reason_code', 'correlation_id', 'occurred_at', exportedRows.as('rows')])
    .where('partner_tenant', '=', query.partnerTenant.toLowerCase())
    .where('occurred_at', '>=', query.since)
    // A literal: a plan made for any value (a prepared statement's generic plan) could not
    // use the partial index on this action's events (migration 0014).
    .where('action', '=', sql.lit('customers.users-exported'))
    .where('actor_oid', '=', query.actorOid)
    .where(exportedCustomerId, '=', query.customerId.toLowerCase())
    .where(startedDownload)
    .orderBy('occurred_at', 'desc')
    .orderBy('public_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const complete = row.outcome === 'success';
  return {
    complete,
    reasonCode: complete ? null : row.reason_code,
    rows: Number(row.rows),
    correlationId: row.correlation_id,
    occurredAt: new Date(row.occurred_at),
  };
}
