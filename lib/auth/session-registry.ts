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
  /**
   * Records a use of `sid` at `nowMs` and returns the previous use (null: first seen). A
   * previous use `idleMs` or more before (the session sat idle, so it is over) is returned and
   * nothing is recorded: requests that arrive together with the one that finds it idle find it
   * idle too, instead of finding that one's use.
   */
  touch(sid: string, nowMs: number, idleMs?: number): Promise<number | null>;
  /**
   * Whether `sid` was signed out. Throws `SessionStandingUnknown` when it cannot tell: the
   * shared record is unreadable and this instance never saw the session.
   */
  isRevoked(sid: string, nowMs: number): Promise<boolean>;
  /**
   * Revokes `sid` until `untilMs` (its sign-in plus the longest lifetime the configuration
   * allows; afterwards the cookie is refused anyway, whatever SESSION_MAX_HOURS is then).
   * Resolves true when every instance refuses it from now on; false while only this one does
   * (the shared record is unreachable; it is written there once it answers again).
   */
  revoke(sid: string, untilMs: number): Promise<boolean>;
}

/**
 * A session whose sign-out the registry cannot rule out: the database is away and this
 * instance never saw the session. Security checks fail closed (design.md, "State and
 * scale"), so the session is refused rather than let through unchecked.
 */
export class SessionStandingUnknown extends Error {
  constructor() {
    super('The session cannot be checked: the session registry is unavailable');
    this.name = 'SessionStandingUnknown';
  }
}

/** Bounds so a flood of forged-but-valid sessions cannot grow memory without limit. */
const maxEntries = 100_000;

/** The memory registry also tells a session's last use here without recording one. */
export interface MemorySessionRegistry extends SessionRegistry {
  lastUse(sid: string): number | null;
}

export function createMemorySessionRegistry(): MemorySessionRegistry {
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
    lastUse: (sid) => lastSeen.get(sid) ?? null,
    async touch(sid, nowMs, idleMs = Number.POSITIVE_INFINITY) {
      const previous = lastSeen.get(sid) ?? null;
      if (previous !== null && nowMs - previous >= idleMs) return previous;
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
      return true;
    },
  };
}
