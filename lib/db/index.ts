import 'server-only';
import { sql } from 'kysely';
import { getConfig } from '@/lib/config';
import { logEvent } from '@/lib/log';
import { migrateToLatest } from './migrate';
import { openDatabase, type DatabaseLocation, type PortalDatabase } from './open';
import { withDeadline } from '@/lib/clock/deadline';

export {
  openDatabase,
  defaultStatementBounds,
  type PortalDatabase,
  type DatabaseLocation,
  type StatementBounds,
} from './open';
export { migrateToLatest, MigrationError } from './migrate';
export type * from './schema';

// One database per process on globalThis: Next may load this module twice, and PGlite
// must never be opened twice on one folder.
const holder = globalThis as typeof globalThis & { __partnerPortalDb?: Promise<PortalDatabase> };

/**
 * The process's database, opened from getConfig() and migrated on first use. A failure
 * (server down at start) is not cached: the next call tries again. So is an embedded database
 * whose thread stopped (after a PANIC, an abort or a crash): the next call opens its folder again.
 */
export function getDatabase(): Promise<PortalDatabase> {
  if (!holder.__partnerPortalDb) {
    const { database } = getConfig();
    const opening = openMigrated(database);
    const forget = () => {
      if (holder.__partnerPortalDb === opening) holder.__partnerPortalDb = undefined;
    };
    holder.__partnerPortalDb = opening;
    opening.then(
      (opened) =>
        opened.lost?.then(() => {
          forget();
          logEvent('error', 'embedded database stopped: it opens again at its next use', {
            outcome: 'failure',
            errorCode: 'embedded_database_lost',
          });
        }),
      forget,
    );
  }
  return holder.__partnerPortalDb;
}

/** Opens the database with its statement bounds, after migrating it to this release. */
async function openMigrated(location: DatabaseLocation): Promise<PortalDatabase> {
  const opened = await openDatabase(location);
  try {
    // On a server, migrations run on a pool of their own without statement bounds: adding an
    // index to a large table may take minutes. The embedded database has none to lift.
    const migrating = location.url ? await openDatabase(location, null) : opened;
    try {
      await migrateToLatest(migrating.db);
    } finally {
      if (migrating !== opened) await migrating.close().catch(() => undefined);
    }
    return opened;
  } catch (error) {
    await opened.close().catch(() => undefined);
    throw error;
  }
}

/** `select 1` within `timeoutMs`: the health probe's measure of the database. */
export async function pingDatabase(database: PortalDatabase, timeoutMs = 5_000): Promise<void> {
  await withDeadline(sql`select 1`.execute(database.db), timeoutMs, () => {
    throw new Error('The database did not answer in time.');
  });
}
