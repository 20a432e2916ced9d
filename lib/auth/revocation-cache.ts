import 'server-only';
import type { RevocationFeed } from './revocation-feed';

/** Sessions kept as "not revoked" at most: a flood of forged-but-valid cookies cannot grow memory. */
const maxEntries = 20_000;
/** A kept answer is asked again after this, even with the feed live (a silently broken connection). */
const keepMs = 5 * 60_000;

export interface NotRevokedCache {
  /** True when `sidHash` is known not to be revoked (the database need not be asked). */
  has(sidHash: string, nowMs: number): boolean;
  /** Taken before asking the database; `remember` keeps the answer only if nothing changed since. */
  version(): number;
  remember(sidHash: string, since: number, nowMs: number): void;
  forget(sidHash: string): void;
}

/**
 * One instance's memory of sessions the database said were not revoked. A sign-out anywhere
 * drops its entry through the feed; with the feed not live, nothing is kept or used, so every
 * request asks the database. An answer read while a sign-out arrived (`version` moved) is
 * not kept: it may predate that sign-out.
 */
export function createNotRevokedCache(feed: RevocationFeed | undefined): NotRevokedCache {
  const kept = new Map<string, number>();
  let current = 0;
  feed?.subscribe((sidHash) => {
    current += 1;
    if (sidHash === null) kept.clear();
    else kept.delete(sidHash);
  });
  return {
    has(sidHash, nowMs) {
      if (!feed?.live) return false;
      const until = kept.get(sidHash);
      if (until === undefined) return false;
      if (until > nowMs) return true;
      kept.delete(sidHash);
      return false;
    },
    version: () => current,
    remember(sidHash, since, nowMs) {
      if (!feed?.live || since !== current) return;
      kept.delete(sidHash);
      kept.set(sidHash, nowMs + keepMs);
      if (kept.size > maxEntries) kept.delete(kept.keys().next().value as string);
    },
    forget: (sidHash) => void kept.delete(sidHash),
  };
}
