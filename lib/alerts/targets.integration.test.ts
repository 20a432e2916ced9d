import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '@/test/support/postgres';
import { addTarget, listTargets, maxTargetsPerOwner } from './targets';

/**
 * The bound on targets per owner on a real PostgreSQL server, with two instances (two pools)
 * adding at once: a count then an insert under READ COMMITTED would let both see 19 and both
 * insert; the owner's advisory lock makes them take turns. Skipped without a server binary,
 * except in CI (as lib/db/postgres.integration.test.ts).
 */
const bin = findPostgresBin();
if (!bin && process.env.CI === 'true')
  throw new Error(
    "PostgreSQL server binaries (pg_ctl, initdb) are missing: .ci/run installs Debian's postgresql.",
  );

const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
const contoso = '11111111-1111-4111-8111-111111111111';

describe.skipIf(!bin)('alert targets on PostgreSQL', () => {
  let server: TestPostgres;
  let instances: PortalDatabase[] = [];
  beforeAll(async () => {
    server = await startTestPostgres(bin as string);
    instances = await Promise.all(
      [1, 2].map(() => openDatabase({ url: server.url, embeddedDir: 'unused' })),
    );
    await migrateToLatest(instances[0]!.db);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.close()));
    server?.destroy();
  });

  it(`two instances adding at once store at most ${maxTargetsPerOwner} for one owner`, async () => {
    for (const owner of [contoso, null]) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) =>
          addTarget(
            instances[i % 2]!.db,
            { partnerTenant: owner },
            {
              label: `t${i}`,
              destination: { kind: 'slack', url: `https://hooks.example/services/${i}` },
              createdBy: null,
            },
            sessionSecret,
          ),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(maxTargetsPerOwner);
      expect(
        outcomes.every((o) => o.status === 'fulfilled' || o.reason?.code === 'alert_targets_full'),
      ).toBe(true);
      expect(
        await listTargets(instances[1]!.db, { partnerTenant: owner }, sessionSecret),
      ).toHaveLength(maxTargetsPerOwner);
    }
  });
});
