// Not from './index': that is the module the tests mock with this one (a cycle).
import { migrateToLatest } from './migrate';
import { openDatabase, type PortalDatabase } from './open';

/**
 * A test file's own embedded database, handed out by the portal's `getDatabase()` in its place,
 * and a switch that takes it down. In the test file:
 *
 *   vi.mock('@/lib/db', async (original) =>
 *     (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
 *   );
 *
 * (vi.mock is hoisted above the file's imports: its factory imports this module itself, and
 * gets the same instance the file imports.)
 */
export const testDatabase = {
  /** While true, `getDatabase()` throws as a server that refuses connections does. */
  down: false,
  /** How many times `getDatabase()` was asked. */
  reads: 0,
  current: null as PortalDatabase | null,
};

/**
 * The driver's error for a server that refuses connections, with the connection string in its
 * message as node-postgres words it: pages must say the database is away without repeating it.
 */
export function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED postgres://portal:pw-s3cret@db:5432'), {
    code: 'ECONNREFUSED',
  });
}

/** The `@/lib/db` module with `getDatabase()` answering from `testDatabase`. */
export function withTestDatabase<T extends object>(original: T) {
  return {
    ...original,
    getDatabase: async (): Promise<PortalDatabase> => {
      testDatabase.reads += 1;
      if (testDatabase.down) throw connectionRefused();
      if (!testDatabase.current) throw new Error('openTestDatabase() first');
      return testDatabase.current;
    },
  };
}

/** Opens a migrated in-memory database, handed out from now on; up, and not yet read. */
export async function openTestDatabase(): Promise<PortalDatabase> {
  const database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
  Object.assign(testDatabase, { down: false, reads: 0, current: database });
  return database;
}
