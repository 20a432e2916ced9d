import { Kysely, PostgresDialect, type KyselyPlugin, type PostgresPool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database, type PortalDatabase } from '@/lib/db';
import { createInProcessRevocationFeed, type RevocationFeed } from './revocation-feed';
import { createMemorySessionRegistry, SessionStandingUnknown } from './session-registry';
import { createDatabaseSessionRegistry } from './session-registry-db';
import { assertSessionActive, beginSession, revokeSession, SessionEnded } from './sessions';

/** Two instances of the portal sharing one database (PGlite in memory), each with its own memory. */
let database: PortalDatabase;
let down = false;
/** Statements sent to the database, by the table they read or write. */
const statements = { revocationReads: 0, activityWrites: 0 };
const counting: KyselyPlugin = {
  transformQuery({ node }) {
    const text = JSON.stringify(node);
    if (node.kind === 'SelectQueryNode' && text.includes('"session_revocations"'))
      statements.revocationReads += 1;
    if (node.kind === 'RawNode' && text.includes('insert into session_activity'))
      statements.activityWrites += 1;
    return node;
  },
  transformResult: async ({ result }) => result,
};
const instance = (revocations?: RevocationFeed) =>
  createDatabaseSessionRegistry({
    database: async () => {
      if (down) throw new Error('database unavailable');
      return database.db.withPlugin(counting);
    },
    local: createMemorySessionRegistry(),
    revocations,
  });
/** What a signed-in request asks of the registry (sessions.ts, assertSessionActive). */
async function request(registry: ReturnType<typeof instance>, sid: string, nowMs: number) {
  const revoked = await registry.isRevoked(sid, nowMs);
  if (!revoked) await registry.touch(sid, nowMs);
  return revoked;
}
// Real time: lapsed rows are purged against the clock.
const t0 = Date.now();

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database.close());

