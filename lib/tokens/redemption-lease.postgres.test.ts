import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '@/test/support/postgres';
import { gate } from './fakes.test-support';
import { createKeepAliveTurn } from './keep-alive-turn';
import {
  consentDuringAnotherInstancesWriteBack,
  tokenServicesSharing,
} from './lease-scenarios.test-support';
import type { TokenService } from './service';

/** The leases on a real server, each instance with its own connection pool (see lib/db/postgres.integration.test.ts). */
const bin = findPostgresBin();
if (!bin) {
  if (process.env.CI === 'true')
    throw new Error(
      "PostgreSQL server binaries (pg_ctl, initdb) are missing: .ci/run installs Debian's postgresql.",
    );
  console.warn(
    '\n*** SKIPPING redemption-lease tests on PostgreSQL: no pg_ctl/initdb on this machine. ***\n',
  );
}

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';

describe.skipIf(!bin)('leases on a PostgreSQL server', () => {
  let server: TestPostgres;
  let pools: PortalDatabase[] = [];
  beforeAll(async () => {
    server = await startTestPostgres(bin as string);
    for (let i = 0; i < 3; i += 1)
      pools.push(await openDatabase({ url: server.url, embeddedDir: 'unused' }));
    await migrateToLatest(pools[0]!.db);
  }, 120_000);
  /** Each instance its own connection pool on the one server. */
  const onEachPool = () => pools.map((pool) => async () => pool.db);
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    pools = [];
    server?.destroy();
  });

  it('200 concurrent callers over three instances cost one redemption', async () => {
    const { entra, services } = tokenServicesSharing(contoso, onEachPool(), { pollMs: 5 });
    const held = gate();
    entra.behaviour = async (_rt, target) => {
      await held.promise;
      return entra.issue(target.tenantId);
    };
    const calls = Array.from({ length: 200 }, (_, i) => services[i % 3]!.getAccessToken(contoso));
    held.open();
    expect(new Set(await Promise.all(calls)).size).toBe(1);
    expect(entra.calls).toHaveLength(1);
  });

  it("a consent on one instance waits for another's write-back between its check and its write", async () => {
    const { clock, vault, services } = tokenServicesSharing(contoso, onEachPool(), { pollMs: 5 });
    clock.advance(2 * 86_400_000); // the write-back is due
    const [a, b] = services as [TokenService, TokenService];
    await consentDuringAnotherInstancesWriteBack({ a, b, vault }, contoso);
  });

  it('the keep-alive lease goes to exactly one of three instances ticking at once', async () => {
    const turns = pools.map((pool, i) =>
      createKeepAliveTurn({
        database: async () => pool.db,
        intervalMs: 3_600_000,
        holder: `instance-${i}`,
      }),
    );
    const mine = await Promise.all(turns.map((turn) => turn()));
    expect(mine.filter(Boolean)).toHaveLength(1);
  });
});
