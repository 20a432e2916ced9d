import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { claimPending, countDuePending, unreadableRowWaitMs, type OwedLeases } from './pending';

let database: PortalDatabase;
beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database?.close());

const now = Date.UTC(2026, 11, 3, 8);
/** One lease end for every row, whoever's. */
const everyone = (until: number): OwedLeases => ({ byOwner: new Map(), otherwise: until });
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
    const { claimed, left } = await claimPending(database.db, now, everyone(now + 60_000));
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
    const next = await claimPending(database.db, now + 1, everyone(now + 120_000));
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
    const { claimed, left, dropped } = await claimPending(database.db, now, everyone(now + 60_000));
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

describe("owed deliveries, each leased for its target's owner", () => {
  const partnerA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  const partnerB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
  const minute = 60_000;
  const owedTo = (targetId: string, over: { condition?: string; claimedUntil?: number } = {}) => ({
    condition: over.condition ?? 'dependency-down',
    subject: 'keyVault',
    target_id: targetId,
    message: JSON.stringify(message(over.condition ?? 'dependency-down')),
    attempts: 3,
    last_error: 'http_503',
    first_failed_at: new Date(now - minute),
    claimed_until: over.claimedUntil === undefined ? null : new Date(over.claimedUntil),
  });
  const targetOf = (id: string, partnerTenant: string | null, enabled = true) => ({
    id,
    partner_tenant: partnerTenant,
    kind: 'webhook',
    label: id,
    hint: 'hooks.example',
    sealed: 'sealed',
    enabled,
  });

  // Partner A's many slow receivers made every owed row's lease as long as A's queue: after a
  // stop, B's one message waited that long for another instance to try it again.
  it('counts the due rows by their target’s owner and leases each row until its owner’s lease ends', async () => {
    await database.db.deleteFrom('alert_pending_deliveries').execute();
    await database.db.deleteFrom('alert_targets').execute();
    await database.db
      .insertInto('alert_targets')
      .values([
        targetOf('a-1', partnerA),
        // Stored before tenant ids were lower-cased: still A's.
        targetOf('a-2', partnerA.toUpperCase()),
        targetOf('a-3', partnerA),
        targetOf('b-1', partnerB),
        targetOf('b-off', partnerB, false),
        targetOf('ops', null),
      ])
      .execute();
    await database.db
      .insertInto('alert_pending_deliveries')
      .values([
        owedTo('a-1'),
        owedTo('a-2', { claimedUntil: now - 1 }),
        // Another instance sends it, or it waits for its retry: not due.
        owedTo('a-3', { claimedUntil: now + minute }),
        owedTo('b-1'),
        // A newer release's: left to it, its lease handed back.
        owedTo('b-1', { condition: 'future-condition' }),
        owedTo('b-off'),
        owedTo('ops'),
        owedTo('removed-target'),
      ])
      .execute();

    expect(await countDuePending(database.db, now)).toEqual({
      total: 7,
      byOwner: new Map([
        [partnerA, 2],
        [partnerB, 3],
        [null, 1],
      ]),
      withoutTarget: 1,
    });

    const leases: OwedLeases = {
      byOwner: new Map([
        [partnerA, now + 40 * minute],
        [partnerB, now + 10 * minute],
        [null, now + 12 * minute],
      ]),
      otherwise: now + 50 * minute,
    };
    const { claimed, left } = await claimPending(database.db, now, leases);
    expect(claimed.map((d) => d.targetId).sort()).toEqual([
      'a-1',
      'a-2',
      'b-1',
      'b-off',
      'ops',
      'removed-target',
    ]);
    expect(left).toEqual([{ condition: 'future-condition', subject: 'keyVault' }]);
    const rows = await database.db
      .selectFrom('alert_pending_deliveries')
      .select(['target_id', 'condition', 'claimed_until'])
      .orderBy('target_id')
      .orderBy('condition')
      .execute();
    const until = (t: number) => new Date(t);
    expect(rows).toEqual([
      { target_id: 'a-1', condition: 'dependency-down', claimed_until: until(now + 40 * minute) },
      { target_id: 'a-2', condition: 'dependency-down', claimed_until: until(now + 40 * minute) },
      { target_id: 'a-3', condition: 'dependency-down', claimed_until: until(now + minute) },
      { target_id: 'b-1', condition: 'dependency-down', claimed_until: until(now + 10 * minute) },
      // Handed back: the check is against the lease end this row got, B's.
      { target_id: 'b-1', condition: 'future-condition', claimed_until: null },
      { target_id: 'b-off', condition: 'dependency-down', claimed_until: until(now + 10 * minute) },
      { target_id: 'ops', condition: 'dependency-down', claimed_until: until(now + 12 * minute) },
      // Its target is gone: no owner, so the longest (the run drops it).
      {
        target_id: 'removed-target',
        condition: 'dependency-down',
        claimed_until: until(now + 50 * minute),
      },
    ]);
    await database.db.deleteFrom('alert_targets').execute();
  });

  it('gives a row of an owner the leases do not name the longest', async () => {
    await database.db.deleteFrom('alert_pending_deliveries').execute();
    await database.db.deleteFrom('alert_targets').execute();
    await database.db.insertInto('alert_targets').values(targetOf('b-1', partnerB)).execute();
    await database.db.insertInto('alert_pending_deliveries').values(owedTo('b-1')).execute();
    await claimPending(database.db, now, {
      byOwner: new Map([[partnerA, now + minute]]),
      otherwise: now + 30 * minute,
    });
    const row = await database.db
      .selectFrom('alert_pending_deliveries')
      .select('claimed_until')
      .executeTakeFirstOrThrow();
    expect(row.claimed_until).toEqual(new Date(now + 30 * minute));
    await database.db.deleteFrom('alert_targets').execute();
  });
});
