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
  /** Events the database refused for what they hold (since start): dropped, not retried. */
  refused: number;
  /** Set while the database refuses writes. */
  failingSince: Date | null;
  lastError: string | null;
}

/**
 * Whether the database refused rows for what they hold, not for being away: SQLSTATE class 22
 * (data exception, e.g. a NUL character in text or JSON) or 23 (integrity constraint). Writing
 * them again cannot help.
 */
function refusedForContent(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
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
  let refused = 0;
  let failingSince: Date | null = null;
  let lastError: string | null = null;
  let delay = delays.first;
  let flushing: Promise<void> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * A batch the database refused for its content: each row on its own, so one bad event is
   * dropped (counted, logged without its content) instead of holding back every later one.
   * Returns how many rows were settled (written or refused) before an outage, if one came.
   */
  async function writeOneByOne(batch: NewAuditEventRow[]): Promise<number> {
    for (const [index, row] of batch.entries()) {
      try {
        await options.insert([row]);
      } catch (error) {
        if (!refusedForContent(error)) return index;
        refused += 1;
        log(
          `[audit] the database refused an event for its content (SQLSTATE ${(error as { code: string }).code}); it is dropped`,
        );
      }
    }
    return batch.length;
  }

  async function writeAll(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, batchSize);
      try {
        await options.insert(batch);
      } catch (error) {
        if (refusedForContent(error)) {
          const settled = await writeOneByOne(batch);
          buffer.splice(0, settled);
          if (settled === batch.length) continue;
        }
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
        // This may take rows of the batch being written. If that write fails, they were the
        // oldest; if it succeeds, `writeAll` removes a batch's length from the front, which is
        // then the oldest rows still waiting. Either way exactly `excess` events are lost.
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
      return { buffered: buffer.length, dropped, refused, failingSince, lastError };
    },
  };
}

export type AuditWriter = ReturnType<typeof createAuditWriter>;
