import 'server-only';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { withDeadline } from '@/lib/clock/deadline';
import type { Database } from '@/lib/db/schema';
import { createNotRevokedCache } from './revocation-cache';
import type { RevocationFeed } from './revocation-feed';
import {
  SessionStandingUnknown,
  type MemorySessionRegistry,
  type SessionRegistry,
} from './session-registry';

/** How often one instance writes a session's last use: the idle timeout is counted in minutes. */
const activityWriteIntervalMs = 60_000;
/**
 * How long a request waits for the database before answering from memory: a server that
 * hangs, or a network that drops its packets, answers nothing, and without a bound every
 * signed-in request would hang with it. The pool's own wait for a connection is as long.
 */
const defaultDatabaseWaitMs = 5_000;

const hashOf = (sid: string) => createHash('sha256').update(sid, 'utf8').digest('base64url');

export interface DatabaseSessionRegistryOptions {
  database: () => Promise<Kysely<Database>>;
  /** This instance's own memory: the answer while the database is away. */
  local: MemorySessionRegistry;
  /** Told when the database fails or answers again (health reports it). */
  onAvailability?: (available: boolean) => void;
  /**
   * How sign-outs reach every instance. With a live feed, a session the database said was
   * not revoked is not asked about again until a sign-out (or a lost feed) says otherwise;
   * without one, every request asks the database.
   */
  revocations?: RevocationFeed;
  /** How long one check waits for the database before it counts as away (default 5 s). */
  databaseWaitMs?: number;
}

/**
 * The session registry every instance shares, in PostgreSQL. A sign-out on one instance is
 * refused by all of them from the next request on, and survives restarts. Each instance
 * also keeps its own memory: while the database is away it serves the sessions it has seen
 * itself from there (its own sign-outs and idle timeouts still hold; another instance's
 * sign-outs are not seen until the database is back), and refuses every session it has not
 * seen, whose sign-out it cannot rule out (fail closed: that person signs in again, on this
 * instance). Sign-outs made meanwhile are written once the database answers again.
 */
