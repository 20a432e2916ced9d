import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { claimPending } from './pending';

let database: PortalDatabase;
beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database?.close());

const now = Date.UTC(2026, 11, 3, 8);
const message = (condition: string) => ({
  id: `${condition}:keyVault:${now}`,
  event: 'opened',
  condition,
  severity: 'warning',
  tenantId: null,
  title: 'Key Vault is throttling the portal',
  whatHappened: 'It answered 429.',
  whatToDo: 'Look at its limits.',
  link: 'https://portal.example.test/health',
  occurredAt: new Date(now).toISOString(),
});

describe('claimPending during a rolling upgrade', () => {
  it("leaves a newer version's condition for an instance that knows it, and drops what no version could send", async () => {
    const row = (condition: string, body: unknown) => ({
      condition,
      subject: 'keyVault',
      target_id: `target-${condition}`,
      message: JSON.stringify(body),
      attempts: 1,
      last_error: 'http_503',
      first_failed_at: new Date(now - 60_000),
    });
    await database.db
      .insertInto('alert_pending_deliveries')
      .values([
        row('a-later-condition', message('a-later-condition')),
        row('broken', { id: 'x' }),
        row('dependency-down', message('dependency-down')),
      ])
      .execute();
    const claimed = await claimPending(database.db, now, now + 60_000);
    expect(claimed.map((d) => d.condition)).toEqual(['dependency-down']);
    const left = await database.db
      .selectFrom('alert_pending_deliveries')
      .select('condition')
      .orderBy('condition')
      .execute();
    expect(left.map((r) => r.condition)).toEqual(['a-later-condition', 'dependency-down']);
  });
});
