import { sql, type Kysely } from 'kysely';

/**
 * Audit trail. Times are stored with millisecond precision (JavaScript's), so a seek-paging
 * cursor made from a row's time finds exactly that row again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('occurred_at', 'timestamptz', (c) =>
      c.notNull().defaultTo(sql`date_trunc('milliseconds', now())`),
    )
    .addColumn('partner_tenant', 'text')
    .addColumn('actor_upn', 'text')
    .addColumn('actor_oid', 'text')
    .addColumn('actor_tenant', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('correlation_id', 'text')
    .addColumn('client_address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  // A partner admin's view: one tenant, newest first, seek by (occurred_at, id).
  await sql`create index audit_events_tenant_seek on audit_events (partner_tenant, occurred_at desc, id desc)`.execute(
    db,
  );
  // A platform operator's view (every tenant) and the retention purge.
  await sql`create index audit_events_seek on audit_events (occurred_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
}
