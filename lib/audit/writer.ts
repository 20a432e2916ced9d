import type { NewAuditEventRow } from '@/lib/db/schema';

export interface AuditWriterOptions {
  /** Writes one batch; throws when the database cannot take it. */
  insert(rows: NewAuditEventRow[]): Promise<void>;
  /** Events kept while the database is away; beyond it the oldest are dropped (and counted). */
  maxBuffered?: number;
  batchSize?: number;
  /** Back-off between attempts while the database is away. */
  retryDelayMs?: { first: number; max: number };
  log?: (line: string) => void;
}

export interface AuditWriterStatus {
  buffered: number;
  /** Events dropped because the buffer was full (since start). */
  dropped: number;
  /** Set while the database refuses writes. */
  failingSince: Date | null;
  lastError: string | null;
}

/**
 * The audit trail's write path. `enqueue` never throws and never waits: events go into a
 * bounded in-memory buffer that a background flush writes in batches. While the database
 * is away the buffer holds them and the flush retries with back-off; one log line says so
 * (never the event itself), and `status()` feeds the health report.
 */
export function createAuditWriter(options: AuditWriterOptions) {
  const maxBuffered = options.maxBuffered ?? 10_000;
  const batchSize = options.batchSize ?? 200;
  const delays = options.retryDelayMs ?? { first: 1_000, max: 30_000 };
  const log = options.log ?? ((line: string) => console.warn(line));
  const buffer: NewAuditEventRow[] = [];
  let dropped = 0;
  let failingSince: Date | null = null;
  let lastError: string | null = null;
  let delay = delays.first;
  let flushing: Promise<void> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  async function writeAll(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, batchSize);
      try {
        await options.insert(batch);
      } catch (error) {
        lastError = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
        if (!failingSince) {
          failingSince = new Date();
          log(
            `[audit] database unavailable, keeping ${buffer.length} event(s) in memory and retrying: ${lastError}`,
          );
        }
        scheduleRetry();
        return;
      }
      buffer.splice(0, batch.length);
      if (failingSince) log(`[audit] database back, buffered events written`);
      failingSince = null;
      lastError = null;
      delay = delays.first;
    }
  }

  function scheduleRetry(): void {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void flush();
    }, delay);
    retryTimer.unref?.();
    delay = Math.min(delays.max, delay * 2);
  }

  /** Writes what is buffered now; resolves when done or when the database refused. */
  function flush(): Promise<void> {
    flushing ??= writeAll().finally(() => {
      flushing = null;
      // An event enqueued while the last batch was finishing is not left behind.
      if (buffer.length > 0 && !retryTimer) void flush();
    });
    return flushing;
  }

  return {
    enqueue(row: NewAuditEventRow): void {
      buffer.push(row);
      if (buffer.length > maxBuffered) {
        const excess = buffer.length - maxBuffered;
        buffer.splice(0, excess);
        dropped += excess;
      }
      // While the database is away the retry timer owns the next attempt.
      if (!retryTimer) void flush();
    },
    flush,
    /** Flushes now, skipping the back-off (the health probe calls it after a good ping). */
    retryNow(): Promise<void> {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      return flush();
    },
    status(): AuditWriterStatus {
      return { buffered: buffer.length, dropped, failingSince, lastError };
    },
  };
}

export type AuditWriter = ReturnType<typeof createAuditWriter>;
