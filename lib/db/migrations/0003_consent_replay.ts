import { type Kysely } from 'kysely';

/**
 * Consent cookies already presented to the callback (their `jti`), until they would have
 * expired: the primary key makes "first use" one atomic insert on every instance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_cookie_uses')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('consent_cookie_uses').execute();
}
