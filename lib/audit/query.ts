import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';
import type { AuditEvent } from './events';
import { isAuditEventId, type AuditCursor, type AuditFilter } from './filter';
import { fromAuditRow } from './rows';
import type { AuditScope } from './scope';

export interface AuditPage {
  events: AuditEvent[];
  /** Position after the last event shown; null on the last page. */
  next: AuditCursor | null;
}

/**
 * One page of events, newest first, by seek paging: `(occurred_at, public_id) < cursor` walks
 * the (partner_tenant, occurred_at desc, public_id desc) index, so page 1,000 costs what page 1
 * costs. Events of one instant come in their random ids' order.
 */
export async function listAuditEvents(
  db: Kysely<Database>,
  scope: AuditScope,
  filter: AuditFilter,
  cursor: AuditCursor | null,
  limit = 50,
): Promise<AuditPage> {
  let query = db.selectFrom('audit_events').selectAll();
  if (scope.kind === 'tenant') query = query.where('partner_tenant', '=', scope.tenantId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.actor) {
    const actor = filter.actor.toLowerCase();
    // Object ids are stored as Entra sent them; a GUID pasted in capitals is the same id.
    query = query.where((eb) =>
      eb.or([eb('actor_upn', '=', actor), eb(eb.fn('lower', ['actor_oid']), '=', actor)]),
    );
  }
  if (filter.from) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('occurred_at', '<=', filter.to);
  if (cursor)
    query = query.where((eb) =>
      eb(eb.refTuple('occurred_at', 'public_id'), '<', eb.tuple(cursor.occurredAt, cursor.id)),
    );
  const rows = await query
    .orderBy('occurred_at', 'desc')
    .orderBy('public_id', 'desc')
    .limit(limit + 1)
    .execute();
  const events = rows.slice(0, limit).map(fromAuditRow);
  const last = events.at(-1);
  return {
    events,
    next: rows.length > limit && last ? { occurredAt: last.occurredAt, id: last.id } : null,
  };
}

/** One event, or null when it does not exist or lies outside the reader's scope. */
export async function getAuditEvent(
  db: Kysely<Database>,
  scope: AuditScope,
  id: string,
): Promise<AuditEvent | null> {
  if (!isAuditEventId(id)) return null;
  let query = db.selectFrom('audit_events').selectAll().where('public_id', '=', id.toLowerCase());
  if (scope.kind === 'tenant') query = query.where('partner_tenant', '=', scope.tenantId);
  const row = await query.executeTakeFirst();
  return row ? fromAuditRow(row) : null;
}

/** Deletes events older than the retention, in batches (short locks); returns how many. */
export async function purgeAuditEvents(
  db: Kysely<Database>,
  olderThan: Date,
  batchSize = 10_000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db
      .deleteFrom('audit_events')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('audit_events')
          .select('id')
          .where('occurred_at', '<', olderThan)
          .limit(batchSize),
      )
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
