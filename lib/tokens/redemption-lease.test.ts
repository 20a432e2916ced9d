import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import type { Database } from '@/lib/db/schema';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { releaseLease, tryTakeLease } from '@/lib/db/leases';
import { entraFailure, gate } from './fakes.test-support';
import { createRedemptionLease } from './redemption-lease';
import {
  consentDuringAnotherInstancesWriteBack,
  tokenServicesSharing,
} from './lease-scenarios.test-support';
import { sealedTokenKey } from './sealed-token';
import type { TokenService } from './service';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const secret = 'a-session-secret-of-at-least-32-characters';

let database: PortalDatabase;
beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database?.close());

/** Two portal instances: one vault and one Entra (the cloud), each its own token service and lease. */
function twoInstances(db: () => Promise<PortalDatabase['db']>, reports: boolean[] = []) {
  const { clock, vault, entra, services } = tokenServicesSharing(contoso, [db, db], {
    key: sealedTokenKey(secret),
    changeCheckMs: 0,
    onAvailability: (a) => reports.push(a),
  });
  const [a, b] = services as [TokenService, TokenService];
  return { clock, vault, entra, a, b };
}

describe('one redemption per token life across instances', () => {
  it('200 concurrent callers spread over two instances cost one redemption; the token is stored only sealed', async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    const { entra, a, b } = twoInstances(async () => database.db);
    const held = gate();
    entra.behaviour = async (_rt, target) => {
      await held.promise;
      return entra.issue(target.tenantId);
    };
    const calls = Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).getAccessToken(contoso));
    held.open();
    const tokens = await Promise.all(calls);
    expect(entra.calls).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set([`at-${contoso}-1`]));
    const rows = await database.db.selectFrom('shared_access_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed).not.toContain('at-');
    expect(
      await database.db
        .selectFrom('leases')
        .selectAll()
        .where('name', 'like', 'redeem:%')
        .execute(),
    ).toEqual([]);
  });

  it('the keep-alive still redeems and writes back under the lease', async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    const { entra, vault, clock, a, b } = twoInstances(async () => database.db);
    await a.getAccessToken(contoso);
    clock.advance(8 * 86_400_000);
    const outcomes = await b.runKeepAlive();
    expect(outcomes).toEqual([
      expect.objectContaining({ tenantId: contoso, outcome: 'refreshed' }),
    ]);
    expect(entra.calls).toHaveLength(2);
    expect(vault.writes).toBe(1);
  });

  it('without the database each instance redeems for itself, and says so', async () => {
    const reports: boolean[] = [];
    const { entra, a, b } = twoInstances(() => Promise.reject(new Error('refused')), reports);
    await Promise.all([a.getAccessToken(contoso), b.getAccessToken(contoso)]);
    expect(entra.calls).toHaveLength(2);
    // Each instance said so (asking whether the tenant changed elsewhere, then redeeming).
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports.every((available) => !available)).toBe(true);
  });
});

