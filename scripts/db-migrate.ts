/**
 * `npm run db:migrate`: applies the portal's pending database migrations and exits, for
 * operators who migrate before rolling out (the portal also migrates at start-up; both are
 * idempotent and hold an advisory lock, so they may overlap). Reads DATABASE_URL, else the
 * embedded database in PGLITE_DATA_DIR (default .data/pglite; stop the portal first: an
 * embedded database has one process). Prints migration names, never the connection string.
 */
import { migrateToLatest, openDatabase } from '../lib/db';

const url = process.env.DATABASE_URL || undefined;
const embeddedDir = process.env.PGLITE_DATA_DIR || '.data/pglite';
// Unbounded: a migration adding an index to a large table may take minutes.
const database = await openDatabase({ url, embeddedDir }, null);
try {
  const applied = await migrateToLatest(database.db);
  console.log(
    `Database (${database.kind}): ${applied.length === 0 ? 'up to date, nothing to apply' : `applied ${applied.join(', ')}`}.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await database.close();
}
