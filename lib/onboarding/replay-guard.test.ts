import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { createDatabaseReplayGuard } from './replay-guard';

let database: PortalDatabase;
let down = false;
const instance = () =>
  createDatabaseReplayGuard(async () => {
    if (down) throw new Error('database unavailable');
    return database.db;
  });
const inTenMinutes = () => Date.now() + 600_000;

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database.close());

describe('database replay guard', () => {
  it('a consent cookie burned on one instance is refused on another', async () => {
    const [a, b] = [instance(), instance()];
    expect(await a.burn('jti-1', inTenMinutes())).toBe(true);
    expect(await a.burn('jti-1', inTenMinutes())).toBe(false);
    expect(await b.burn('jti-1', inTenMinutes())).toBe(false);
    expect(await b.burn('jti-2', inTenMinutes())).toBe(true);
  });

  it('of two instances burning the same cookie at once, exactly one wins', async () => {
    const results = await Promise.all(
      [instance(), instance(), instance()].map((g) => g.burn('jti-race', inTenMinutes())),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('fails closed when the database cannot answer', async () => {
    down = true;
    await expect(instance().burn('jti-3', inTenMinutes())).rejects.toThrow();
    down = false;
  });
});
