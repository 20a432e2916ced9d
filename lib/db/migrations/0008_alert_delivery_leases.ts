import { type Kysely } from 'kysely';

/**
 * Alert deliveries become an outbox: the instance that wins a decision writes one owed row per
 * target in the same transaction, and deletes each only once it was delivered, so a failure or
 * a stop after the decision loses nothing. Instead of deleting rows to claim them, an instance
 * leases them (`claimed_until`, the evaluation's clock) while it sends; a lease that ends
 * without an answer (the process stopped) lets the next evaluation try again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('alert_pending_deliveries')
    .addColumn('claimed_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('alert_pending_deliveries').dropColumn('claimed_until').execute();
}
