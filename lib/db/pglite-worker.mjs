/**
 * The embedded database's own thread (started by pglite-thread.ts): PGlite opens here and runs
 * every statement here, so its start-up (PostgreSQL's, inside WebAssembly: about 300 ms of CPU)
 * and its queries use the machine's second core instead of the one thread that renders pages.
 * Plain JavaScript so Node.js runs it as it is, under Next's server, tsx and vitest alike.
 *
 * Messages in: `{ id, sql, params }` runs a statement, `{ id, close: true }` closes the database.
 * Messages out: `{ ready: true }` or `{ openFailed }` once; then one answer per message,
 * `{ id, result }` or `{ id, error }`. The thread ends by itself after an error PostgreSQL
 * would not have survived (below).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** @type {{ dataDir: string, settings: string[] }} */
const { dataDir, settings } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/**
 * What a statement's error carries across: PostgreSQL's fields (SQLSTATE `code`, `constraint`,
 * `detail`…), which callers branch on; never the statement's parameters, which may be data the
 * caller keeps out of errors and logs.
 * @param {unknown} error
 */
function errorFields(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  /** @type {Record<string, unknown>} */
  const fields = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (key === 'params' || key === 'query' || key === 'queryOptions') continue;
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return fields;
}

/**
 * Whether PostgreSQL inside PGlite can no longer be trusted after `error`.
 * @param {unknown} error
 */
function unrecoverable(error) {
  if (error instanceof WebAssembly.RuntimeError) return true;
  const severity = /** @type {{ severity?: unknown }} */ (error)?.severity;
  return severity === 'PANIC' || severity === 'FATAL';
}

/** @type {PGlite} */
let database;
try {
  database = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, ...settings],
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ openFailed: errorFields(error) });
  port.close();
}

port.on(
  'message',
  async (/** @type {{ id: number, sql?: string, params?: unknown[], close?: true }} */ message) => {
    try {
      if (message.close) {
        await database.close();
        port.postMessage({ id: message.id, result: null });
        port.close();
        return;
      }
      const { rows, affectedRows, command } = await database.query(
        message.sql ?? '',
        message.params,
      );
      port.postMessage({ id: message.id, result: { rows, affectedRows, command } });
    } catch (error) {
      port.postMessage({ id: message.id, error: errorFields(error) });
      // PostgreSQL ends its session on a FATAL error and restarts on a PANIC; PGlite's one
      // session carries on instead, and then answers later statements with empty results or
      // errors (seen after a PANIC in PGlite 0.5). An abort inside its WebAssembly leaves it
      // in the same state. So end the thread: the portal opens the folder again, and PostgreSQL
      // recovers it from its write-ahead log, as after any crash.
      if (unrecoverable(error)) process.exit(1);
    }
  },
);