describe('a consent or disconnect on one instance', () => {
  it("reaches the others at their next use: the old connection's tokens are dropped and never shared", async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    const { vault, entra, a, b } = twoInstances(async () => database.db);
    expect(await a.getAccessToken(contoso)).toBe(`at-${contoso}-1`);
    expect(await b.getAccessToken(contoso)).toBe(`at-${contoso}-1`); // shared by A
    expect(entra.calls).toHaveLength(1);

    // The admin disconnects on A: Key Vault's secret goes, A drops its tokens.
    vault.versions.delete(contoso);
    a.invalidate(contoso);
    await until(
      async () =>
        (await database.db.selectFrom('shared_access_tokens').selectAll().execute()).length === 0,
    );

    // B had the token cached; at its next use it learns of the change and asks again.
    await expect(b.getAccessToken(contoso)).rejects.toThrow();
    await expect(a.getAccessToken(contoso)).rejects.toThrow();
    expect(entra.calls).toHaveLength(1); // nothing to redeem: no refresh token any more
  });

  it('a re-consent on one instance ends the verdict another replays from memory, at its next use', async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    // The test before recorded a change of the tenant: this one waits for its own.
    await sql`delete from tenant_connection_changes`.execute(database.db);
    const { vault, entra, a, b } = twoInstances(async () => database.db);
    entra.behaviour = () => {
      throw entraFailure(700082, 'invalid_grant');
    };
    await expect(b.getAccessToken(contoso)).rejects.toMatchObject({ code: 'needs_reconsent' });
    // B replays the verdict without the vault, for as long as nothing changes.
    const reads = vault.reads;
    await expect(b.getAccessToken(contoso)).rejects.toMatchObject({ code: 'needs_reconsent' });
    expect(vault.reads).toBe(reads);

    // The admin re-consents on A.
    entra.behaviour = (_rt, target) => entra.issue(target.tenantId);
    await a.changeConnection(contoso, async () => vault.consent(contoso, 'rt-new-consent'));
    a.invalidate(contoso);
    await until(connectionChangeRecorded);
    // B learns of it at its next use, well within the verdict's minute, and redeems the new grant.
    expect(await b.getAccessToken(contoso)).toMatch(/^at-/);
    expect(entra.calls.at(-1)?.refreshToken).toBe('rt-new-consent');
  });

  it('a recheck Entra accepts ends the verdict another instance replays, without a new consent', async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    await sql`delete from tenant_connection_changes`.execute(database.db);
    const { vault, entra, a, b } = twoInstances(async () => database.db);
    let blocked = true;
    entra.behaviour = (_rt, target) => {
      if (blocked) throw entraFailure(53003, 'access_denied');
      return entra.issue(target.tenantId);
    };
    await expect(b.getAccessToken(contoso)).rejects.toMatchObject({ code: 'needs_reconsent' });
    // The partner lifts the block policy in Entra, then an Admin checks again on A.
    blocked = false;
    await a.recheckConnection(contoso);
    await until(connectionChangeRecorded);
    const calls = entra.calls.length;
    // B, which remembered the verdict for the same version, redeems the same grant at its next
    // use (the change dropped the token A shared), once.
    expect(await b.getAccessToken(contoso)).toMatch(/^at-/);
    expect(await b.getAccessToken(contoso)).toMatch(/^at-/);
    expect(entra.calls.length).toBe(calls + 1);
    expect(entra.calls.at(-1)?.refreshToken).toBe(vault.versions.get(contoso)![0]!.value);
  });

  // Pressed before the partner's change took effect: telling the others made each of them ask
  // Entra again for the same refusal.
  it('a recheck Entra still refuses leaves the other instances replaying their verdict', async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    await sql`delete from tenant_connection_changes`.execute(database.db);
    const { entra, a, b } = twoInstances(async () => database.db);
    entra.behaviour = () => {
      throw entraFailure(53003, 'access_denied');
    };
    await expect(b.getAccessToken(contoso)).rejects.toMatchObject({ code: 'needs_reconsent' });
    await expect(a.recheckConnection(contoso)).rejects.toMatchObject({ aadsts: 53003 });
    const calls = entra.calls.length;
    await expect(b.getAccessToken(contoso)).rejects.toMatchObject({ code: 'needs_reconsent' });
    expect(entra.calls.length).toBe(calls);
    expect(await connectionChangeRecorded()).toBe(false);
  });

  it('a token redeemed before a change is not handed to another instance', async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    const { entra, a, b } = twoInstances(async () => database.db);
    const held = gate();
    entra.behaviour = async (_rt, target) => {
      await held.promise;
      return entra.issue(target.tenantId);
    };
    // A redeems; meanwhile an admin re-consents on B.
    const redeeming = a.getAccessToken(contoso);
    await until(async () => entra.calls.length === 1);
    b.invalidate(contoso);
    await until(connectionChangeRecorded);
    held.open();
    expect(await redeeming).toBe(`at-${contoso}-1`);
    // A shared its token, but it began before the change: B redeems its own.
    expect(await b.getAccessToken(contoso)).toBe(`at-${contoso}-2`);
    expect(entra.calls).toHaveLength(2);
  });
});