export function createDatabaseSessionRegistry(
  options: DatabaseSessionRegistryOptions,
): SessionRegistry {
  const { local, revocations } = options;
  const databaseWaitMs = options.databaseWaitMs ?? defaultDatabaseWaitMs;
  const notRevoked = createNotRevokedCache(revocations);
  // Sign-outs the feed announced, by hash: while the database is away they still hold here,
  // though the session ids behind them were never seen (bounded like the other memories).
  const heardRevoked = new Set<string>();
  revocations?.subscribe((sidHash) => {
    if (sidHash === null) return;
    heardRevoked.add(sidHash);
    if (heardRevoked.size > 100_000) heardRevoked.delete(heardRevoked.values().next().value!);
  });
  const lastWritten = new Map<string, number>();
  // Sign-outs made while the database was away, written once it answers again.
  const pending = new Map<string, number>();
  async function writeRevocation(
    db: Kysely<Database>,
    hash: string,
    untilMs: number,
  ): Promise<void> {
    await db
      .insertInto('session_revocations')
      .values({ sid_hash: hash, revoked_until: new Date(untilMs) })
      .onConflict((c) => c.column('sid_hash').doUpdateSet({ revoked_until: new Date(untilMs) }))
      .execute();
    await db.deleteFrom('session_activity').where('sid_hash', '=', hash).execute();
    await revocations?.publish(db, hash);
  }
  /**
   * The database away: a sign-out the feed announced holds; a session this instance has seen
   * is judged on its memory; any other is refused.
   */
  const unknownHere = (sid: string) => () => {
    if (heardRevoked.has(hashOf(sid))) return true;
    if (local.lastUse(sid) === null) throw new SessionStandingUnknown();
    return false;
  };
  async function guarded<T>(
    run: (db: Kysely<Database>) => Promise<T>,
    fallback: T | (() => T),
  ): Promise<T> {
    try {
      const shared = async () => {
        const db = await options.database();
        for (const [hash, untilMs] of pending) {
          await writeRevocation(db, hash, untilMs);
          pending.delete(hash);
        }
        return run(db);
      };
      // Past the wait the statements go on unwatched; a sign-out stays pending until written.
      const result = await withDeadline(shared(), databaseWaitMs, () => {
        throw new Error('The database did not answer in time.');
      });
      options.onAvailability?.(true);
      return result;
    } catch {
      options.onAvailability?.(false);
      return typeof fallback === 'function' ? (fallback as () => T)() : fallback;
    }
  }
  return {
    async touch(sid, nowMs, idleMs = Number.POSITIVE_INFINITY) {
      const active = (previous: number | null) => previous === null || nowMs - previous < idleMs;
      const previousHere = local.lastUse(sid);
      if (previousHere !== null && active(previousHere)) {
        const written = lastWritten.get(sid);
        // Used here within the minute: active, and the shared row is recent enough.
        if (written !== undefined && nowMs - written < activityWriteIntervalMs)
          return local.touch(sid, nowMs);
        lastWritten.set(sid, nowMs); // this request writes it; the others in the minute need not
      }
      const hash = hashOf(sid);
      // The previous use any instance recorded (null: none; undefined: the database is away).
      const shared = await guarded<number | null | undefined>(async (db) => {
        // This use is recorded only if that one is recent: an idle session's row keeps its
        // old last use, for every request and instance that comes after to find.
        const oldestActive = new Date(Number.isFinite(idleMs) ? nowMs - idleMs + 1 : 0);
        const row = await sql<{ previous: Date | null }>`
          with previous as (select last_seen from session_activity where sid_hash = ${hash}),
          used as (
            insert into session_activity (sid_hash, last_seen) values (${hash}, ${new Date(nowMs)})
            on conflict (sid_hash) do update set last_seen = greatest(session_activity.last_seen, excluded.last_seen)
            where session_activity.last_seen >= ${oldestActive}
          )
          select (select last_seen from previous) as previous`.execute(db);
        return row.rows[0]?.previous ? new Date(row.rows[0].previous).getTime() : null;
      }, undefined);
      // The database away: this instance's own memory decides.
      if (shared === undefined) return local.touch(sid, nowMs, idleMs);
      const previous =
        previousHere === null || shared === null
          ? (previousHere ?? shared)
          : Math.max(previousHere, shared);
      // Active (maybe used on another instance since this one saw it): this instance counts it,
      // and has just written it to the database.
      if (active(previous)) {
        await local.touch(sid, nowMs);
        lastWritten.set(sid, nowMs);
        if (lastWritten.size > 100_000) lastWritten.clear();
      }
      return previous;
    },
    async isRevoked(sid, nowMs) {
      if (await local.isRevoked(sid, nowMs)) return true;
      const hash = hashOf(sid);
      if (notRevoked.has(hash, nowMs)) return false;
      const since = notRevoked.version();
      return guarded(async (db) => {
        const row = await db
          .selectFrom('session_revocations')
          .select('revoked_until')
          .where('sid_hash', '=', hash)
          .executeTakeFirst();
        const untilMs = row ? new Date(row.revoked_until).getTime() : 0;
        if (untilMs > nowMs) {
          // Another instance's sign-out: this one remembers it too (a replayed cookie costs no read).
          await local.revoke(sid, untilMs);
          return true;
        }
        notRevoked.remember(hash, since, nowMs);
        return false;
      }, unknownHere(sid));
    },
    async revoke(sid, untilMs) {
      await local.revoke(sid, untilMs);
      lastWritten.delete(sid);
      const hash = hashOf(sid);
      notRevoked.forget(hash);
      pending.set(hash, untilMs);
      // `guarded` writes what is pending before anything else, this sign-out included.
      return guarded(async (db) => {
        // Lapsed rows are dead weight: each lasts 24 h from its sign-in (sessions.ts, revokedUntil),
        // the longest lifetime SESSION_MAX_HOURS allows, so its cookie is refused anyway by then.
        await db
          .deleteFrom('session_revocations')
          .where('revoked_until', '<', new Date())
          .execute();
        await db
          .deleteFrom('session_activity')
          .where('last_seen', '<', new Date(Date.now() - 86_400_000))
          .execute();
        return true;
      }, false);
    },
  };
}
