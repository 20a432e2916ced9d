import { type Kysely } from 'kysely';

/**
 * What each kept outcome is (lib/onboarding/flash-store.ts): consent results, onboarding
 * failures, alert-settings and health-check results and export failures share the table, and a
 * page reads only its own kind, so an id from another page's address is never read as a value
 * of another shape. Rows written before this have none and are read by no page; they expire
 * within 10 minutes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('onboarding_outcomes').addColumn('kind', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('onboarding_outcomes').dropColumn('kind').execute();
}
