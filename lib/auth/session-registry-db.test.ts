import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { createMemorySessionRegistry } from './session-registry';
import { createDatabaseSessionRegistry } from './session-registry-db';

/** Two instances of the portal sharing one database (PGlite in memory), each with its own memory. */
let database: PortalDatabase;
let down = false;
const instance = () =>
  createDatabaseSessionRegistry({
    database: async () => {
      if (down) throw new Error('database unavailable');
      return database.db;
    },
    local: createMemorySessionRegistry(),
  });
// Real time: lapsed rows are purged against the clock.
const t0 = Date.now();

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database.close());

describe('database session registry', () => {
  it('a sign-out on one instance is refused on the other', async () => {
    const [a, b] = [instance(), instance()];
    expect(await b.isRevoked('sid-signed-out-on-a', t0)).toBe(false);
    await a.revoke('sid-signed-out-on-a', t0 + 3_600_000);
    expect(await b.isRevoked('sid-signed-out-on-a', t0 + 1)).toBe(true);
    // It survives a restart: a fresh instance (empty memory) still refuses it, until it lapses.
    expect(await instance().isRevoked('sid-signed-out-on-a', t0 + 2)).toBe(true);
    expect(await instance().isRevoked('sid-signed-out-on-a', t0 + 3_600_000)).toBe(false);
  });

  it('the last use any instance saw counts for the idle timeout', async () => {
    const [a, b] = [instance(), instance()];
    expect(await a.touch('sid-busy', t0)).toBeNull();
    // Used on B ten minutes later: B learns of A's use from the database.
    expect(await b.touch('sid-busy', t0 + 600_000)).toBe(t0);
    expect(await a.touch('sid-busy', t0 + 1_200_000)).toBe(t0 + 600_000);
  });

  it('stores no session id, only its hash', async () => {
    await instance().revoke('sid-visible-in-plain-text', t0 + 60_000);
    const rows = await database.db.selectFrom('session_revocations').select('sid_hash').execute();
    expect(rows.map((r) => r.sid_hash).join(' ')).not.toContain('sid-visible');
  });

  it('while the database is away each instance keeps its own sign-outs, and writes them when it is back', async () => {
    const [a, b] = [instance(), instance()];
    down = true;
    await a.revoke('sid-during-outage', t0 + 3_600_000);
    expect(await a.isRevoked('sid-during-outage', t0 + 1)).toBe(true);
    expect(await b.isRevoked('sid-during-outage', t0 + 1)).toBe(false);
    down = false;
    expect(await a.isRevoked('sid-other', t0 + 2)).toBe(false); // A's next use writes what waited
    expect(await b.isRevoked('sid-during-outage', t0 + 3)).toBe(true);
  });
});
