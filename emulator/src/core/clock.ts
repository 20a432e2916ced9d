/**
 * The emulator's clock. Tests move it forward (`advance`) to make refresh tokens go idle
 * for 90 days or access tokens expire without waiting. Every service reads time from here,
 * never from `Date.now()` directly.
 */
export class Clock {
  #offsetMs = 0;

  /** Milliseconds since the epoch, shifted by every `advance` so far. */
  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Whole seconds since the epoch (JWT `iat`/`exp`, Key Vault attributes). */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.#offsetMs += ms;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  set offsetMs(value: number) {
    this.#offsetMs = value;
  }
}
