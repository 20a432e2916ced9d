import { type Kysely } from 'kysely';

/**
 * When the alert conditions were last evaluated (lib/alerts/store.ts), so that /settings/alerts
 * can say how current its "Open alerts" are: one row per scope, moved forward by each
 * evaluation that writes `alert_states`. Every evaluation covers every partner and the platform,
 * so there is one scope (`all`); the row holds a time only, never what was found or for whom.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_evaluations')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('evaluated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_evaluations').execute();
}
