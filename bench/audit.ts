/**
 * Audit trail bench (part of `npm run bench`, or alone: `node --conditions=react-server --import tsx bench/audit.ts`):
 *   - insert rate through the portal's writer (batched, as the app writes) and row by row;
 *   - 1,000,000 events bulk-loaded with generate_series over 50 partner tenants;
 *   - the audit page's query (lib/audit listAuditEvents, 50 rows) for the first page and a
 *     deep page (cursor 90 % down), for a platform operator (every tenant) and one partner;
 *   - the alerts page's read of its targets' last deliveries and the users page's read of a
 *     stopped export, among one partner's 20,000 events;
 * on the embedded database (PGlite) and, when the machine has one, a throw-away PostgreSQL
 * server. BENCH_AUDIT_EVENTS changes the size. Asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { newestAlertDeliveries } from '../lib/audit/alert-deliveries';
import { listAuditEvents } from '../lib/audit/query';
import { latestUsersExport } from '../lib/audit/users-exports';
import { toAuditRow } from '../lib/audit/rows';
import { createAuditWriter } from '../lib/audit/writer';
import { migrateToLatest, openDatabase, type PortalDatabase } from '../lib/db';
import { findPostgresBin, startTestPostgres } from '../test/support/postgres';
import { median } from './support/load';

const total = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const tenant = (i: number) => `${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`;
const none = { clientAddress: '203.0.113.7', userAgent: 'bench', correlationId: null };

/** The median time of `runs` calls of `fn` (ms). */
async function medianTime(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function measure(label: string, database: PortalDatabase) {
  await migrateToLatest(database.db);
  const row = (i: number) =>
    toAuditRow(
      {
        action: 'sign-in.succeeded',
        outcome: 'success',
        partnerTenant: tenant(i % 50),
        actor: { upn: `user${i % 500}@example.com`, oid: `oid-${i}`, tid: tenant(i % 50) },
      },
      none,
      new Date(),
    )!;

  let started = performance.now();
  for (let i = 0; i < 1_000; i += 1)
    await database.db.insertInto('audit_events').values(row(i)).execute();
  const singleRate = 1_000 / ((performance.now() - started) / 1000);

  const writer = createAuditWriter({
    insert: async (rows) =>
      void (await database.db.insertInto('audit_events').values(rows).execute()),
  });
  started = performance.now();
  for (let i = 0; i < 20_000; i += 1) writer.enqueue(row(i));
  while (writer.status().buffered > 0) await writer.flush();
  const writerRate = 20_000 / ((performance.now() - started) / 1000);

  started = performance.now();
  await sql`insert into audit_events (occurred_at, partner_tenant, actor_upn, actor_oid, actor_tenant, action, outcome, reason_code, client_address, user_agent, details)
    select timestamp '2025-01-01' + (g || ' seconds')::interval,
      lpad((g % 50)::text, 8, '0') || '-1111-4111-8111-111111111111', 'user' || (g % 500) || '@example.com', 'oid-' || g,
      lpad((g % 50)::text, 8, '0') || '-1111-4111-8111-111111111111',
      (array['sign-in.succeeded','consent.completed','keep-alive.run','customers.users-exported'])[1 + g % 4], 'success', null, '203.0.113.7', 'bench', '{}'::jsonb
    from generate_series(1, ${total}) g`.execute(database.db);
  await sql`analyze audit_events`.execute(database.db);
  const loadSeconds = (performance.now() - started) / 1000;

  const pages: Record<string, number> = {};
  for (const [name, scope] of [
    ['operator', { kind: 'all' as const }],
    ['partner', { kind: 'tenant' as const, tenantId: tenant(7) }],
  ] as const) {
    const { rows } =
      scope.kind === 'all'
        ? await sql<{
            occurred_at: Date;
            public_id: string;
          }>`select occurred_at, public_id from audit_events order by occurred_at desc, public_id desc offset ${Math.floor(total * 0.9)} limit 1`.execute(
            database.db,
          )
        : await sql<{
            occurred_at: Date;
            public_id: string;
          }>`select occurred_at, public_id from audit_events where partner_tenant = ${scope.tenantId} order by occurred_at desc, public_id desc offset ${Math.floor((total / 50) * 0.9)} limit 1`.execute(
            database.db,
          );
    // The cursor's id is the event's public id (migration 0011), as the page's links carry it.
    const deep = { occurredAt: new Date(rows[0]!.occurred_at), id: rows[0]!.public_id };
    pages[`${name} first`] = await medianTime(7, () =>
      listAuditEvents(database.db, scope, {}, null, 50),
    );
    pages[`${name} deep`] = await medianTime(7, () =>
      listAuditEvents(database.db, scope, {}, deep, 50),
    );
    pages[`${name} deep, action filter`] = await medianTime(7, () =>
      listAuditEvents(database.db, scope, { action: 'keep-alive.run' }, deep, 50),
    );
  }
  // The alerts page's read of each target's last test and alert, and the users page's read of
  // a stopped export: one partner's few such events among its share of the load.
  const partner = tenant(7);
  const targetIds = ['t1', 't2', 't3'];
  await database.db
    .insertInto('audit_events')
    .values(
      Array.from({ length: 30 }, (_, i) =>
        toAuditRow(
          {
            action: 'alert.delivery',
            outcome: i % 3 ? 'success' : 'failure',
            partnerTenant: partner,
            details: { targetId: targetIds[i % 3]!, event: i % 2 ? 'test' : 'opened' },
          },
          none,
          new Date(Date.UTC(2025, 0, 5, 0, i)),
        )!,
      ),
    )
    .execute();
  const since = new Date(Date.UTC(2024, 11, 1));
  pages['alerts page: last deliveries of 3 targets'] = await medianTime(7, () =>
    newestAlertDeliveries(database.db, { owner: partner, targetIds, since }),
  );
  pages["users page: a person's stopped export"] = await medianTime(7, () =>
    latestUsersExport(database.db, {
      partnerTenant: partner,
      actorOid: 'oid-7',
      customerId: '77777777-7777-4777-8777-777777777777',
      since,
    }),
  );
  console.log(`\n   ${label}`);
  console.log(`   | measure | value |\n   |---|---|`);
  console.log(
    `   | inserts, one row per statement | ${Math.round(singleRate).toLocaleString('en-US')} events/s |`,
  );
  console.log(
    `   | inserts through the audit writer (batches of 200) | ${Math.round(writerRate).toLocaleString('en-US')} events/s |`,
  );
  console.log(
    `   | bulk load of ${total.toLocaleString('en-US')} events (generate_series) + analyze | ${loadSeconds.toFixed(1)} s |`,
  );
  for (const [name, ms] of Object.entries(pages))
    console.log(
      `   | ${name.includes(':') ? name : `page of 50, ${name}`} (median of 7) | ${ms.toFixed(1)} ms |`,
    );
}

const embeddedDir = mkdtempSync(path.join(tmpdir(), 'portal-bench-pglite-'));
try {
  const embedded = await openDatabase({ embeddedDir });
  await measure('Embedded PostgreSQL (PGlite, on its own thread, on disk)', embedded);
  await embedded.close();
} finally {
  rmSync(embeddedDir, { recursive: true, force: true });
}
const bin = findPostgresBin();
if (bin) {
  const server = await startTestPostgres(bin);
  try {
    // Unbounded, as migrations run: loading a million events in one statement outlasts the
    // portal's 15 s statement timeout (lib/db/open.ts), which is for requests, not for seeding.
    const database = await openDatabase({ url: server.url, embeddedDir: 'unused' }, null);
    await measure(
      `PostgreSQL server (${path.basename(path.dirname(bin))}, loopback, fsync off)`,
      database,
    );
    await database.close();
  } finally {
    server.destroy();
  }
} else {
  console.log('\n   PostgreSQL server: skipped (no pg_ctl/initdb on this machine)');
}
