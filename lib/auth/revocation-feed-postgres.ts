import 'server-only';
import { sql } from 'kysely';
import type { Client } from 'pg';
import type { RevocationFeed, RevocationListener } from './revocation-feed';

const channel = 'portal_session_revoked';
/** Wait before connecting the listener again after it lost its server. */
const reconnectMs = 2_000;
/** How long a sign-out waits to hear its own notification back (proof PostgreSQL sent it to all). */
const echoWaitMs = 2_000;

export interface PostgresRevocationFeed extends RevocationFeed {
  close(): Promise<void>;
}

/**
 * Sign-outs shared through PostgreSQL LISTEN/NOTIFY: one dedicated connection per instance
 * listens; a sign-out is written, then announced with `pg_notify` (delivered to every
 * listener once the write is committed). The feed is live only while the listening
 * connection is up and listening; when it drops, listeners are told "anything may have
 * changed" and the instance asks the database on every request until it listens again.
 */
export function createPostgresRevocationFeed(connectionString: string): PostgresRevocationFeed {
  const listeners: RevocationListener[] = [];
  const echoes = new Map<string, () => void>();
  const tell = (sidHash: string | null) => {
    for (const listener of listeners) listener(sidHash);
    if (sidHash !== null) echoes.get(sidHash)?.();
  };
  let client: Client | null = null;
  let live = false;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  function lost(which: Client) {
    if (client !== which) return;
    client = null;
    live = false;
    tell(null);
    which.end().catch(() => undefined);
    if (!closed) {
      retry = setTimeout(() => void connect(), reconnectMs);
      retry.unref();
    }
  }
  async function connect() {
    const { default: pg } = await import('pg');
    const next = new pg.Client({
      connectionString,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client = next;
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload) tell(message.payload);
    });
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
      if (client !== next || closed) return void next.end().catch(() => undefined);
      // Sign-outs made while not listening were never heard: forget every kept answer first.
      tell(null);
      live = true;
    } catch {
      lost(next);
    }
  }
  void connect();

  return {
    get live() {
      return live;
    },
    subscribe: (listener) => void listeners.push(listener),
    async publish(db, sidHash) {
      const heard = live
        ? new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, echoWaitMs);
            timer.unref();
            echoes.set(sidHash, () => {
              clearTimeout(timer);
              resolve();
            });
          })
        : Promise.resolve();
      try {
        await sql`select pg_notify(${channel}, ${sidHash})`.execute(db);
        await heard;
      } finally {
        echoes.delete(sidHash);
      }
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const open = client;
      client = null;
      live = false;
      await open?.end().catch(() => undefined);
    },
  };
}
