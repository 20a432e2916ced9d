import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { newestAlertDeliveries } from './alert-deliveries';
import { contoso, insertEvents } from './audit-db.test-support';
import { latestUsersExport } from './users-exports';

/**
 * The alerts page and the users page read a few events of one kind among a partner's whole
 * trail. Which index answers is the behaviour that keeps them cheap as the trail grows (the
 * figures: `bench/audit.ts`); it is read from PostgreSQL's own index statistics.
 */

let database: PortalDatabase;
const start = Date.UTC(2026, 10, 20);
const since = new Date(start - 86_400_000);
const customerId = '77777777-7777-4777-8777-777777777777';

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
  // A busy partner: 20,000 sign-ins in the window, and a few deliveries and exports among them.
  await sql`insert into audit_events (occurred_at, partner_tenant, actor_oid, action, outcome, details)
    select ${new Date(start)}::timestamptz + (g || ' seconds')::interval, ${contoso}, 'oid-' || (g % 100),
      'sign-in.succeeded', 'success', '{}'::jsonb
    from generate_series(1, 20000) g`.execute(database.db);
  await insertEvents(
    database.db,
    [
      ...['t1', 't2'].map((targetId) => ({
        action: 'alert.delivery' as const,
        outcome: 'success' as const,
        partnerTenant: contoso,
        details: { targetId, event: 'test' },
      })),
      {
        action: 'customers.users-exported',
        outcome: 'failure',
        partnerTenant: contoso,
        actor: { oid: 'oid-7', tid: contoso },
        reasonCode: 'throttled',
        details: { customerId, rows: 500 },
      },
    ],
    start + 5_000_000,
  );
  await sql`analyze audit_events`.execute(database.db);
});
afterAll(() => database.close());

/** How many scans each index of the trail has answered so far. */
async function indexScans(): Promise<Record<string, number>> {
  await sql`select pg_stat_force_next_flush()`.execute(database.db);
  const { rows } = await sql<{ name: string; scans: string }>`
    select indexrelname as name, idx_scan as scans from pg_stat_user_indexes
    where relname = 'audit_events'`.execute(database.db);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.scans)]));
}

/**
 * The indexes that answered `read`, by name, checked not to include the partner's walk by
 * time (`audit_events_tenant_seek`). The planner's own look at the newest and oldest times
 * (its estimate of `since`) may also count on the time index, `audit_events_seek`.
 */
async function indexesUsedBy(read: () => Promise<unknown>): Promise<string[]> {
  const before = await indexScans();
  await read();
  const after = await indexScans();
  const used = Object.keys(after).filter((name) => after[name]! > (before[name] ?? 0));
  expect(used).not.toContain('audit_events_tenant_seek');
  return used;
}

describe("a partner's deliveries and exports among its whole trail", () => {
  it("are read on their own index, not by walking the partner's events of the window", async () => {
    let deliveries;
    expect(
      await indexesUsedBy(async () => {
        deliveries = await newestAlertDeliveries(database.db, {
          owner: contoso,
          targetIds: ['t1', 't2'],
          since,
        });
      }),
    ).toEqual(expect.arrayContaining(['audit_events_alert_deliveries']));
    expect(deliveries).toHaveLength(2);

    let stopped;
    expect(
      await indexesUsedBy(async () => {
        stopped = await latestUsersExport(database.db, {
          partnerTenant: contoso,
          actorOid: 'oid-7',
          customerId,
          since,
        });
      }),
    ).toEqual(expect.arrayContaining(['audit_events_users_exports']));
    expect(stopped).toMatchObject({ reasonCode: 'throttled', rows: 500 });
  });
});
