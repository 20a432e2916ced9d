import { type Kysely, sql } from 'kysely';

/**
 * Two pages read a few events of one kind among a partner's whole trail: the alerts page each
 * target's last test and alert (`alert.delivery`), the users page a person's stopped export
 * (`customers.users-exported`). On the (partner tenant, time) index they walked every event the
 * partner had in their window (30 days), sign-ins and all; these partial indexes hold only
 * those events (a small share of the trail), so each read costs what its own events cost.
 * The queries name the action as a literal: a plan made for any value of a parameter (a
 * prepared statement's generic plan) could not use a partial index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_events_alert_deliveries on audit_events (partner_tenant, occurred_at desc) where action = 'alert.delivery'`.execute(
    db,
  );
  await sql`create index audit_events_users_exports on audit_events (partner_tenant, actor_oid, occurred_at desc) where action = 'customers.users-exported'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index audit_events_users_exports`.execute(db);
  await sql`drop index audit_events_alert_deliveries`.execute(db);
}
