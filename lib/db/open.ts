import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
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
  const embedded = await PGlite.create(dataDir);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(embedded) }) });
  return { db, kind: 'embedded', close: () => db.destroy() };
}
