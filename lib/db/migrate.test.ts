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
