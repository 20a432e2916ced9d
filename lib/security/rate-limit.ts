/**
 * In-memory token buckets, one per key (client address and route). Each bucket holds up to
 * `capacity` requests and refills continuously at `capacity` per `windowSeconds`. Memory is
 * bounded: past `maxKeys` the least recently used keys are dropped (a dropped key starts full,
 * which only ever favours the client, never locks one out).
 */
export interface TokenBucketOptions {
  capacity: number;
  windowSeconds: number;
  maxKeys?: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  private readonly maxKeys: number;

  constructor(private readonly options: TokenBucketOptions) {
    if (options.capacity < 1 || options.windowSeconds <= 0) throw new RangeError('capacity must be >= 1 and windowSeconds > 0');
    this.refillPerMs = options.capacity / (options.windowSeconds * 1000);
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Takes one token for `key` at `nowMs`; refused requests cost nothing. */
  take(key: string, nowMs = Date.now()): RateDecision {
    const bucket = this.refilled(key, nowMs);
    // Re-insert so Map order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evictOverflow();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000)) };
  }

  /** Number of keys held (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, nowMs: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.options.capacity, updatedAtMs: nowMs };
    const elapsed = Math.max(0, nowMs - bucket.updatedAtMs);
    return { tokens: Math.min(this.options.capacity, bucket.tokens + elapsed * this.refillPerMs), updatedAtMs: nowMs };
  }

  private evictOverflow(): void {
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) return;
      this.buckets.delete(oldest);
    }
  }
}
