import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openPGliteThread, type EmbeddedDatabase } from './pglite-thread';

/**
 * PostgreSQL's default of 128 MB of shared buffers lives inside PGlite's WASM memory, in the
 * portal's process: 16 MB takes ~130 MB off the portal's RSS (304 -> 209 MB measured on the
 * bench's database, 200 catalog queries either way) and opens faster. The portal's working
 * set (sessions, leases, audit pages) is small; reads beyond it come from the OS page cache.
 */
const embeddedSharedBuffers = '16MB';

/** An opening started at server start, waiting for the database's first user to take it. */
const started = globalThis as typeof globalThis & {
  __partnerPortalEmbeddedOpening?: { dataDir: string; opening: Promise<EmbeddedDatabase> };
};

/**
 * Starts opening the embedded database in the folder now (instrumentation-node.ts, at server
 * start), without loading the query builder or the migrations: the next
 * openEmbeddedDatabase() of that folder takes this opening over instead of starting another.
 */
export function startOpeningEmbeddedDatabase(embeddedDir: string): void {
  if (started.__partnerPortalEmbeddedOpening) return;
  const dataDir = dataDirOf(embeddedDir);
  const opening = open(dataDir);
  // Its taker sees a failure (and getDatabase tries again); until then it is not unhandled.
  opening.catch(() => undefined);
  started.__partnerPortalEmbeddedOpening = { dataDir, opening };
}

/** PGlite in the folder (created when missing; `memory://` keeps it in memory), on its own thread. */
export function openEmbeddedDatabase(embeddedDir: string): Promise<EmbeddedDatabase> {
  const dataDir = dataDirOf(embeddedDir);
  const early = started.__partnerPortalEmbeddedOpening;
  if (early?.dataDir === dataDir) {
    started.__partnerPortalEmbeddedOpening = undefined;
    return early.opening;
  }
  return open(dataDir);
}

function dataDirOf(embeddedDir: string): string {
  return embeddedDir.startsWith('memory://') ? embeddedDir : path.resolve(embeddedDir);
}

async function open(dataDir: string): Promise<EmbeddedDatabase> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return openPGliteThread(dataDir, ['-c', `shared_buffers=${embeddedSharedBuffers}`]);
}
