import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { claimPending, unreadableRowWaitMs } from './pending';

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
  const row = (condition: string, target: string, body: unknown) => ({
    condition,
    subject: 'keyVault',
    target_id: `target-${target}`,
    message: JSON.stringify(body),
    attempts: 1,
    last_error: 'http_503',
    first_failed_at: new Date(now - 60_000),
  });

  // Every release so far wrote its messages in one shape: one this release cannot read is a
  // newer release's, which sends it. It was dropped ("no version could send it"), and a jsonb
  // value that is no object made JSON.parse throw, failing the whole evaluation.
  it('leaves what it cannot read to the newer release that wrote it, due at once, and claims the rest', async () => {
    await database.db.deleteFrom('alert_pending_deliveries').execute();
    await database.db
      .insertInto('alert_pending_deliveries')
      .values([
        row('future-condition', 'condition', message('future-condition')),
        row('dependency-down', 'event', { ...message('dependency-down'), event: 'escalated' }),
        row('dependency-down', 'fields', { id: 'x', version: 2 }),
        // A field a newer release added: read without it, it was sent in the older shape and
        // never settled (settled by the message read, not the one stored), so sent again.
        row('dependency-down', 'added', { ...message('dependency-down'), escalation: 2 }),
        // A jsonb string, not an object: returned as a string that is no JSON.
        row('dependency-down', 'string', 'a message in a later shape'),
        row('dependency-down', 'ok', message('dependency-down')),
      ])
      .execute();
    const { claimed, left } = await claimPending(database.db, now, now + 60_000);
    expect(claimed.map((d) => d.targetId)).toEqual(['target-ok']);
    expect(left.map((d) => d.condition).sort()).toEqual([
      'dependency-down',
      'dependency-down',
      'dependency-down',
      'dependency-down',
      'future-condition',
    ]);
    const rows = await database.db
      .selectFrom('alert_pending_deliveries')
      .select(['target_id', 'claimed_until', 'attempts'])
      .orderBy('target_id')
      .execute();
    // Nothing dropped; the unread rows are not held for this claim's lease, the read one is.
    expect(rows).toEqual([
      { target_id: 'target-added', claimed_until: null, attempts: 1 },
      { target_id: 'target-condition', claimed_until: null, attempts: 1 },
      { target_id: 'target-event', claimed_until: null, attempts: 1 },
      { target_id: 'target-fields', claimed_until: null, attempts: 1 },
      { target_id: 'target-ok', claimed_until: new Date(now + 60_000), attempts: 1 },
      { target_id: 'target-string', claimed_until: null, attempts: 1 },
    ]);
    // Another instance (the newer release's) may take them at once.
    const next = await claimPending(database.db, now + 1, now + 120_000);
    expect(next.left).toHaveLength(5);
    expect(next.claimed).toEqual([]);
  });

  // Kept for ever, such a row made every evaluation of this release count it as due and unseal
  // every target for it (after a rollback, or for a row no release could read).
  it('drops a known condition it still cannot read a day after it was owed; an unknown one waits', async () => {
    await database.db.deleteFrom('alert_pending_deliveries').execute();
    const old = (condition: string, target: string, body: unknown) => ({
      ...row(condition, target, body),
      first_failed_at: new Date(now - unreadableRowWaitMs - 60_000),
    });
    await database.db
      .insertInto('alert_pending_deliveries')
      .values([
        old('dependency-down', 'stale', 'a message in a later shape'),
        old('future-condition', 'future', message('future-condition')),
        row('dependency-down', 'recent', 'a message in a later shape'),
      ])
      .execute();
    const { claimed, left, dropped } = await claimPending(database.db, now, now + 60_000);
    expect(claimed).toEqual([]);
    expect(dropped).toEqual([{ condition: 'dependency-down', subject: 'keyVault' }]);
    expect(left.map((d) => d.condition).sort()).toEqual(['dependency-down', 'future-condition']);
    const targets = await database.db
      .selectFrom('alert_pending_deliveries')
      .select('target_id')
      .orderBy('target_id')
      .execute();
    expect(targets.map((t) => t.target_id)).toEqual(['target-future', 'target-recent']);
  });
});
