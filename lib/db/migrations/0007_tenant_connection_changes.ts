import { sql, type Kysely } from 'kysely';

/**
 * When each partner tenant's connection last changed (a consent or a disconnect), so every
 * instance drops what it cached of the old one: the instance that made the change writes the
 * time, the others read it at the tenant's next use (lib/tokens/redemption-lease.ts).
 * `shared_access_tokens.written_at` is when the redemption of a shared token began: a token
 * redeemed before the tenant's last change is never handed to another instance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_connection_changes')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('shared_access_tokens')
    .addColumn('written_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shared_access_tokens').dropColumn('written_at').execute();
  await db.schema.dropTable('tenant_connection_changes').execute();
}
