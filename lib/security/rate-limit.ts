import { CompiledQuery, type Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '@/lib/db/schema';
import { withDeadline } from '@/lib/clock/deadline';

/**
 * Fixed-window limits from rate-limiter-flexible (README, "Running several instances"):
 * `points` requests per `durationSeconds` per key. With a shared store every instance counts
 * in one PostgreSQL row per key (one atomic upsert per request, so concurrent requests on
 * different instances cannot both take the last point). While that store is away or slow,
 * each instance counts in its own memory and says so through `onAvailability`.
 */
export interface RouteLimiterOptions {
  name: string;
  points: number;
  durationSeconds: number;
  shared?: SharedRateStore;
}

export interface SharedRateStore {
  database: () => Promise<Kysely<Database>>;
  /** Told when the shared store fails or answers again (health reports it). */
  onAvailability?: (available: boolean) => void;
  /** How long a request waits for the store before counting locally (default 1 s). */
  timeoutMs?: number;
}

export type RateDecision =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** rate-limiter-flexible's "pool" client over Kysely: the same code drives `pg` and PGlite. */
function kyselyClient(db: Kysely<Database>) {
  return {
    query: ({ text, values }: { text: string; values?: unknown[] }) =>
      db.executeQuery(CompiledQuery.raw(text, values ?? [])),
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return withDeadline(work, ms, () => {
    throw new Error('The rate-limit store did not answer in time.');
  });
}

async function decide(consuming: Promise<RateLimiterRes>): Promise<RateDecision> {
  try {
    const res = await consuming;
    return { allowed: true, remaining: res.remainingPoints };
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
    };
  }
}

export class RouteLimiter {
  private readonly memory: RateLimiterMemory;
  private sharedLimiter: Promise<RateLimiterPostgres> | undefined;

  constructor(private readonly options: RouteLimiterOptions) {
    if (options.points < 1 || options.durationSeconds <= 0)
      throw new RangeError('points must be >= 1 and durationSeconds > 0');
    this.memory = new RateLimiterMemory({
      keyPrefix: options.name,
      points: options.points,
      duration: options.durationSeconds,
    });
  }

  /** Takes one point for `key`; refused requests cost nothing further. */
  async take(key: string): Promise<RateDecision> {
    const { shared } = this.options;
    if (!shared) return decide(this.memory.consume(key));
    try {
      const decision = await withTimeout(
        this.limiter(shared).then((limiter) => decide(limiter.consume(key))),
        shared.timeoutMs ?? 1_000,
      );
      shared.onAvailability?.(true);
      return decision;
    } catch {
      shared.onAvailability?.(false);
      return decide(this.memory.consume(key));
    }
  }

  private limiter(shared: SharedRateStore): Promise<RateLimiterPostgres> {
    this.sharedLimiter ??= shared.database().then(
      (db) =>
        new RateLimiterPostgres({
          storeClient: kyselyClient(db),
          storeType: 'pool',
          // Migration 0004 creates the table; no DDL at request time.
          tableName: 'rate_limits',
          tableCreated: true,
          // Deletes rows expired an hour ago every 5 minutes (an unref'd timer).
          clearExpiredByTimeout: true,
          keyPrefix: this.options.name,
          points: this.options.points,
          duration: this.options.durationSeconds,
        }),
    );
    // A database that was away at first use is tried again next time.
    this.sharedLimiter.catch(() => (this.sharedLimiter = undefined));
    return this.sharedLimiter;
  }
}
