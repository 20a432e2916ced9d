import { type Kysely, sql } from 'kysely';

/**
 * Audit events get a random public id (`public_id`, a UUID): the one pages, links, cursors and
 * the CSV show. The bigint `id` is one sequence for every partner, so a partner reading its own
 * events' ids saw from the gaps how many events other partners had between them. The seek
 * indexes move to `(occurred_at, public_id)`, the order the pages walk; `id` stays the primary
 * key, never shown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events add column public_id uuid not null default gen_random_uuid()`.execute(
    db,
  );
  await sql`create unique index audit_events_public_id on audit_events (public_id)`.execute(db);
  await sql`drop index audit_events_tenant_seek`.execute(db);
  await sql`drop index audit_events_seek`.execute(db);
  await sql`create index audit_events_tenant_seek on audit_events (partner_tenant, occurred_at desc, public_id desc)`.execute(
    db,
  );
  await sql`create index audit_events_seek on audit_events (occurred_at desc, public_id desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index audit_events_tenant_seek`.execute(db);
  await sql`drop index audit_events_seek`.execute(db);
  await sql`create index audit_events_tenant_seek on audit_events (partner_tenant, occurred_at desc, id desc)`.execute(
    db,
  );
  await sql`create index audit_events_seek on audit_events (occurred_at desc, id desc)`.execute(db);
  await sql`drop index audit_events_public_id`.execute(db);
  await sql`alter table audit_events drop column public_id`.execute(db);
}
