import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from './index';
import { extendLease, releaseLease, tryTakeLease } from './leases';

let database: PortalDatabase;
beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database?.close());
afterEach(() => vi.useRealTimers());

describe('leases on the database clock', () => {
  it('an instance whose clock runs a minute ahead does not take a lease another holds', async () => {
    expect(await tryTakeLease(database.db, 'skewed', 'a', 30_000)).toBe(true);
    // Only this process's clock moves: PGlite's thread, like a PostgreSQL server, keeps its own.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    expect(await tryTakeLease(database.db, 'skewed', 'b', 30_000)).toBe(false);
  });

  it('is taken again once it lapsed, and only its holder gives it back', async () => {
    expect(await tryTakeLease(database.db, 'short', 'a', 50)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(await tryTakeLease(database.db, 'short', 'b', 60_000)).toBe(true);
    // A's late release (its work outlasted the lease) leaves B's lease alone.
    await releaseLease(database.db, 'short', 'a');
    expect(await tryTakeLease(database.db, 'short', 'c', 60_000)).toBe(false);
    await releaseLease(database.db, 'short', 'b');
    expect(await tryTakeLease(database.db, 'short', 'c', 60_000)).toBe(true);
  });

  it('is extended only by its holder while held, never once it lapsed or was taken over', async () => {
    expect(await tryTakeLease(database.db, 'long work', 'a', 100)).toBe(true);
    expect(await extendLease(database.db, 'long work', 'b', 60_000)).toBe(false);
    expect(await extendLease(database.db, 'long work', 'a', 300)).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    // Past the first 100 ms, held by the extension: nobody takes it over.
    expect(await tryTakeLease(database.db, 'long work', 'b', 60_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    // Lapsed: its holder may not revive it, and whoever takes it holds it.
    expect(await extendLease(database.db, 'long work', 'a', 60_000)).toBe(false);
    expect(await tryTakeLease(database.db, 'long work', 'b', 60_000)).toBe(true);
    expect(await extendLease(database.db, 'long work', 'a', 60_000)).toBe(false);
    expect(await extendLease(database.db, 'long work', 'b', 60_000)).toBe(true);
  });
});
