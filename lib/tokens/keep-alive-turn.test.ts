import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { createKeepAliveTurn } from './keep-alive-turn';

const hour = 3_600_000;

describe('keep-alive: one instance per interval', () => {
  let database: PortalDatabase;
  beforeAll(async () => {
    database = await openDatabase({ embeddedDir: 'memory://' });
    await migrateToLatest(database.db);
  });
  afterAll(() => database?.close());

  it('of two instances whose timers tick at different moments, one runs each interval', async () => {
    const clock = { now: Date.UTC(2026, 10, 1) };
    const turn = (holder: string) =>
      createKeepAliveTurn({
        database: async () => database.db,
        intervalMs: hour,
        holder,
        now: () => clock.now,
      });
    const a = turn('a');
    const b = turn('b');
    const runs: string[] = [];
    // Three intervals; A ticks on the hour, B twenty minutes later.
    for (let interval = 0; interval < 3; interval += 1) {
      if (await a()) runs.push(`a${interval}`);
      clock.now += 20 * 60_000;
      if (await b()) runs.push(`b${interval}`);
      clock.now += 40 * 60_000;
    }
    expect(runs).toEqual(['a0', 'a1', 'a2']);
    // Both ticking at once: exactly one wins.
    const both = await Promise.all([a(), b()]);
    expect(both.filter(Boolean)).toHaveLength(1);
  });

  it('runs locally when the database is away, and says so', async () => {
    const reports: boolean[] = [];
    const alone = createKeepAliveTurn({
      database: () => Promise.reject(new Error('refused')),
      intervalMs: hour,
      holder: 'x',
      onAvailability: (a) => reports.push(a),
    });
    expect(await alone()).toBe(true);
    expect(reports).toEqual([false]);
  });
});
