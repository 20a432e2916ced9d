import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest, type PortalDatabase } from '@/lib/db';
import { migrations } from '@/lib/db/migrations';
import { contoso, fabrikam, insertEvents } from './audit-db.test-support';
import { auditEventsCsv } from './csv';
import { decodeCursor, encodeCursor, parseAuditQuery, AuditQueryError } from './filter';
import { getAuditEvent, listAuditEvents, purgeAuditEvents } from './query';
import { auditScopeFor, nameableTenants } from './scope';

/** The audit trail's queries on the embedded database (PGlite, in memory). */
let database: PortalDatabase;

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(async () => {
  await database.close();
});

describe('migrations', () => {
  it('are idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    const { rows } = await sql<{
      name: string;
    }>`select name from schema_migrations order by name`.execute(database.db);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations));
  });
});

describe('audit queries', () => {
  beforeAll(async () => {
    await sql`truncate audit_events`.execute(database.db);
    const events = Array.from({ length: 120 }, (_, i) => ({
      action: i % 3 === 0 ? ('sign-in.refused' as const) : ('sign-in.succeeded' as const),
      outcome: i % 3 === 0 ? ('refused' as const) : ('success' as const),
      partnerTenant: i % 2 === 0 ? contoso : fabrikam,
      actor: {
        upn: `User${i % 4}@Example.com`,
        oid: `oid-${i % 4}`,
        tid: i % 2 === 0 ? contoso : fabrikam,
      },
      reasonCode: i % 3 === 0 ? 'no-role' : null,
    }));
    // Two events in the same millisecond: paging must neither skip nor repeat them.
    await insertEvents(database.db, events);
    await insertEvents(
      database.db,
      [
        { action: 'consent.started', outcome: 'success', partnerTenant: contoso },
        { action: 'consent.started', outcome: 'success', partnerTenant: contoso },
      ],
      Date.UTC(2026, 10, 2),
    );
    await sql`update audit_events set occurred_at = ${new Date(Date.UTC(2026, 10, 2))} where action = 'consent.started'`.execute(
      database.db,
    );
  });

  it('pages newest first by seek, every event exactly once, within the reader scope', async () => {
    const scope = { kind: 'tenant', tenantId: contoso } as const;
    const seen: string[] = [];
    let cursor = null;
    for (let guard = 0; guard < 20; guard += 1) {
      const page = await listAuditEvents(database.db, scope, {}, cursor, 7);
      seen.push(...page.events.map((e) => e.id));
      for (const e of page.events) expect(e.partnerTenant).toBe(contoso);
      if (!page.next) break;
      cursor = decodeCursor(encodeCursor(page.next));
    }
    expect(seen).toHaveLength(62);
    expect(new Set(seen).size).toBe(62);
    const first = await listAuditEvents(database.db, scope, {}, null, 3);
    expect(first.events[0]?.action).toBe('consent.started');
    expect(first.events.map((e) => e.occurredAt.getTime())).toEqual(
      [...first.events.map((e) => e.occurredAt.getTime())].sort((a, b) => b - a),
    );
  });

  it('filters by action, outcome, actor (UPN in any case, or object id) and time range', async () => {
    const all = { kind: 'all' } as const;
    const refused = await listAuditEvents(database.db, all, { outcome: 'refused' }, null, 500);
    expect(refused.events).toHaveLength(40);
    const byUpn = await listAuditEvents(
      database.db,
      all,
      { actor: 'USER1@example.COM' },
      null,
      500,
    );
    expect(byUpn.events).toHaveLength(30);
    expect(byUpn.events.every((e) => e.actorUpn === 'user1@example.com')).toBe(true);
    const byOid = await listAuditEvents(
      database.db,
      all,
      { actor: 'oid-2', action: 'sign-in.succeeded' },
      null,
      500,
    );
    expect(
      byOid.events.every((e) => e.actorOid === 'oid-2' && e.action === 'sign-in.succeeded'),
    ).toBe(true);
    const window = await listAuditEvents(
      database.db,
      all,
      { from: new Date(Date.UTC(2026, 10, 1) + 10), to: new Date(Date.UTC(2026, 10, 1) + 19) },
      null,
      500,
    );
    expect(window.events).toHaveLength(10);
  });

  it('finds one event only inside the reader scope', async () => {
    const [fabrikamEvent] = (
      await listAuditEvents(database.db, { kind: 'tenant', tenantId: fabrikam }, {}, null, 1)
    ).events;
    expect(fabrikamEvent).toBeDefined();
    expect(
      await getAuditEvent(database.db, { kind: 'tenant', tenantId: fabrikam }, fabrikamEvent!.id),
    ).toMatchObject({ id: fabrikamEvent!.id });
    expect(
      await getAuditEvent(database.db, { kind: 'tenant', tenantId: contoso }, fabrikamEvent!.id),
    ).toBeNull();
    expect(await getAuditEvent(database.db, { kind: 'all' }, 'not-a-number')).toBeNull();
  });

  it('exports the filtered list as CSV with a header and one line per event', async () => {
    let counted = -1;
    const bytes = Buffer.from(
      await new Response(
        auditEventsCsv(
          database.db,
          { kind: 'tenant', tenantId: fabrikam },
          { outcome: 'refused' },
          (n) => (counted = n),
        ),
      ).arrayBuffer(),
    );
    // A byte-order mark first, so Excel reads accented names as UTF-8 (as the users export).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    // The heading row is an interface (scripts find columns by it): held whole.
    expect(lines[0]).toBe(
      '"Time (UTC)","Action","Outcome","Reason","Partner tenant","Actor UPN","Actor object id","Actor tenant","Correlation id","Client address","User agent","Details","Event id"',
    );
    expect(lines).toHaveLength(1 + 20);
    expect(counted).toBe(20);
    expect(
      lines
        .slice(1)
        .every(
          (l) => l.includes(',"sign-in.refused","refused","no-role",') && l.includes(fabrikam),
        ),
    ).toBe(true);
  });

  it('records how an export ended: complete, or cancelled midway with the rows sent', async () => {
    const endings: [number, string][] = [];
    const all = auditEventsCsv(database.db, { kind: 'all' }, {}, (rows, ending) =>
      endings.push([rows, ending]),
    );
    const lines = (await new Response(all).text()).trimEnd().split('\r\n');
    expect(endings).toEqual([[lines.length - 1, 'complete']]);
    // Closing the connection before the end still leaves its trace.
    endings.length = 0;
    const stopped = auditEventsCsv(database.db, { kind: 'all' }, {}, (rows, ending) =>
      endings.push([rows, ending]),
    ).getReader();
    await stopped.read();
    await stopped.cancel('the browser closed the download');
    expect(endings).toEqual([[0, 'download_cancelled']]);
  });

  it('treats ids and cursors that are no public id as bad input, not as a database outage', async () => {
    for (const id of ['9999999999999999999', '1', 'not-a-uuid', "' or 1=1 --"])
      expect(await getAuditEvent(database.db, { kind: 'all' }, id)).toBeNull();
    const sequenceCursor = Buffer.from('2026-11-01T00:00:00.000Z|9223372036854775807').toString(
      'base64url',
    );
    expect(() => parseAuditQuery(new URLSearchParams({ cursor: sequenceCursor }))).toThrow(
      AuditQueryError,
    );
    const id = '3F1D2C4B-0000-4000-8000-000000000001';
    const cursor = Buffer.from(`2026-11-01T00:00:00.000Z|${id}`).toString('base64url');
    expect(parseAuditQuery(new URLSearchParams({ cursor })).cursor?.id).toBe(id.toLowerCase());
  });

  it("never shows the sequence: ids say nothing of other partners' events in between", async () => {
    const ids = (await listAuditEvents(database.db, { kind: 'all' }, {}, null, 20)).events.map(
      (e) => e.id,
    );
    expect(ids.length).toBeGreaterThan(2);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const event = await getAuditEvent(database.db, { kind: 'all' }, ids[0]!.toUpperCase());
    expect(event?.id).toBe(ids[0]);
  });

  it('purges events older than the retention and keeps the rest', async () => {
    const before = Number(
      (await sql<{ n: string }>`select count(*) as n from audit_events`.execute(database.db))
        .rows[0]?.n,
    );
    const deleted = await purgeAuditEvents(database.db, new Date(Date.UTC(2026, 10, 1) + 100), 16);
    expect(deleted).toBe(100);
    const after = Number(
      (await sql<{ n: string }>`select count(*) as n from audit_events`.execute(database.db))
        .rows[0]?.n,
    );
    expect(after).toBe(before - 100);
  });
});

