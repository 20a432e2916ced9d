import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type PortalDatabase } from './open';
import { openPGliteThread } from './pglite-thread';

const openedThreads = vi.hoisted(() => ({ count: 0 }));
vi.mock('./pglite-thread', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./pglite-thread')>();
  return {
    ...actual,
    openPGliteThread: (...args: Parameters<typeof actual.openPGliteThread>) => {
      openedThreads.count += 1;
      return actual.openPGliteThread(...args);
    },
  };
});

describe('the embedded database on its own thread, through Kysely', () => {
  let database: PortalDatabase;
  beforeAll(async () => {
    database = await openDatabase({ embeddedDir: 'memory://' });
    await sql`create table things (id int primary key, note text, at timestamptz, doc jsonb, raw bytea, big bigint)`.execute(
      database.db,
    );
  });
  afterAll(() => database.close());

  it("answers with PostgreSQL's types, as PGlite in the same thread would", async () => {
    const at = new Date('2026-11-30T10:00:00.123Z');
    const inserted =
      await sql`insert into things values (1, 'first', ${at}, ${JSON.stringify({ a: [1, 2] })}, ${new Uint8Array([1, 2, 3])}, 9007199254740993)`.execute(
        database.db,
      );
    expect(inserted.numAffectedRows).toBe(1n);
    const { rows } = await sql<{
      at: Date;
      doc: unknown;
      raw: Uint8Array;
      big: unknown;
    }>`select at, doc, raw, big from things where id = 1`.execute(database.db);
    expect(rows[0]?.at).toEqual(at);
    expect(rows[0]?.doc).toEqual({ a: [1, 2] });
    expect([...(rows[0]?.raw ?? [])]).toEqual([1, 2, 3]);
    expect(String(rows[0]?.big)).toBe('9007199254740993');
  });

  it("rejects a failing statement with PostgreSQL's fields and none of its parameters", async () => {
    const failure =
      await sql`insert into things (id, note) values (${1}, ${'a-value-kept-out-of-errors'})`
        .execute(database.db)
        .then(
          () => undefined,
          (error: unknown) => error,
        );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ code: '23505', constraint: 'things_pkey', table: 'things' });
    expect((failure as Error).message).toContain('duplicate key value violates unique constraint');
    expect(JSON.stringify({ ...(failure as object) })).not.toContain('a-value-kept-out-of-errors');
    expect(failure).not.toHaveProperty('params');
    expect(failure).not.toHaveProperty('query');
  });

  it('keeps a transaction whole while other statements wait, and undoes it on failure', async () => {
    const outside: string[] = [];
    const transaction = database.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into things (id, note) values (2, 'in a transaction')`.execute(trx);
        // A statement from outside the transaction, issued while it is open, waits for its end.
        void sql<{ n: number }>`select count(*)::int as n from things`
          .execute(database.db)
          .then((r) => outside.push(`outside saw ${r.rows[0]?.n}`));
        await new Promise((resolve) => setTimeout(resolve, 50));
        outside.push('transaction still open');
        throw new Error('undo');
      })
      .catch((error: Error) => error.message);
    expect(await transaction).toBe('undo');
    await vi.waitFor(() => expect(outside).toHaveLength(2));
    expect(outside).toEqual(['transaction still open', 'outside saw 1']);
  });

  it('answers statements in the order they were sent', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sql<{ i: number }>`select ${i}::int as i`.execute(database.db).then((r) => r.rows[0]?.i),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('the thread itself', () => {
  it('says clearly when it could not open the folder, and ends', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'portal-pglite-bad-'));
    try {
      writeFileSync(path.join(folder, 'PG_VERSION'), '9\n');
      await expect(openPGliteThread(folder, [])).rejects.toThrow(/PGlite failed to initialize/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses statements once closed', async () => {
    const embedded = await openPGliteThread('memory://', []);
    await embedded.close();
    await expect(embedded.query('select 1', [])).rejects.toThrow(
      'The embedded database is closed.',
    );
    await embedded.close();
  });

  it('holds the process while a statement is in flight, and never when idle', () => {
    // A script that opens the database, sends one slow statement and never closes it: it must
    // print the answer (held while in flight) and then exit by itself (not held when idle).
    const child = spawnSync(
      process.execPath,
      [
        '--conditions=react-server',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { openPGliteThread } from './lib/db/pglite-thread.ts';
         const embedded = await openPGliteThread('memory://', []);
         embedded.query('select pg_sleep(0.3), 42 as answer', []).then((r) => console.log('answer', r.rows[0].answer));`,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.signal).toBeNull();
    expect(child.stdout.trim()).toBe('answer 42');
    expect(child.status).toBe(0);
  });
});

describe('opening at server start', () => {
  it('hands the opening started at server start to the first user of the same folder', async () => {
    const { startOpeningEmbeddedDatabase, openEmbeddedDatabase } = await import('./embedded');
    const folder = mkdtempSync(path.join(tmpdir(), 'portal-pglite-early-'));
    try {
      const before = openedThreads.count;
      startOpeningEmbeddedDatabase(folder);
      startOpeningEmbeddedDatabase(folder);
      const first = await openEmbeddedDatabase(path.join(folder, '.'));
      expect(openedThreads.count - before).toBe(1);
      expect((await first.query<{ n: number }>('select 1 as n', [])).rows).toEqual([{ n: 1 }]);
      await first.close();
      // Taken once: a later open of the folder is an open of its own.
      const second = await openEmbeddedDatabase(folder);
      expect(openedThreads.count - before).toBe(2);
      await second.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('leaves a failed early opening to its taker, and the next open tries again', async () => {
    const { startOpeningEmbeddedDatabase, openEmbeddedDatabase } = await import('./embedded');
    const parent = mkdtempSync(path.join(tmpdir(), 'portal-pglite-early-'));
    const notAFolder = path.join(parent, 'file');
    try {
      writeFileSync(notAFolder, 'a file where the database folder should be');
      startOpeningEmbeddedDatabase(notAFolder);
      await expect(openEmbeddedDatabase(notAFolder)).rejects.toThrow(/EEXIST|ENOTDIR/);
      rmSync(notAFolder);
      const embedded = await openEmbeddedDatabase(notAFolder);
      expect((await embedded.query<{ n: number }>('select 2 as n', [])).rows).toEqual([{ n: 2 }]);
      await embedded.close();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
