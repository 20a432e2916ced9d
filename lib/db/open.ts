import 'server-only';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema';

export interface DatabaseLocation {
  /** A PostgreSQL connection string; absent = the embedded PGlite database. */
  url?: string;
  /** Folder of the embedded database (created when missing); `memory://` keeps it in memory. */
  embeddedDir: string;
}

export interface PortalDatabase {
  db: Kysely<Database>;
  kind: 'postgres' | 'embedded';
  close(): Promise<void>;
  /**
   * Embedded only: settles when its thread stopped without close(); the database must then be
   * opened again. (A `pg` pool replaces a lost connection by itself.)
   */
  lost?: Promise<Error>;
}

/**
 * How long one statement may take on a PostgreSQL server. `statementMs` is the server's own
 * `statement_timeout`: a slow query or a lock wait is cancelled, and its locks freed.
 * `replyMs` is the client's: a server that stalls (a partition, a frozen host) cancels nothing
 * and refuses nothing, so without it a request would wait on it for good. A transaction left
 * open by an instance that stopped mid-way is ended after `idleInTransactionMs`. Migrations
 * run unbounded (`null`): adding an index to a large table may take minutes.
 */
export interface StatementBounds {
  statementMs: number;
  replyMs: number;
  idleInTransactionMs: number;
}

export const defaultStatementBounds: StatementBounds = {
  statementMs: 15_000,
  // The server's own cancel, and its answer, come first when it is alive.
  replyMs: 20_000,
  idleInTransactionMs: 30_000,
};

/**
 * Opens the portal's database: a `pg` pool on `DATABASE_URL`, else PGlite on a thread of the
 * portal's process (pglite-thread.ts). Both go through Kysely's PostgreSQL dialect, so every
 * query and migration is the same SQL. Nothing is run here; migrations are `migrateToLatest`'s job.
 * `bounds` apply to a server only: the embedded database lives in this process and cannot be
 * partitioned from it.
 */
export async function openDatabase(
  location: DatabaseLocation,
  bounds: StatementBounds | null = defaultStatementBounds,
): Promise<PortalDatabase> {
  if (location.url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: location.url,
      ...(bounds && {
        statement_timeout: bounds.statementMs,
        query_timeout: bounds.replyMs,
        idle_in_transaction_session_timeout: bounds.idleInTransactionMs,
      }),
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // TCP keep-alive: a connection whose server vanished in a network partition (no FIN, no
      // RST) is found dead and replaced, instead of holding its pool slot for good.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // A client losing its server (restart, failover) emits 'error' on itself or the pool; unhandled,
    // that would end the process. The failed query rejects anyway, and the pool makes a new client.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { openEmbeddedDatabase } = await import('./embedded');
  const { pglitePool } = await import('./pglite-pool');
  const embedded = await openEmbeddedDatabase(location.embeddedDir);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(embedded) }) });
  return { db, kind: 'embedded', close: () => db.destroy(), lost: embedded.lost };
}
