import 'server-only';
import { Migrator, type Kysely } from 'kysely';
import { migrationProvider } from './migrations';

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
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (!error) return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const failed = results.find((r) => r.status === 'Error');
  if (failed) throw new MigrationError(failed.migrationName, error);
  throw error;
}
