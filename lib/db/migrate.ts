import 'server-only';
import { Migrator, sql, type Kysely } from 'kysely';
import { logEvent } from '@/lib/log';
import { migrationProvider } from './migrations';

const migrationTableName = 'schema_migrations';

/** A migration failed; the database is left at the last migration that succeeded. */
export class MigrationError extends Error {
  readonly code = 'migration_failed';
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(
      `Database migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'MigrationError';
  }
}

/**
 * Applies every pending migration, in order. Idempotent, and safe with several processes
 * starting at once: Kysely's migrator holds a PostgreSQL advisory lock while it runs, so
 * the others wait and then find nothing left to do. Returns the names it applied.
 * Throws MigrationError when a migration failed; a failure before any ran (the server
 * refused the connection or the login) is rethrown as the driver gave it, with its `code`,
 * so the health probe can tell the operators which it was.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const newer = await migrationsOfANewerRelease(db);
  if (newer.length > 0) {
    logEvent('warn', 'database: a newer release has migrated it; running on its schema', {
      outcome: 'skipped',
      newerMigrations: newer.join(', '),
    });
    return [];
  }
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName,
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (!error) return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const failed = results.find((r) => r.status === 'Error');
  if (failed) throw new MigrationError(failed.migrationName, error);
  throw error;
}

/**
 * During a rolling upgrade an instance of the older release may (re)start after the newer one
 * migrated the shared database. Kysely then refuses to run at all ("corrupted migrations"), and
 * that instance would serve without its database. Migrations only ever add (a column, a table,
 * an index), so when every migration this release knows is applied and the database has more,
 * it runs on that schema. Anything else (one of ours missing) is left to Kysely to refuse.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
async function migrationsOfANewerRelease(db: Kysely<any>): Promise<string[]> {
  const { rows: table } = await sql<{
    exists: boolean;
  }>`select to_regclass(${migrationTableName}) is not null as exists`.execute(db);
  if (!table[0]?.exists) return [];
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(
    migrationTableName,
  )}`.execute(db);
  const applied = new Set(rows.map((r) => r.name));
  const known = Object.keys(await migrationProvider.getMigrations());
  if (!known.every((name) => applied.has(name))) return [];
  return [...applied].filter((name) => !known.includes(name)).sort();
}
