import { Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from '@/lib/db';
import { migrationProvider } from './index';

it('0012 keeps the back-off rows already owed had earned: rounds of the default 3 attempts', async () => {
  const database = await openDatabase({ embeddedDir: 'memory://' });
  try {
    const migrator = new Migrator({ db: database.db, provider: migrationProvider });
    await migrator.migrateTo('0011_audit_public_ids');
    await sql`insert into alert_pending_deliveries
      (condition, subject, target_id, message, attempts, last_error, first_failed_at)
      values ('c', 's', 'failed-7', '{}'::jsonb, 7, 'http_500', now()),
             ('c', 's', 'not-yet-sent', '{}'::jsonb, 0, null, now())`.execute(database.db);
    await migrator.migrateToLatest();
    const { rows } = await sql<{ target_id: string; failed_rounds: number }>`
      select target_id, failed_rounds from alert_pending_deliveries order by target_id`.execute(
      database.db,
    );
    expect(rows).toEqual([
      { target_id: 'failed-7', failed_rounds: 3 },
      { target_id: 'not-yet-sent', failed_rounds: 0 },
    ]);
  } finally {
    await database.close();
  }
});
