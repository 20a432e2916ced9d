import { type Kysely, sql } from 'kysely';

/**
 * How many rounds of attempts an owed alert delivery has failed: its next retry waits 1 minute
 * after the first, doubling to an hour (lib/alerts/pending.ts). Counted, not derived from
 * `attempts`: a round may end after one attempt (a final error) or after all of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('alert_pending_deliveries')
    .addColumn('failed_rounds', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Rows already owed keep the back-off they earned: rounds of the default 3 attempts.
  await sql`update alert_pending_deliveries set failed_rounds = greatest(1, ceil(attempts / 3.0))
    where attempts > 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('alert_pending_deliveries').dropColumn('failed_rounds').execute();
}
