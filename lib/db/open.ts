import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema';

/**
 * PostgreSQL's default of 128 MB of shared buffers lives inside PGlite's WASM memory, in the
 * portal's process: 16 MB takes ~130 MB off the portal's RSS (304 -> 209 MB measured on the
 * bench's database, 200 catalog queries either way) and opens faster. The portal's working
 * set (sessions, leases, audit pages) is small; reads beyond it come from the OS page cache.
 */
const embeddedSharedBuffers = '16MB';

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
}

/**
 * Opens the portal's database: a `pg` pool on `DATABASE_URL`, else PGlite in-process. Both
 * go through Kysely's PostgreSQL dialect, so every query and migration is the same SQL.
 * Nothing is run here; migrations are `migrateToLatest`'s job.
 */
export async function openDatabase(location: DatabaseLocation): Promise<PortalDatabase> {
  if (location.url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: location.url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // A client losing its server (restart, failover) emits 'error' on itself or the pool; unhandled,
    // that would end the process. The failed query rejects anyway, and the pool makes a new client.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pglitePool } = await import('./pglite-pool');
  const dataDir = location.embeddedDir.startsWith('memory://')
    ? location.embeddedDir
    : path.resolve(location.embeddedDir);
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const embedded = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${embeddedSharedBuffers}`],
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(embedded) }) });
  return { db, kind: 'embedded', close: () => db.destroy() };
}