describe('auditScopeFor', () => {
  const home = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  it('gives platform operators (home tenant Admin or Ops) every tenant', () => {
    expect(auditScopeFor({ tid: home.toUpperCase(), roles: ['ops'] }, home)).toEqual({
      kind: 'all',
    });
    expect(auditScopeFor({ tid: home, roles: ['admin'] }, home)).toEqual({ kind: 'all' });
  });
  it('gives partner Admins and Ops their own tenant only', () => {
    expect(auditScopeFor({ tid: fabrikam, roles: ['admin'] }, home)).toEqual({
      kind: 'tenant',
      tenantId: fabrikam,
    });
    expect(auditScopeFor({ tid: contoso, roles: ['ops', 'salesAgent'] }, home)).toEqual({
      kind: 'tenant',
      tenantId: contoso,
    });
  });
  it('gives SalesAgents and role-less users nothing, even in the home tenant', () => {
    expect(auditScopeFor({ tid: home, roles: ['salesAgent'] }, home)).toBeNull();
    expect(auditScopeFor({ tid: fabrikam, roles: [] }, home)).toBeNull();
  });
});

describe('nameableTenants', () => {
  const event = { partnerTenant: fabrikam, actorTenant: contoso.toUpperCase() };
  it('names every tenant of an event for a platform operator', () => {
    expect(nameableTenants(event, { kind: 'all' })).toEqual([fabrikam, contoso.toUpperCase()]);
  });
  it("names a partner's own tenant only, not another tenant's actor", () => {
    expect(nameableTenants(event, { kind: 'tenant', tenantId: fabrikam })).toEqual([fabrikam]);
    expect(nameableTenants({ partnerTenant: null, actorTenant: null }, { kind: 'all' })).toEqual(
      [],
    );
  });
});

