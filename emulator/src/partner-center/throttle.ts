/**
 * Per-partner-tenant rate limit over a sliding one-minute window of the emulator clock. Off
 * (`null`) unless a test sets a rate: "API throttling guidance" says limits are per partner
 * tenant (or partner and customer) and change with telemetry, but publishes no number, and
 * its list of throttled operations leaves out listing customers and their users.
 */
export class SlidingWindowThrottle {
  static readonly windowMs = 60_000;
  #requestsPerMinute: number | null;
  #hits = new Map<string, number[]>();

  constructor(requestsPerMinute: number | null = null) {
    this.#requestsPerMinute = requestsPerMinute;
  }

  get requestsPerMinute(): number | null {
    return this.#requestsPerMinute;
  }

  set requestsPerMinute(value: number | null) {
    this.#requestsPerMinute = value;
  }

  /**
   * Records a request at `nowMs` for `key`; returns 0 when admitted, otherwise the whole
   * seconds until the oldest request in the window leaves it (rejected ones are not counted).
   */
  admit(key: string, nowMs: number): number {
    if (this.#requestsPerMinute === null) return 0;
    const windowStart = nowMs - SlidingWindowThrottle.windowMs;
    const hits = (this.#hits.get(key) ?? []).filter((at) => at > windowStart);
    if (hits.length >= this.#requestsPerMinute) {
      this.#hits.set(key, hits);
      const oldest = hits[hits.length - this.#requestsPerMinute] ?? nowMs;
      return Math.max(1, Math.ceil((oldest + SlidingWindowThrottle.windowMs - nowMs) / 1000));
    }
    hits.push(nowMs);
    this.#hits.set(key, hits);
    return 0;
  }

  reset(): void {
    this.#hits.clear();
  }
}