describe("a consent's save or a disconnect's delete", () => {
  it("waits for another instance's write-back between its version check and its write", async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    const instances = twoInstances(async () => database.db);
    instances.clock.advance(2 * 86_400_000); // the write-back is due
    await consentDuringAnotherInstancesWriteBack(instances, contoso);
    expect(
      await database.db
        .selectFrom('leases')
        .selectAll()
        .where('name', 'like', 'redeem:%')
        .execute(),
    ).toEqual([]);
  });

  it('goes ahead when the lease stays taken past the wait, or the database is away', async () => {
    const lease = (db: () => Promise<PortalDatabase['db']>, reports: boolean[] = []) =>
      createRedemptionLease({
        database: db,
        key: sealedTokenKey(secret),
        minLifeMs: 0,
        changeWaitMs: 30,
        pollMs: 2,
        onAvailability: (a) => reports.push(a),
      });
    // An instance that died holding the tenant's lease for a minute.
    await tryTakeLease(database.db, `redeem:${contoso}`, 'gone', 60_000);
    try {
      // The wait on a hand-moved clock: each poll's sleep moves it, so the change may run only
      // once the 30 ms are used up, and not before.
      let now = 1_000;
      const sleeps: number[] = [];
      const waiting = createRedemptionLease({
        database: async () => database.db,
        key: sealedTokenKey(secret),
        minLifeMs: 0,
        changeWaitMs: 30,
        pollMs: 10,
        now: () => now,
        elapsed: () => now,
        sleep: async (ms) => {
          sleeps.push(ms);
          now += ms;
        },
      });
      expect(await waiting.whileHeld(contoso, async () => ({ saved: true, at: now }))).toEqual({
        saved: true,
        at: 1_030,
      });
      expect(sleeps).toEqual([10, 10, 10]);
      // It went ahead without the lease: the dead instance still holds it.
      expect(
        await database.db
          .selectFrom('leases')
          .select('holder')
          .where('name', '=', `redeem:${contoso}`)
          .execute(),
      ).toEqual([{ holder: 'gone' }]);
    } finally {
      await releaseLease(database.db, `redeem:${contoso}`, 'gone');
    }
    const reports: boolean[] = [];
    expect(
      await lease(() => Promise.reject(new Error('refused')), reports).whileHeld(
        contoso,
        async () => 'saved',
      ),
    ).toBe('saved');
    expect(reports).toEqual([false]);
  });
});

describe('a redemption that outlasts its lease', () => {
  it('writes back only while the lease is still its own, so a consent another instance makes under the lapsed lease stays', async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    const db = async () => database.db;
    const { clock, vault, entra, services } = tokenServicesSharing(contoso, [db, db], {
      key: sealedTokenKey(secret),
      changeCheckMs: 0,
      leaseMs: 1_000,
    });
    const [a, b] = services as [TokenService, TokenService];
    clock.advance(2 * 86_400_000); // the write-back is due
    const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    // A slow Entra spends most of A's lease; its write-back's check-to-write takes the rest
    // and more. Each step alone is within its own bound (the vault's call timeout).
    const redeeming = gate();
    entra.behaviour = async (_rt, target) => {
      redeeming.open();
      await pause(700);
      return entra.issue(target.tenantId);
    };
    vault.betweenCheckAndWrite = () => pause(600);
    const rotating = a.getAccessToken(contoso);
    await redeeming.promise;
    // An admin re-consents on B meanwhile: B waits for the lease, whenever it comes free.
    const consent = b.changeConnection(contoso, async () =>
      vault.consent(contoso, 'rt-new-consent'),
    );
    expect(await rotating).toBe(`at-${contoso}-1`);
    const consentVersion = await consent;
    expect(vault.current(contoso)).toMatchObject({
      value: 'rt-new-consent',
      version: consentVersion,
    });
  });

  it("keeps a consent waiting past the redemptions' wait, while the holder may still write back", async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    const db = async () => database.db;
    const { clock, vault, services } = tokenServicesSharing(contoso, [db, db], {
      key: sealedTokenKey(secret),
      changeCheckMs: 0,
      leaseMs: 2_000,
      // Real time, as every wait of the lease (its monotonic clock; the cloud's clock is fake here).
      waitMs: 50,
    });
    const [a, b] = services as [TokenService, TokenService];
    clock.advance(2 * 86_400_000); // the write-back is due
    // A's write-back is between its version check and its write for longer than the 50 ms
    // a redemption waits for the lease, well within A's lease.
    const checked = gate();
    vault.betweenCheckAndWrite = async () => {
      checked.open();
      await new Promise((r) => setTimeout(r, 300));
    };
    const rotating = a.getAccessToken(contoso);
    await checked.promise;
    const consent = b.changeConnection(contoso, async () =>
      vault.consent(contoso, 'rt-new-consent'),
    );
    await rotating;
    const consentVersion = await consent;
    expect(vault.writes).toBe(1); // A's rotation was written, then the consent over it
    expect(vault.current(contoso)).toMatchObject({
      value: 'rt-new-consent',
      version: consentVersion,
    });
  });

  it('does not write back once its lease has lapsed, and the redemption still serves', async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    const db = async () => database.db;
    const { clock, vault, entra, services } = tokenServicesSharing(contoso, [db], {
      key: sealedTokenKey(secret),
      changeCheckMs: 0,
      leaseMs: 200,
    });
    clock.advance(2 * 86_400_000);
    const before = vault.current(contoso)?.version;
    entra.behaviour = async (_rt, target) => {
      await new Promise((r) => setTimeout(r, 400));
      return entra.issue(target.tenantId);
    };
    expect(await (services[0] as TokenService).getAccessToken(contoso)).toBe(`at-${contoso}-1`);
    expect(vault.writes).toBe(0);
    expect(vault.current(contoso)?.version).toBe(before);
  });
});

