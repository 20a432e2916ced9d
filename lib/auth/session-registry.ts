/**
 * What the server remembers about sessions: which were signed out (revoked until they would
 * have expired anyway) and when each was last used (for the idle timeout). The cookie alone
 * cannot say either: a copied cookie stays valid until its own expiry.
 *
 * The memory registry here is one instance's view; session-registry-db.ts shares it through
 * PostgreSQL (every instance, across restarts) and falls back to this one while the database
 * is away.
 */
export interface SessionRegistry {
  /** Records a use of `sid` at `nowMs` and returns the previous use (null: first seen). */
  touch(sid: string, nowMs: number): Promise<number | null>;
  isRevoked(sid: string, nowMs: number): Promise<boolean>;
  /** Revokes `sid` until `untilMs` (its absolute end; afterwards the cookie is refused anyway). */
  revoke(sid: string, untilMs: number): Promise<void>;
}

/** Bounds so a flood of forged-but-valid sessions cannot grow memory without limit. */
const maxEntries = 100_000;

export function createMemorySessionRegistry(): SessionRegistry {
  const lastSeen = new Map<string, number>();
  const revoked = new Map<string, number>();
  const prune = (map: Map<string, number>) => {
    if (map.size <= maxEntries) return;
    // Maps iterate in insertion order: drop the oldest tenth.
    let drop = Math.ceil(maxEntries / 10);
    for (const key of map.keys()) {
      if (drop-- <= 0) break;
      map.delete(key);
    }
  };
  return {
    async touch(sid, nowMs) {
      const previous = lastSeen.get(sid) ?? null;
      lastSeen.delete(sid);
      lastSeen.set(sid, nowMs);
      prune(lastSeen);
      return previous;
    },
    async isRevoked(sid, nowMs) {
      const until = revoked.get(sid);
      if (until === undefined) return false;
      if (until <= nowMs) revoked.delete(sid);
      return until > nowMs;
    },
    async revoke(sid, untilMs) {
      revoked.set(sid, untilMs);
      lastSeen.delete(sid);
      prune(revoked);
    },
  };
}