describe('database session registry', () => {
  it('a sign-out on one instance is refused on the other', async () => {
    const [a, b] = [instance(), instance()];
    expect(await b.isRevoked('sid-signed-out-on-a', t0)).toBe(false);
    await a.revoke('sid-signed-out-on-a', t0 + 3_600_000);
    expect(await b.isRevoked('sid-signed-out-on-a', t0 + 1)).toBe(true);
    // It survives a restart: a fresh instance (empty memory) still refuses it, until it lapses.
    expect(await instance().isRevoked('sid-signed-out-on-a', t0 + 2)).toBe(true);
    expect(await instance().isRevoked('sid-signed-out-on-a', t0 + 3_600_000)).toBe(false);
  });

  it('the last use any instance saw counts for the idle timeout', async () => {
    const [a, b] = [instance(), instance()];
    expect(await a.touch('sid-busy', t0)).toBeNull();
    // Used on B ten minutes later: B learns of A's use from the database.
    expect(await b.touch('sid-busy', t0 + 600_000)).toBe(t0);
    expect(await a.touch('sid-busy', t0 + 1_200_000)).toBe(t0 + 600_000);
  });

  it('a session used on another instance since this one saw it is active here, and counted here', async () => {
    const [a, b] = [instance(), instance()];
    const hour = 3_600_000;
    expect(await a.touch('sid-moving-around', t0, hour)).toBeNull();
    expect(await b.touch('sid-moving-around', t0 + 0.8 * hour, hour)).toBe(t0);
    // A last saw it 1.6 hours ago, B 0.8: active, and A records the use itself.
    expect(await a.touch('sid-moving-around', t0 + 1.6 * hour, hour)).toBe(t0 + 0.8 * hour);
    expect(await a.touch('sid-moving-around', t0 + 1.6 * hour + 1_000, hour)).toBe(t0 + 1.6 * hour);
  });

  it('requests arriving together on two instances all find an idle session idle', async () => {
    const [a, b] = [instance(), instance()];
    const config = { session: { maxHours: 8, idleMinutes: 60, recentSignInSeconds: 900 } };
    const claims = { sid: 'sid-idle-then-a-burst', authTime: Math.floor(t0 / 1000) };
    await assertSessionActive(claims, config, t0, a);
    const later = t0 + 2 * 3_600_000;
    const burst = await Promise.allSettled(
      [a, b, a, b, a, b].map((registry) => assertSessionActive(claims, config, later, registry)),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(6).fill('rejected'));
    for (const r of burst) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SessionEnded);
    // And it stays over.
    await expect(assertSessionActive(claims, config, later + 1_000, b)).rejects.toMatchObject({
      verdict: 'revoked',
    });
  });

  it('stores no session id, only its hash', async () => {
    await instance().revoke('sid-visible-in-plain-text', t0 + 60_000);
    const rows = await database.db.selectFrom('session_revocations').select('sid_hash').execute();
    expect(rows.map((r) => r.sid_hash).join(' ')).not.toContain('sid-visible');
  });

  it('while the database is away each instance keeps its own sign-outs, and writes them when it is back', async () => {
    const [a, b] = [instance(), instance()];
    await request(b, 'sid-seen-by-b', t0);
    down = true;
    try {
      // A knows it is the only one that knows: the sign-out page says so.
      expect(await a.revoke('sid-during-outage', t0 + 3_600_000)).toBe(false);
      expect(await a.isRevoked('sid-during-outage', t0 + 1)).toBe(true);
      // B cannot rule out a sign-out of a session it never saw: refused (fail closed)...
      await expect(b.isRevoked('sid-during-outage', t0 + 1)).rejects.toBeInstanceOf(
        SessionStandingUnknown,
      );
      // ...while a session B has seen itself keeps working on B's own memory.
      expect(await request(b, 'sid-seen-by-b', t0 + 2)).toBe(false);
    } finally {
      down = false;
    }
    expect(await a.isRevoked('sid-other', t0 + 2)).toBe(false); // A's next use writes what waited
    expect(await b.isRevoked('sid-during-outage', t0 + 3)).toBe(true);
    expect(await a.revoke('sid-after-outage', t0 + 3_600_000)).toBe(true);
  });

  it('while the database is away a sign-out the feed announced before still holds', async () => {
    const feed = createInProcessRevocationFeed();
    const [a, b] = [instance(feed), instance(feed)];
    expect(await request(b, 'sid-signed-out-then-outage', t0)).toBe(false);
    await a.revoke('sid-signed-out-then-outage', t0 + 3_600_000);
    down = true;
    try {
      // B had seen the session, but the feed told it of A's sign-out: a copied cookie stays out.
      expect(await b.isRevoked('sid-signed-out-then-outage', t0 + 1_000)).toBe(true);
    } finally {
      down = false;
    }
  });

  it('while the database is away a session signed in on this instance works here, and is refused elsewhere', async () => {
    const [a, b] = [instance(), instance()];
    const config = { session: { maxHours: 8, idleMinutes: 60, recentSignInSeconds: 900 } };
    down = true;
    try {
      const claims = { ...(await beginSession(t0, a)), authTime: Math.floor(t0 / 1000) };
      await assertSessionActive(claims, config, t0 + 1_000, a);
      await expect(assertSessionActive(claims, config, t0 + 1_000, b)).rejects.toMatchObject({
        verdict: 'unverifiable',
      });
      // Refused, not signed out: once the database answers, B checks it and lets it through.
      down = false;
      await assertSessionActive(claims, config, t0 + 2_000, b);
      // A sign-out says how far it reached: the signed-out page tells the person.
      down = true;
      expect(await revokeSession(claims, a)).toBe('this_instance');
      down = false;
      expect(await revokeSession(claims, b)).toBe('everywhere');
      expect(await revokeSession({ sid: 'short' }, b)).toBe('no_session');
    } finally {
      down = false;
    }
  });

  it('with a live feed, 50 requests of one session within a minute cost 1 revocation read and 1 activity write', async () => {
    const feed = createInProcessRevocationFeed();
    const [a, b] = [instance(feed), instance(feed)];
    const before = { ...statements };
    for (let i = 0; i < 50; i += 1)
      expect(await request(b, 'sid-cached', t0 + i * 1_000)).toBe(false);
    expect(statements.revocationReads - before.revocationReads).toBe(1);
    expect(statements.activityWrites - before.activityWrites).toBe(1);
    // A sign-out on A reaches B's memory: its next request is refused, after one more read.
    await a.revoke('sid-cached', t0 + 3_600_000);
    expect(await request(b, 'sid-cached', t0 + 51_000)).toBe(true);
    // B now keeps the refusal itself: replaying the cookie costs no read.
    const after = statements.revocationReads;
    expect(await request(b, 'sid-cached', t0 + 52_000)).toBe(true);
    expect(statements.revocationReads).toBe(after);
  });

  it('without a live feed every request asks the database (fail closed)', async () => {
    const deaf: RevocationFeed = { ...createInProcessRevocationFeed(), live: false };
    const registry = instance(deaf);
    const before = statements.revocationReads;
    for (let i = 0; i < 5; i += 1) await request(registry, 'sid-uncached', t0 + i);
    expect(statements.revocationReads - before).toBe(5);
    // A sign-out the feed never announced (another instance, its listener down) is seen at once.
    await instance().revoke('sid-uncached', t0 + 3_600_000);
    expect(await request(registry, 'sid-uncached', t0 + 10)).toBe(true);
  });

  it('a database that stops answering counts as away: the answer comes from memory, in bounded time', async () => {
    // A server that took the connection and went silent (hung, or cut off by the network).
    const silent = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: {
          connect: async () => ({ query: () => new Promise(() => undefined), release() {} }),
          end: async () => undefined,
        } as unknown as PostgresPool,
      }),
    });
    let answering = false;
    const registry = createDatabaseSessionRegistry({
      database: async () => {
        if (!answering) throw new Error('database unavailable');
        return silent;
      },
      local: createMemorySessionRegistry(),
      databaseWaitMs: 200,
    });
    await registry.touch('sid-seen-before-the-silence', t0);
    answering = true;
    const settled = <T>(work: Promise<T>) =>
      Promise.race([
        work.then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
      ]);
    expect(await settled(registry.isRevoked('sid-seen-before-the-silence', t0 + 1))).toEqual({
      value: false,
    });
    expect(await settled(registry.isRevoked('sid-never-seen-here', t0 + 1))).toEqual({
      error: expect.any(SessionStandingUnknown),
    });
    expect(await settled(registry.revoke('sid-seen-before-the-silence', t0 + 3_600_000))).toEqual({
      value: false,
    });
  });
});

