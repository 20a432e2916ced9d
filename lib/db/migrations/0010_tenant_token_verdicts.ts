import { type Kysely, sql } from 'kysely';

/**
 * Each partner tenant's latest redemption verdict, shared by every instance: whichever
 * instance redeemed (or failed to) writes it, so the health page and the alerts of every other
 * instance know a tenant needs re-consent or keeps failing, instead of only the instance that
 * saw it. `at` is the event's time (cloud clock): a newer event replaces an older one, never
 * the reverse. `written_at` (database clock) is compared with `tenant_connection_changes`: a
 * verdict on a connection since replaced by a consent or disconnect is not read. Catalogue
 * words and ids only (no token, code or secret).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_token_verdicts')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_redemption_at', 'timestamptz')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'jsonb')
    .addColumn('written_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_token_verdicts').execute();
}
