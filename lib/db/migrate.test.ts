import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '@/test/support/ports';
import { migrateToLatest, MigrationError, openDatabase } from './index';

describe('migrateToLatest when the server cannot be used', () => {
  it("passes the driver's error on, code and all, instead of calling it a failed migration", async () => {
    const port = await freeLoopbackPort();
    const database = await openDatabase({
      url: `postgresql://portal@127.0.0.1:${port}/postgres`,
      embeddedDir: 'unused',
    });
    try {
      const failure = await migrateToLatest(database.db).catch((error: unknown) => error);
      // The health probe names the cause from this code (lib/audit/health.ts): a refused
      // login, a missing database, an unreachable server. No migration ran, so none failed.
      expect(failure).not.toBeInstanceOf(MigrationError);
      expect(failure).toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await database.close();
    }
  });
});

describe('migrateToLatest in a rolling upgrade', () => {
  it('runs on a database a newer release migrated further, and refuses one missing its own', async () => {
    const database = await openDatabase({ embeddedDir: 'memory://' });
    try {
      await migrateToLatest(database.db);
      const newer = { name: '9999_from_a_newer_release', timestamp: new Date().toISOString() };
      await sql`insert into schema_migrations (name, timestamp) values (${newer.name}, ${newer.timestamp})`.execute(
        database.db,
      );
      // The older release, restarting mid-rollout: nothing to apply, and no refusal.
      expect(await migrateToLatest(database.db)).toEqual([]);
      // One of this release's own is missing: not a newer release's database; Kysely refuses.
      await sql`delete from schema_migrations where name = ${'0001_audit_events'}`.execute(
        database.db,
      );
      await expect(migrateToLatest(database.db)).rejects.toThrow();
    } finally {
      await database.close();
    }
  });
});
