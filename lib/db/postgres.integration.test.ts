import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '@/test/support/postgres';
import { listAuditEvents } from '@/lib/audit/query';
import { toAuditRow } from '@/lib/audit/rows';
import { createAuditWriter } from '@/lib/audit/writer';
import { migrateToLatest, openDatabase, pingDatabase, type PortalDatabase } from './index';
import { migrations } from './migrations';

/**
 * The same schema, migrations and queries on a real PostgreSQL server (Debian's `postgresql`;
 * `.ci/run` installs it). Without a server binary the suite is skipped with a loud message,
 * except in CI (CI=true), where it must run.
 */
const bin = findPostgresBin();
if (!bin) {
  if (process.env.CI === 'true')
    throw new Error(
      "PostgreSQL server binaries (pg_ctl, initdb) are missing: .ci/run installs Debian's postgresql.",
    );
  console.warn(
    '\n*** SKIPPING PostgreSQL integration tests: no pg_ctl/initdb on this machine (apt-get install postgresql, or set PG_BIN). ***\n',
  );
}

describe.skipIf(!bin)('PostgreSQL server', () => {
  let server: TestPostgres;
  let database: PortalDatabase;
  beforeAll(async () => {
    server = await startTestPostgres(bin as string);
    database = await openDatabase({ url: server.url, embeddedDir: 'unused' });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    server?.destroy();
  });

  it('migrates once when several processes start together (advisory lock), and again is a no-op', async () => {
    const others = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ url: server.url, embeddedDir: 'unused' })),
    );
    const applied = await Promise.all([database, ...others].map((d) => migrateToLatest(d.db)));
    // Each migration exactly once, whichever process took the lock.
    expect(applied.flat()).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(database.db)).toEqual([]);
    await Promise.all(others.map((d) => d.close()));
    const { rows } = await sql<{
      indexname: string;
    }>`select indexname from pg_indexes where tablename = 'audit_events' order by indexname`.execute(
      database.db,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      'audit_events_alert_deliveries',
      'audit_events_pkey',
      'audit_events_public_id',
      'audit_events_seek',
      'audit_events_tenant_seek',
      'audit_events_users_exports',
    ]);
  });

  it('seek-pages by public ids and uses the tenant index', async () => {
    // 20,000 events over 20 tenants: one tenant's page must come from the tenant index.
    const tenant = '00000007-1111-4111-8111-111111111111';
    await sql`insert into audit_events (occurred_at, partner_tenant, action, outcome)
      select timestamp '2026-01-01' + (g || ' milliseconds')::interval, lpad((g % 20)::text, 8, '0') || '-1111-4111-8111-111111111111', 'keep-alive.run', 'success'
      from generate_series(1, 20000) g`.execute(database.db);
    await sql`analyze audit_events`.execute(database.db);
    const first = await listAuditEvents(
      database.db,
      { kind: 'tenant', tenantId: tenant },
      {},
      null,
      100,
    );
    expect(first.events).toHaveLength(100);
    expect(typeof first.events[0]?.id).toBe('string');
    const second = await listAuditEvents(
      database.db,
      { kind: 'tenant', tenantId: tenant },
      {},
      first.next,
      100,
    );
    expect(second.events[0]!.occurredAt.getTime()).toBeLessThan(
      first.events.at(-1)!.occurredAt.getTime(),
    );
    expect(new Set([...first.events, ...second.events].map((e) => e.id)).size).toBe(200);
    const plan = await sql<{
      'QUERY PLAN': string;
    }>`explain select * from audit_events where partner_tenant = ${tenant} and (occurred_at, public_id) < (${first.next!.occurredAt}, ${first.next!.id}) order by occurred_at desc, public_id desc limit 51`.execute(
      database.db,
    );
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text, text).toMatch(/Index Scan using audit_events_tenant_seek/);
  });

  it('bounds every statement: the server cancels a slow one, and a stalled server is not waited on', async () => {
    const show = async (db: PortalDatabase, setting: string) =>
      (await sql<Record<string, string>>`show ${sql.raw(setting)}`.execute(db.db)).rows[0]?.[
        setting
      ];
    expect(await show(database, 'statement_timeout')).toBe('15s');
    expect(await show(database, 'idle_in_transaction_session_timeout')).toBe('30s');
    const unbounded = await openDatabase({ url: server.url, embeddedDir: 'unused' }, null);
    expect(await show(unbounded, 'statement_timeout')).toBe('0');
    await unbounded.close();

    const bounded = await openDatabase(
      { url: server.url, embeddedDir: 'unused' },
      { statementMs: 200, replyMs: 1_000, idleInTransactionMs: 30_000 },
    );
    try {
      // A slow statement: the server cancels it (query_canceled).
      await expect(sql`select pg_sleep(2)`.execute(bounded.db)).rejects.toMatchObject({
        code: '57014',
      });
      // A stalled server: its backend frozen, it neither answers nor refuses.
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(
        bounded.db,
      );
      const pid = rows[0]!.pid;
      process.kill(pid, 'SIGSTOP');
      try {
        await expect(sql`select 1`.execute(bounded.db)).rejects.toThrow(/timeout/i);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      // Once it answers again, so does the pool.
      expect((await sql<{ one: number }>`select 1 as one`.execute(bounded.db)).rows).toEqual([
        { one: 1 },
      ]);
    } finally {
      await bounded.close();
    }
  });

  it('a server that goes down: events wait in memory, the ping fails, and every event is written when it is back', async () => {
    const writer = createAuditWriter({
      insert: async (rows) => {
        await database.db.insertInto('audit_events').values(rows).execute();
      },
      retryDelayMs: { first: 60_000, max: 60_000 },
      log: () => undefined,
    });
    const none = { clientAddress: null, userAgent: null, correlationId: null };
    server.stop();
    try {
      for (let i = 0; i < 25; i += 1)
        writer.enqueue(
          toAuditRow(
            { action: 'sign-in.succeeded', outcome: 'success', reasonCode: `outage-${i}` },
            none,
            new Date(),
          )!,
        );
      await writer.flush();
      expect(writer.status().buffered).toBe(25);
      await expect(pingDatabase(database, 2_000)).rejects.toThrow();
    } finally {
      server.start();
    }
    await expect
      .poll(
        async () =>
          pingDatabase(database, 2_000).then(
            () => true,
            () => false,
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
    await writer.retryNow();
    expect(writer.status()).toMatchObject({ buffered: 0, failingSince: null });
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from audit_events where reason_code like 'outage-%'`.execute(
      database.db,
    );
    expect(Number(rows[0]?.n)).toBe(25);
  });
});