describe('an ended session after SESSION_MAX_HOURS is raised', () => {
  const hour = 3_600_000;
  // Signed in 7 hours ago under the default 8-hour lifetime; then the operator raises it to
  // the most the configuration allows (24) and restarts: fresh instances, the same database.
  const before = { session: { maxHours: 8, idleMinutes: 60, recentSignInSeconds: 900 } };
  const raised = { session: { maxHours: 24, idleMinutes: 60, recentSignInSeconds: 900 } };
  const signInMs = t0 - 7 * hour;

  it('a cookie copied before the sign-out stays refused for the longest lifetime allowed', async () => {
    const claims = { sid: 'sid-copied-before-sign-out', authTime: Math.floor(signInMs / 1000) };
    expect(await revokeSession(claims, instance())).toBe('everywhere');
    // Two hours on the old lifetime is over and the new one is not: still signed out, until
    // the cookie expires under any setting (24 hours after its sign-in).
    for (const at of [t0 + 2 * hour, signInMs + 24 * hour - 1_000])
      await expect(assertSessionActive(claims, raised, at, instance())).rejects.toMatchObject({
        verdict: 'revoked',
      });
  });

  it('so does a session that ended idle', async () => {
    const a = instance();
    const claims = { ...(await beginSession(signInMs, a)), authTime: Math.floor(signInMs / 1000) };
    await expect(
      assertSessionActive(claims, before, signInMs + 61 * 60_000, a),
    ).rejects.toMatchObject({ verdict: 'idle' });
    await expect(
      assertSessionActive(claims, raised, t0 + 2 * hour, instance()),
    ).rejects.toMatchObject({
      verdict: 'revoked',
    });
  });
});