describe('a connection change the database did not take', () => {
  const key = sealedTokenKey(secret);
  /** This instance's database, refusing while `away`; another instance's, always there. */
  function instances(resendChangeMs: number) {
    const state = { away: false, changesRecorded: 0 };
    // Counts this instance's records of a connection change.
    const counting = database.db.withPlugin({
      transformQuery: ({ node }) => {
        if (
          node.kind === 'InsertQueryNode' &&
          JSON.stringify(node).includes('tenant_connection_changes')
        )
          state.changesRecorded += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const here = createRedemptionLease({
      database: async () => {
        if (state.away) throw new Error('connection refused');
        return counting;
      },
      key,
      minLifeMs: 0,
      resendChangeMs,
    });
    const there = createRedemptionLease({
      database: async () => database.db,
      key,
      minLifeMs: 0,
      changeCheckMs: 0,
    });
    return { state, here, there };
  }
  const hourFromNow = () => Date.now() + 3_600_000;

  /** The other instance redeemed under the old connection and shared its token. */
  async function oldConnectionShared(there: ReturnType<typeof instances>['there']) {
    await sql`delete from shared_access_tokens`.execute(database.db);
    await there.obtain(contoso, 'pc', async () => ({
      accessToken: 'at-old',
      expiresAt: hourFromNow(),
    }));
    expect(await there.changedElsewhere(contoso)).toBe(false);
  }

  it("is sent before this instance's next token, which is then never the old connection's shared one", async () => {
    const { state, here, there } = instances(60_000);
    await oldConnectionShared(there);
    // A disconnect and re-consent here, while the database is away for a moment.
    state.away = true;
    await here.forget(contoso);
    state.away = false;
    const token = await here.obtain(contoso, 'pc', async () => ({
      accessToken: 'at-new',
      expiresAt: hourFromNow(),
    }));
    expect(token.accessToken).toBe('at-new');
    expect(await there.changedElsewhere(contoso)).toBe(true);
  });

  it('is sent once for all the lookups that come while it is under way', async () => {
    const { state, here, there } = instances(60_000);
    await oldConnectionShared(there);
    state.away = true;
    await here.forget(contoso);
    state.away = false;
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () =>
        here.obtain(contoso, 'pc', async () => ({
          accessToken: 'at-new',
          expiresAt: hourFromNow(),
        })),
      ),
    );
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(['at-new']));
    // Each send would have dropped the token the lookups before it had just shared.
    expect(state.changesRecorded).toBe(1);
  });

  it('is sent again until it lands, for the other instances to drop the old tokens', async () => {
    const { state, here, there } = instances(20);
    await oldConnectionShared(there);
    state.away = true;
    await here.forget(contoso);
    await new Promise((r) => setTimeout(r, 60)); // resent while still away: refused again
    expect(await there.changedElsewhere(contoso)).toBe(false);
    state.away = false;
    await new Promise((r) => setTimeout(r, 100));
    expect(await there.changedElsewhere(contoso)).toBe(true);
    expect(await database.db.selectFrom('shared_access_tokens').selectAll().execute()).toEqual([]);
  });
});

