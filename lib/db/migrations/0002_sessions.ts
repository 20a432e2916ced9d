import { type Kysely } from 'kysely';

/**
 * What every instance must know about sessions: which were signed out (until they would have
 * expired anyway) and when each was last used (the idle timeout). Keyed by a SHA-256 of the
 * session id, so the table names no session a cookie could be matched against.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_revocations')
    .addColumn('sid_hash', 'text', (c) => c.primaryKey())
    .addColumn('revoked_until', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('session_activity')
    .addColumn('sid_hash', 'text', (c) => c.primaryKey())
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('session_activity').execute();
  await db.schema.dropTable('session_revocations').execute();
}
