/**
 * Per-partner-tenant rate limit over a sliding one-minute window of the emulator clock
 * (Partner Center documents its limits per partner tenant; 500 requests/min by default).
 */
export class SlidingWindowThrottle {
  static readonly windowMs = 60_000;
  #requestsPerMinute: number;
  #hits = new Map<string, number[]>();

  constructor(requestsPerMinute = 500) {
    this.#requestsPerMinute = requestsPerMinute;
  }

  get requestsPerMinute(): number {
    return this.#requestsPerMinute;
  }

  set requestsPerMinute(value: number) {
    this.#requestsPerMinute = value;
  }

  /**
   * Records a request at `nowMs` for `key`; returns 0 when admitted, otherwise the whole
   * seconds until the oldest request in the window leaves it (rejected ones are not counted).
   */
  admit(key: string, nowMs: number): number {
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
