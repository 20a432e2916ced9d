import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest, type PortalDatabase } from '@/lib/db';
import type { NewAuditEventRow } from '@/lib/db/schema';
import { toAuditRow } from './rows';
import { createAuditWriter } from './writer';

let database: PortalDatabase;
beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(async () => {
  await database.close();
});

const none = { clientAddress: null, userAgent: null, correlationId: null };
const row = (i: number): NewAuditEventRow =>
  toAuditRow(
    { action: 'keep-alive.run', outcome: 'success', reasonCode: `run-${i}` },
    none,
    new Date(Date.UTC(2026, 10, 1) + i),
  )!;
const count = async () =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from audit_events`.execute(database.db)).rows[0]
      ?.n,
  );

/** A database that can be switched off: inserts fail as a lost connection would. */
function switchableInsert() {
  const state = { up: true, attempts: 0 };
  return {
    state,
    insert: async (rows: NewAuditEventRow[]) => {
      state.attempts += 1;
      if (!state.up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      await database.db.insertInto('audit_events').values(rows).execute();
    },
  };
}

describe('audit writer', () => {
  it('keeps events while the database is down and writes every one, in order, when it is back', async () => {
    await sql`truncate audit_events`.execute(database.db);
    const db = switchableInsert();
    const logs: string[] = [];
    const writer = createAuditWriter({
      insert: db.insert,
      batchSize: 4,
      retryDelayMs: { first: 60_000, max: 60_000 },
      log: (l) => logs.push(l),
    });
    db.state.up = false;
    for (let i = 0; i < 10; i += 1) expect(() => writer.enqueue(row(i))).not.toThrow();
    await writer.flush();
    expect(writer.status()).toMatchObject({ buffered: 10, dropped: 0 });
    expect(writer.status().failingSince).toBeInstanceOf(Date);
    expect(await count()).toBe(0);
    // One log line for the outage, not one per event, and no event content in it.
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/database unavailable/);
    expect(logs[0]).not.toMatch(/run-/);

    db.state.up = true;
    await writer.retryNow();
    expect(writer.status()).toMatchObject({ buffered: 0, dropped: 0, failingSince: null });
    const { rows } = await sql<{
      reason_code: string;
    }>`select reason_code from audit_events order by id`.execute(database.db);
    expect(rows.map((r) => r.reason_code)).toEqual(
      Array.from({ length: 10 }, (_, i) => `run-${i}`),
    );
  });

  it('bounds the buffer: beyond it the oldest events are dropped and counted', async () => {
    await sql`truncate audit_events`.execute(database.db);
    const db = switchableInsert();
    const writer = createAuditWriter({
      insert: db.insert,
      maxBuffered: 5,
      retryDelayMs: { first: 60_000, max: 60_000 },
      log: () => undefined,
    });
    db.state.up = false;
    writer.enqueue(row(0));
    await writer.flush();
    for (let i = 1; i < 8; i += 1) writer.enqueue(row(i));
    expect(writer.status()).toMatchObject({ buffered: 5, dropped: 3 });
    db.state.up = true;
    await writer.retryNow();
    const { rows } = await sql<{
      reason_code: string;
    }>`select reason_code from audit_events order by id`.execute(database.db);
    expect(rows.map((r) => r.reason_code)).toEqual(['run-3', 'run-4', 'run-5', 'run-6', 'run-7']);
  });

  it('a buffer filling up while a batch is written loses the oldest waiting events, as many as it counts', async () => {
    await sql`truncate audit_events`.execute(database.db);
    const db = switchableInsert();
    // The database comes back slowly: the first batch is still being written when 3 more
    // events arrive at a full buffer.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const writer = createAuditWriter({
      insert: async (rows) => {
        if (db.state.up && first) {
          first = false;
          await released;
        }
        await db.insert(rows);
      },
      maxBuffered: 10,
      batchSize: 4,
      retryDelayMs: { first: 60_000, max: 60_000 },
      log: () => undefined,
    });
    db.state.up = false;
    for (let i = 0; i < 10; i += 1) writer.enqueue(row(i));
    await writer.flush();
    db.state.up = true;
    const writing = writer.retryNow();
    for (let i = 10; i < 13; i += 1) writer.enqueue(row(i));
    expect(writer.status()).toMatchObject({ buffered: 10, dropped: 3 });
    release();
    await writing;
    await writer.flush();
    const { rows } = await sql<{
      reason_code: string;
    }>`select reason_code from audit_events order by id`.execute(database.db);
    // Events 0-3 were on their way and arrived; 4-6 made room; every other one is written once.
    expect(rows.map((r) => r.reason_code)).toEqual(
      [0, 1, 2, 3, 7, 8, 9, 10, 11, 12].map((i) => `run-${i}`),
    );
    expect(writer.status()).toMatchObject({ buffered: 0, dropped: 3 });
  });

  it('drops an event the database refuses for its content, and writes the others', async () => {
    await sql`truncate audit_events`.execute(database.db);
    const db = switchableInsert();
    const lines: string[] = [];
    const writer = createAuditWriter({ insert: db.insert, log: (line) => lines.push(line) });
    // PostgreSQL text cannot hold NUL: the insert fails with SQLSTATE class 22, every time.
    const poisoned = { ...row(1), user_agent: 'agent\u0000' };
    writer.enqueue(row(0));
    writer.enqueue(poisoned);
    writer.enqueue(row(2));
    await writer.flush();
    writer.enqueue(row(3));
    await writer.flush();
    const { rows } = await sql<{
      reason_code: string;
    }>`select reason_code from audit_events order by id`.execute(database.db);
    expect(rows.map((r) => r.reason_code)).toEqual(['run-0', 'run-2', 'run-3']);
    expect(writer.status()).toMatchObject({ buffered: 0, refused: 1, failingSince: null });
    expect(lines).toEqual([
      expect.stringMatching(/refused an event for its content \(SQLSTATE 22/),
    ]);
    expect(lines.join('')).not.toContain('agent');
  });

  it('does not hammer a down database: while the retry waits, new events only queue', async () => {
    const db = switchableInsert();
    const writer = createAuditWriter({
      insert: db.insert,
      retryDelayMs: { first: 60_000, max: 60_000 },
      log: () => undefined,
    });
    db.state.up = false;
    writer.enqueue(row(0));
    await writer.flush();
    const attempts = db.state.attempts;
    for (let i = 1; i < 50; i += 1) writer.enqueue(row(i));
    await writer.flush();
    expect(db.state.attempts).toBe(attempts + 1);
    expect(writer.status().buffered).toBe(50);
  });

  it('refuses a malformed event or one carrying a credential instead of storing it', () => {
    expect(
      toAuditRow(
        {
          action: 'sign-in.succeeded',
          outcome: 'success',
          details: { note: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig' },
        },
        none,
        new Date(),
      ),
    ).toBeNull();
    expect(
      toAuditRow(
        { action: 'no.such-action' as 'sign-in.succeeded', outcome: 'success' },
        none,
        new Date(),
      ),
    ).toBeNull();
    expect(
      toAuditRow(
        { action: 'sign-in.refused', outcome: 'refused', reasonCode: 'no role; drop table' },
        none,
        new Date(),
      ),
    ).toBeNull();
    expect(
      toAuditRow(
        {
          action: 'sign-in.refused',
          outcome: 'refused',
          reasonCode: 'tenant-not-admitted',
          actor: { upn: 'A@B.com' },
        },
        none,
        new Date(),
      ),
    ).toMatchObject({ reason_code: 'tenant-not-admitted', actor_upn: 'a@b.com' });
  });
});
