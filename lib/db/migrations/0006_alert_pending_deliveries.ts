import { type Kysely } from 'kysely';

/**
 * Alert deliveries still owed: one row per (condition, subject, target) whose last message
 * could not be delivered after every attempt. The next evaluation tries it again, to that
 * target only, until it lands, the target goes away, or a newer message for the same
 * condition replaces it. `message` is the secret-free message itself (a recovery notice
 * outlives its alert_states row).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_pending_deliveries')
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('message', 'jsonb', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('first_failed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_pending_deliveries_pk', ['condition', 'subject', 'target_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_pending_deliveries').execute();
}
