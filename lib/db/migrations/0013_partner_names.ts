import { type Kysely, sql } from 'kysely';

/**
 * Each partner tenant's company name as Partner Center's organization profile last gave it,
 * shared by every instance: a tenant in need of re-consent cannot be asked again, and an
 * instance that never asked (a fresh one, another replica) would otherwise call it by its
 * tenant id exactly when its Admin has to act. A name only (no token, code or secret).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partner_names')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('learned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('partner_names').execute();
}