describe('parseAuditQuery', () => {
  it('reads filters and treats blank fields as absent', () => {
    const { filter, cursor } = parseAuditQuery({
      action: 'consent.failed',
      outcome: '',
      actor: ' a@b.c ',
      from: '2026-11-30T14:05',
      to: '',
    });
    expect(filter).toEqual({
      action: 'consent.failed',
      actor: 'a@b.c',
      from: new Date('2026-11-30T14:05:00Z'),
    });
    expect(cursor).toBeNull();
  });
  it('refuses unknown actions, bad times, reversed ranges and forged cursors with a clear error', () => {
    expect(() => parseAuditQuery({ action: 'drop table' })).toThrow(AuditQueryError);
    expect(() => parseAuditQuery({ from: 'yesterday' })).toThrow(/from/);
    expect(() => parseAuditQuery({ from: '2026-11-30', to: '2026-11-01' })).toThrow(/after/);
    expect(() =>
      parseAuditQuery({
        cursor: Buffer.from('2026-11-30T00:00:00.000Z|1 or 1=1').toString('base64url'),
      }),
    ).toThrow(/cursor/);
  });
});

// PostgreSQL refuses a NUL in text and jsonb (SQLSTATE 22P05): the whole event was lost, and
// the database reported degraded. An export of a customer id holding %00 wrote one.
describe('an event whose text holds a NUL character', () => {
  it('is stored, with U+FFFD in its place', async () => {
    await sql`truncate audit_events`.execute(database.db);
    await insertEvents(database.db, [
      {
        action: 'customers.users-exported',
        outcome: 'refused',
        partnerTenant: contoso,
        actor: { upn: 'mia\u0000@contoso.test', oid: 'oid\u0000', tid: contoso },
        reasonCode: 'cross_site',
        correlationId: 'corr\u0000',
        details: { customerId: 'abc\u0000def', rows: 0, started: false },
      },
    ]);
    const { rows } = await sql<{
      actor_upn: string;
      actor_oid: string;
      correlation_id: string;
      details: Record<string, unknown>;
    }>`select actor_upn, actor_oid, correlation_id, details from audit_events`.execute(database.db);
    expect(rows).toEqual([
      {
        actor_upn: 'mia\uFFFD@contoso.test',
        actor_oid: 'oid\uFFFD',
        correlation_id: 'corr\uFFFD',
        details: { customerId: 'abc\uFFFDdef', rows: 0, started: false },
      },
    ]);
  });
});
