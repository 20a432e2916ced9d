import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '@/test/support/postgres';
import { RouteLimiter, type SharedRateStore } from './rate-limit';

/** Two limiters on one database stand for two instances of the portal. */
function instances(
  databases: [PortalDatabase, PortalDatabase],
  points: number,
  reports: boolean[] = [],
): [RouteLimiter, RouteLimiter] {
  const limiter = (database: PortalDatabase) => {
    const shared: SharedRateStore = {
      database: async () => database.db,
      onAvailability: (a) => reports.push(a),
    };
    return new RouteLimiter({ name: 'consent-callback', points, durationSeconds: 60, shared });
  };
  return [limiter(databases[0]), limiter(databases[1])];
}

describe('RouteLimiter shared through the database (PGlite)', () => {
  let database: PortalDatabase;
  beforeAll(async () => {
    database = await openDatabase({ embeddedDir: 'memory://' });
    await migrateToLatest(database.db);
  });
  afterAll(() => database?.close());

  it('counts one address across both instances: the 11th callback is refused wherever it lands', async () => {
    const [a, b] = instances([database, database], 10);
    const decisions = [];
    for (let i = 0; i < 10; i++) decisions.push(await (i % 2 ? a : b).take('198.51.100.1'));
    expect(decisions.every((d) => d.allowed)).toBe(true);
    expect(await a.take('198.51.100.1')).toMatchObject({ allowed: false });
    expect(await b.take('198.51.100.1')).toMatchObject({ allowed: false });
    expect((await a.take('198.51.100.2')).allowed).toBe(true);
  });

  it('falls back to memory when the database is unreachable, and says so', async () => {
    const reports: boolean[] = [];
    const limiter = new RouteLimiter({
      name: 'x',
      points: 2,
      durationSeconds: 60,
      shared: {
        database: () => Promise.reject(new Error('refused')),
        onAvailability: (a) => reports.push(a),
      },
    });
    expect((await limiter.take('k')).allowed).toBe(true);
    expect((await limiter.take('k')).allowed).toBe(true);
    // Still limited, by this instance's memory.
    expect((await limiter.take('k')).allowed).toBe(false);
    expect(reports).toEqual([false, false, false]);
  });

  it('falls back to memory when the database hangs past the timeout', async () => {
    const reports: boolean[] = [];
    const limiter = new RouteLimiter({
      name: 'y',
      points: 1,
      durationSeconds: 60,
      shared: {
        database: () => new Promise(() => undefined),
        timeoutMs: 20,
        onAvailability: (a) => reports.push(a),
      },
    });
    expect((await limiter.take('k')).allowed).toBe(true);
    expect((await limiter.take('k')).allowed).toBe(false);
    expect(reports).toEqual([false, false]);
  });
});

const bin = findPostgresBin();
if (!bin) {
  if (process.env.CI === 'true')
    throw new Error(
      "PostgreSQL server binaries (pg_ctl, initdb) are missing: .ci/run installs Debian's postgresql.",
    );
  console.warn(
    '\n*** SKIPPING shared rate-limit tests on PostgreSQL: no pg_ctl/initdb on this machine. ***\n',
  );
}

describe.skipIf(!bin)('RouteLimiter on a PostgreSQL server', () => {
  let server: TestPostgres;
  let pools: [PortalDatabase, PortalDatabase];
  beforeAll(async () => {
    server = await startTestPostgres(bin as string);
    const open = () => openDatabase({ url: server.url, embeddedDir: 'unused' });
    pools = [await open(), await open()];
    await migrateToLatest(pools[0].db);
  }, 120_000);
  afterAll(async () => {
    await Promise.all((pools ?? []).map((p) => p.close()));
    server?.destroy();
  });

  it('is atomic: 40 concurrent requests over two connection pools let exactly 10 through', async () => {
    const reports: boolean[] = [];
    const [a, b] = instances(pools, 10, reports);
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take('203.0.113.7')),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(reports.every(Boolean)).toBe(true);
  });
});
