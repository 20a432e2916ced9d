/**
 * The embedded database's own thread (started by pglite-thread.ts): PGlite opens here and runs
 * every statement here, so its start-up (PostgreSQL's, inside WebAssembly: about 300 ms of CPU)
 * and its queries use the machine's second core instead of the one thread that renders pages.
 * Plain JavaScript so Node.js runs it as it is, under Next's server, tsx and vitest alike.
 *
 * Messages in: `{ id, sql, params }` runs a statement, `{ id, close: true }` closes the database.
 * Messages out: `{ ready: true }` or `{ openFailed }` once; then one answer per message,
 * `{ id, result }` or `{ id, error }`.
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
    }
  },
);