describe('looking for changes while the database is away', () => {
  it('looks at most once per interval, and counts a change missed meanwhile as one', async () => {
    let away = true;
    let queries = 0;
    const counted = async () => {
      queries += 1;
      if (away) throw new Error('connection refused');
      return database.db;
    };
    const lease = (changeCheckMs: number) =>
      createRedemptionLease({
        database: counted,
        key: sealedTokenKey(secret),
        minLifeMs: 0,
        changeCheckMs,
      });
    const slow = lease(60_000);
    for (let i = 0; i < 3; i += 1) expect(await slow.changedElsewhere(contoso)).toBe(false);
    expect(queries).toBe(1);

    // An instance whose first look failed, while its cached tokens came from the grant a
    // disconnect on another instance then replaced.
    const here = lease(0);
    expect(await here.changedElsewhere(contoso)).toBe(false);
    away = false;
    await createRedemptionLease({
      database: async () => database.db,
      key: sealedTokenKey(secret),
      minLifeMs: 0,
    }).forget(contoso);
    expect(await here.changedElsewhere(contoso)).toBe(true);
    expect(await here.changedElsewhere(contoso)).toBe(false);
  });
});

/** A database that takes every query and never answers: a stalled server, not a refusing one. */
function stalledDatabase(): PortalDatabase['db'] {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
      createDriver: () => ({
        init: async () => undefined,
        acquireConnection: async () => ({
          executeQuery: () => new Promise<never>(() => undefined),
          streamQuery: () => {
            throw new Error('not used');
          },
        }),
        beginTransaction: async () => undefined,
        commitTransaction: async () => undefined,
        rollbackTransaction: async () => undefined,
        releaseConnection: async () => undefined,
        destroy: async () => undefined,
      }),
    },
  });
}

describe('a database that stops answering', () => {
  it('costs a token lookup and a connection change no more than the step bound: each goes ahead alone', async () => {
    const reports: boolean[] = [];
    const stalled = stalledDatabase();
    const { services } = tokenServicesSharing(contoso, [async () => stalled], {
      changeCheckMs: 0,
      stepTimeoutMs: 20,
      onAvailability: (a) => reports.push(a),
    });
    const service = services[0] as TokenService;
    expect(await service.getAccessToken(contoso)).toBe(`at-${contoso}-1`);
    expect(await service.changeConnection(contoso, async () => 'saved')).toBe('saved');
    expect(reports).not.toContain(true);
    expect(reports).toContain(false);
  });
});

