import type { Kysely } from 'kysely';

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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('alert_pending_deliveries').dropColumn('failed_rounds').execute();
}
