import { CompiledQuery, type Kysely } from 'kysely';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '@/lib/db/schema';
import { withDeadline } from '@/lib/clock/deadline';
import { MemoryWindows } from './memory-windows';

/**
 * Fixed-window limits (README, "Running several instances"): `points` requests per
 * `durationSeconds` per key. With a shared store every instance counts in one PostgreSQL row per
 * key through rate-limiter-flexible (one atomic upsert per request, so concurrent requests on
 * different instances cannot both take the last point). Without one, and while it is away or
 * slow, each instance counts in its own bounded memory (MemoryWindows) and says so through
 * `onAvailability`.
 */
export interface RouteLimiterOptions {
  name: string;
  points: number;
  durationSeconds: number;
  shared?: SharedRateStore;
  /** Clients counted in memory at most (default `defaultMaxKeysInMemory`; see MemoryWindows). */
  maxKeysInMemory?: number;
}

/**
 * Keys are at most 64 characters (clientAddress): about 5 MB per limiter when full. At 30
 * requests each that is far more sign-ins a minute than one instance serves, so legitimate
 * traffic never fills it, only a flood from many addresses (an IPv6 /48 holds 65,536 /64s).
 */
export const defaultMaxKeysInMemory = 10_000;

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
  private readonly memory: MemoryWindows;
  private sharedLimiter: Promise<RateLimiterPostgres> | undefined;

  constructor(private readonly options: RouteLimiterOptions) {
    const maxKeys = options.maxKeysInMemory ?? defaultMaxKeysInMemory;
    if (options.points < 1 || options.durationSeconds <= 0 || maxKeys < 1)
      throw new RangeError('points and maxKeysInMemory must be >= 1 and durationSeconds > 0');
    // rate-limiter-flexible's RateLimiterMemory holds every key (and a timer each) until its
    // window ends, however many arrive: a client with many addresses could grow it unbounded.
    this.memory = new MemoryWindows({
      points: options.points,
      durationMs: options.durationSeconds * 1000,
      maxKeys,
    });
  }

  /** Keys counted in this process's memory now (tests). */
  get keysInMemory(): number {
    return this.memory.size;
  }

  /** Takes one point for `key`; refused requests cost nothing further. */
  async take(key: string): Promise<RateDecision> {
    const { shared } = this.options;
    if (!shared) return this.memory.take(key);
    try {
      const decision = await withTimeout(
        this.limiter(shared).then((limiter) => decide(limiter.consume(key))),
        shared.timeoutMs ?? 1_000,
      );
      shared.onAvailability?.(true);
      return decision;
    } catch {
      shared.onAvailability?.(false);
      return this.memory.take(key);
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