describe('the lease across instances whose clocks differ', () => {
  it("an instance a minute ahead (or on the emulator's moved clock) waits for the holder's redemption", async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    const lease = (now: () => number) =>
      createRedemptionLease({
        database: async () => database.db,
        key: sealedTokenKey(secret),
        minLifeMs: 0,
        now,
        pollMs: 5,
      });
    const a = lease(() => Date.now());
    const b = lease(() => Date.now() + 60_000);
    let redemptions = 0;
    const held = gate();
    const redeem = async () => {
      redemptions += 1;
      return { accessToken: `at-${redemptions}`, expiresAt: Date.now() + 3_600_000 };
    };
    const onA = a.obtain(contoso, 'pc', async () => {
      await held.promise;
      return redeem();
    });
    await new Promise((r) => setTimeout(r, 100));
    const onB = b.obtain(contoso, 'pc', redeem);
    await new Promise((r) => setTimeout(r, 100));
    held.open();
    expect((await onB).accessToken).toBe((await onA).accessToken);
    expect(redemptions).toBe(1);
  });

  // The cache's clock follows Entra's Date headers, and the bench moves the emulator's clock by
  // hours between waves: the wait was measured on it, so a jump past its end while the holder
  // still redeemed sent every waiting instance to Entra for a token of its own.
  it("a waiting instance whose clock jumps forward keeps waiting for the holder's token", async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    let bNow = Date.now();
    const a = createRedemptionLease({
      database: async () => database.db,
      key: sealedTokenKey(secret),
      minLifeMs: 0,
    });
    const b = createRedemptionLease({
      database: async () => database.db,
      key: sealedTokenKey(secret),
      minLifeMs: 0,
      now: () => bNow,
      pollMs: 5,
      waitMs: 15_000,
      sleep: async (ms) => {
        bNow += 600_000; // ten minutes on B's clock for each 5 ms poll
        await new Promise((r) => setTimeout(r, ms));
      },
    });
    let redemptions = 0;
    const held = gate();
    const redeem = async () => {
      redemptions += 1;
      return { accessToken: `at-${redemptions}`, expiresAt: Date.now() + 86_400_000 };
    };
    const onA = a.obtain(contoso, 'pc', async () => {
      await held.promise;
      return redeem();
    });
    await new Promise((r) => setTimeout(r, 50));
    const onB = b.obtain(contoso, 'pc', redeem);
    await new Promise((r) => setTimeout(r, 100));
    held.open();
    expect((await onB).accessToken).toBe((await onA).accessToken);
    expect(redemptions).toBe(1);
  });

  it('a wait ends by its own clock, however few polls fit in it (slow database steps)', async () => {
    await sql`delete from shared_access_tokens`.execute(database.db);
    // An instance that died holding the tenant's lease for a minute.
    await tryTakeLease(database.db, `redeem:${contoso}`, 'gone', 60_000);
    try {
      let monotonic = 0;
      let polls = 0;
      const waiting = createRedemptionLease({
        database: async () => database.db,
        key: sealedTokenKey(secret),
        minLifeMs: 0,
        waitMs: 15_000,
        pollMs: 100,
        // Each poll's database steps take 5 s: three polls, not 150, fill the 15 s.
        elapsed: () => monotonic,
        sleep: async () => {
          polls += 1;
          monotonic += 5_000;
        },
      });
      const token = await waiting.obtain(contoso, 'pc', async () => ({
        accessToken: 'at-own',
        expiresAt: Date.now() + 3_600_000,
      }));
      expect(token.accessToken).toBe('at-own');
      expect(polls).toBe(3);
    } finally {
      await releaseLease(database.db, `redeem:${contoso}`, 'gone');
    }
  });
});

/** Whether a connection change of Contoso is recorded for the other instances. */
async function connectionChangeRecorded(): Promise<boolean> {
  const change = await database.db
    .selectFrom('tenant_connection_changes')
    .select('tenant_id')
    .where('tenant_id', '=', contoso)
    .executeTakeFirst();
  return Boolean(change);
}

/** Waits (bounded) until `check` holds: the change is written in the background. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the condition did not hold within a second');
}

describe('sealed access tokens', () => {
  it('open only with the same secret and binding', () => {
    const key = sealedTokenKey(secret);
    const sealed = key.seal('eyJ.token', 'tenant\nresource\n1');
    expect(sealed).not.toContain('eyJ');
    expect(key.open(sealed, 'tenant\nresource\n1')).toBe('eyJ.token');
    expect(key.open(sealed, 'tenant\nresource\n2')).toBeNull();
    expect(sealedTokenKey(`${secret}-other`).open(sealed, 'tenant\nresource\n1')).toBeNull();
    expect(key.open('garbage', 'tenant\nresource\n1')).toBeNull();
  });

  it('refuse a sealed value whose authentication tag was cut short', () => {
    const key = sealedTokenKey(secret);
    const raw = Buffer.from(key.seal('', 'tenant\nresource\n1'), 'base64url');
    // GCM takes tags of 4 to 16 bytes unless told the length: a 4-byte tag is 2^32 guesses.
    const cut = raw.subarray(0, 12 + 4).toString('base64url');
    expect(key.open(cut, 'tenant\nresource\n1')).toBeNull();
  });
});
