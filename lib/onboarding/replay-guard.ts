import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';

/**
 * Consent cookies already presented to the callback, remembered until they would expire
 * anyway, so a copied or replayed cookie is refused even though the browser's copy was
 * cleared.
 */
export interface ConsentReplayGuard {
  /** Records `jti` as used: true the first time, false for a replay; throws when it cannot tell. */
  burn(jti: string, expiresAtMs: number): Promise<boolean>;
}

/** One process's memory (tests, and the first line of the shared guard). */
export function createMemoryReplayGuard(now: () => number = Date.now): ConsentReplayGuard {
  const used = new Map<string, number>();
  return {
    async burn(jti, expiresAtMs) {
      for (const [key, expiry] of used) if (expiry <= now()) used.delete(key);
      if (used.has(jti)) return false;
      used.set(jti, expiresAtMs);
      return true;
    },
  };
}

/**
 * Shared by every instance through PostgreSQL: the first use is one insert on the primary
 * key, so a cookie burned on one instance is refused on all. It fails closed: when the
 * database cannot answer, `burn` throws and the callback is refused rather than risk a replay.
 */
export function createDatabaseReplayGuard(
  database: () => Promise<Kysely<Database>>,
): ConsentReplayGuard {
  const local = createMemoryReplayGuard();
  return {
    async burn(jti, expiresAtMs) {
      if (!(await local.burn(jti, expiresAtMs))) return false;
      const db = await database();
      await db.deleteFrom('consent_cookie_uses').where('expires_at', '<', new Date()).execute();
      const inserted = await db
        .insertInto('consent_cookie_uses')
        .values({ jti, expires_at: new Date(expiresAtMs) })
        .onConflict((c) => c.column('jti').doNothing())
        .returning('jti')
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}
