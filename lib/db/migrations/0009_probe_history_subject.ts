import { type Kysely } from 'kysely';

/**
 * Whose token each Partner Center probe used (`subject`, a partner tenant id; null for the
 * other dependencies and for a probe that had no token). A partner's chart shows its own
 * samples as they were and another partner's refusals only as "answered" (lib/health/service.ts).
 * Rows written before this column have no subject: they stay masked for every partner.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('health_probe_history').addColumn('subject', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('health_probe_history').dropColumn('subject').execute();
}
