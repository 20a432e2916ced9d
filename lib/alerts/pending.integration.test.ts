import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '@/test/support/postgres';
import { claimPending, countDuePending, type OwedLeases } from './pending';

/**
 * The outbox's per-owner leases on a real PostgreSQL server, two instances (two pools) claiming
 * at once: each row is leased once, until its own owner's lease ends. Skipped without a server
 * binary, except in CI (as lib/db/postgres.integration.test.ts).
 */
const bin = findPostgresBin();
if (!bin && process.env.CI === 'true')
  throw new Error(
    "PostgreSQL server binaries (pg_ctl, initdb) are missing: .ci/run installs Debian's postgresql.",
  );

const now = Date.UTC(2026, 11, 3, 8);
const minute = 60_000;
const partnerA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const partnerB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const message = {
  id: `dependency-down:keyVault:${now}`,
  event: 'opened',
  condition: 'dependency-down',
  severity: 'warning',
  tenantId: null,
  title: 'Key Vault is throttling the portal',
  whatHappened: 'It answered 429.',
  whatToDo: 'Look at its limits.',
  link: 'https://portal.example.test/health',
  occurredAt: new Date(now).toISOString(),
};

describe.skipIf(!bin)('owed deliveries leased per owner on PostgreSQL', () => {
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

  it("claims each due row once, until its target's owner's lease ends", async () => {
    const db = instances[0]!.db;
    const owners = [partnerA, partnerB, null];
    await db
      .insertInto('alert_targets')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          id: `t${i}`,
          partner_tenant: owners[i % 3]!,
          kind: 'webhook',
          label: `t${i}`,
          hint: 'hooks.example',
          sealed: 'sealed',
        })),
      )
      .execute();
    await db
      .insertInto('alert_pending_deliveries')
      .values(
        ['gone', ...Array.from({ length: 30 }, (_, i) => `t${i}`)].map((target) => ({
          condition: 'dependency-down',
          subject: 'keyVault',
          target_id: target,
          message: JSON.stringify(message),
          attempts: 3,
          last_error: 'http_503',
          first_failed_at: new Date(now - minute),
        })),
      )
      .execute();
    expect(await countDuePending(instances[1]!.db, now)).toEqual({
      total: 31,
      byOwner: new Map([
        [partnerA, 10],
        [partnerB, 10],
        [null, 10],
      ]),
      withoutTarget: 1,
    });
    const leaseEnd: Record<string, number> = {
      [partnerA]: now + 40 * minute,
      [partnerB]: now + 10 * minute,
      platform: now + 12 * minute,
      gone: now + 50 * minute,
    };
    const leases: OwedLeases = {
      byOwner: new Map([
        [partnerA, leaseEnd[partnerA]!],
        [partnerB, leaseEnd[partnerB]!],
        [null, leaseEnd.platform!],
      ]),
      otherwise: leaseEnd.gone!,
    };
    const [first, second] = await Promise.all(
      instances.map((instance) => claimPending(instance.db, now, leases)),
    );
    const claimed = [...first!.claimed, ...second!.claimed].map((d) => d.targetId).sort();
    expect(claimed).toEqual(['gone', ...Array.from({ length: 30 }, (_, i) => `t${i}`)].sort());
    const rows = await db
      .selectFrom('alert_pending_deliveries')
      .select(['target_id', 'claimed_until'])
      .execute();
    for (const r of rows) {
      const i = r.target_id === 'gone' ? -1 : Number(r.target_id.slice(1));
      const owner = i === -1 ? 'gone' : (owners[i % 3] ?? 'platform');
      expect([r.target_id, r.claimed_until?.getTime()]).toEqual([r.target_id, leaseEnd[owner]]);
    }
  });
});
