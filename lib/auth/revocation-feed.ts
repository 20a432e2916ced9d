import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';

/**
 * Told of every sign-out (by its session-id hash), or `null`: "anything may have changed"
 * (the feed lost or regained its connection). What lets an instance keep a "not revoked"
 * answer in memory instead of asking the database on every request.
 */
export type RevocationListener = (sidHash: string | null) => void;

export interface RevocationFeed {
  /**
   * True only while every sign-out on any instance reaches the listeners. While false, no
   * "not revoked" answer may be kept: the database is asked on every request (fail closed).
   */
  readonly live: boolean;
  subscribe(listener: RevocationListener): void;
  /** Tells every instance of a sign-out already written to `db`. */
  publish(db: Kysely<Database>, sidHash: string): Promise<void>;
}

/**
 * The feed of one process: the embedded database (PGlite) is opened by one process only, so
 * every sign-out it holds was written here and reaches the listeners at once.
 */
export function createInProcessRevocationFeed(): RevocationFeed {
  const listeners: RevocationListener[] = [];
  return {
    live: true,
    subscribe: (listener) => void listeners.push(listener),
    async publish(_db, sidHash) {
      for (const listener of listeners) listener(sidHash);
    },
  };
}
