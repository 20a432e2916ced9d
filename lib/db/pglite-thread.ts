import 'server-only';
import { Worker } from 'node:worker_threads';

export interface EmbeddedQueryResult<R> {
  rows: R[];
  affectedRows?: number;
  command?: string;
}

/** What pglitePool needs of the embedded database. */
export interface EmbeddedDatabase {
  query<R>(sqlText: string, parameters: unknown[]): Promise<EmbeddedQueryResult<R>>;
  close(): Promise<void>;
  /**
   * Settles with the reason when the thread stops without close() (it ends itself after an
   * error PostgreSQL would not survive, see pglite-worker.mjs; or it crashed): every call fails
   * from then on, and the folder can be opened again.
   */
  readonly lost: Promise<Error>;
}

type WorkerMessage =
  | { ready: true }
  | { openFailed: ErrorFields }
  | { id: number; result: EmbeddedQueryResult<unknown> | null }
  | { id: number; error: ErrorFields };

type ErrorFields = { name: string; message: string } & Record<string, string | number>;

interface Waiting {
  resolve(result: EmbeddedQueryResult<unknown> | null): void;
  reject(error: Error): void;
}

/**
 * Opens PGlite on a thread of its own (pglite-worker.mjs) and talks to it by messages. On the
 * request thread its start-up would delay the first pages by about 300 ms and its queries
 * would queue behind rendering; on its own thread both run beside them. Statements keep their
 * order (one message queue, one PGlite connection); a statement's error arrives with its
 * PostgreSQL fields. The thread keeps the process alive only while a call is in flight.
 */
export function openPGliteThread(dataDir: string, settings: string[]): Promise<EmbeddedDatabase> {
  // Beside this module in every context: Node, tsx and vitest resolve the URL; Next's bundler
  // turns it into the worker's own chunk (and also copies the file into its public static
  // media, which scripts/standalone-layout.mjs leaves out). The thread is plain JavaScript: it
  // needs none of the parent's loaders or flags (V8's flags are process-wide).
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir, settings },
    execArgv: [],
    // The thread's name on Linux (Node 22 and later), where bench/support/thread-cpu.ts counts its CPU.
    name: 'pglite',
  });
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  let stopped: Error | undefined;
  let ready = false;
  let closing = false;
  let markLost!: (reason: Error) => void;
  const lost = new Promise<Error>((resolve) => (markLost = resolve));

  const holdProcess = () => (waiting.size > 0 ? worker.ref() : worker.unref());
  const stop = (reason: Error) => {
    stopped ??= reason;
    for (const call of waiting.values()) call.reject(reason);
    waiting.clear();
    holdProcess();
  };

  const call = (message: { sql: string; params: unknown[] } | { close: true }) => {
    if (stopped) return Promise.reject(stopped);
    const id = ++nextId;
    return new Promise<EmbeddedQueryResult<unknown> | null>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      holdProcess();
      worker.postMessage({ id, ...message });
    });
  };

  const database: EmbeddedDatabase = {
    async query<R>(sqlText: string, parameters: unknown[]) {
      return (await call({ sql: sqlText, params: parameters })) as EmbeddedQueryResult<R>;
    },
    lost,
    async close() {
      if (stopped) return;
      closing = true;
      await call({ close: true });
      stop(new Error('The embedded database is closed.'));
      await worker.terminate();
    },
  };

  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        ready = true;
        holdProcess();
        return resolve(database);
      }
      if ('openFailed' in message) {
        const failure = asError(message.openFailed);
        stop(failure);
        void worker.terminate();
        return reject(failure);
      }
      const pending = waiting.get(message.id);
      if (!pending) return;
      waiting.delete(message.id);
      holdProcess();
      if ('error' in message) pending.reject(asError(message.error));
      else pending.resolve(message.result);
    });
    // The thread itself ended (PGlite aborted, out of memory, a crash): every call now fails.
    const ended = (reason: Error) => {
      const firstStop = !stopped;
      stop(reason);
      reject(stopped);
      if (firstStop && ready && !closing) markLost(reason);
    };
    worker.on('error', (error) =>
      ended(new Error(`The embedded database stopped: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      ended(new Error(`The embedded database stopped (thread exit ${code}).`)),
    );
  });
}

/** An Error as PGlite would have thrown it: its message, name and PostgreSQL fields. */
function asError(fields: ErrorFields): Error {
  const { name, message, ...rest } = fields;
  return Object.assign(new Error(message), rest, { name });
}
