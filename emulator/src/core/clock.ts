/**
 * The emulator's clock. Tests move it forward (`advance`) to make refresh tokens go idle
 * for 90 days or secrets age without waiting. Every service reads time from here, never
 * from `Date.now()` directly.
 *
 * Advancing models time passing for what the cloud *stores*. Clients' clocks do not jump
 * with it, so a token a client already holds keeps aging in real time: `offsetAt` tells
 * which offset was in force when a token was issued, and verifiers judge the token at
 * real time plus that offset (see EntraTokenVerifier).
 */
export class Clock {
  /** Offsets in force since a real time, oldest first; offsets only grow. */
  #epochs: Array<{ fromRealMs: number; offsetMs: number }> = [{ fromRealMs: 0, offsetMs: 0 }];

  /** Milliseconds since the epoch, shifted by every `advance` so far. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Whole seconds since the epoch (JWT `iat`/`exp`, Key Vault attributes). */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.#epochs.push({ fromRealMs: Date.now(), offsetMs: this.offsetMs + ms });
  }

  /**
   * The offset that was in force when the emulator clock read `emulatorMs`. Each epoch
   * covers a distinct, later range of emulator time, so the answer is unique. Epochs start
   * on the whole second: JWT times are truncated to seconds.
   */
  offsetAt(emulatorMs: number): number {
    for (let i = this.#epochs.length - 1; i > 0; i -= 1) {
      const epoch = this.#epochs[i]!;
      const startsAt = Math.floor((epoch.fromRealMs + epoch.offsetMs) / 1000) * 1000;
      if (emulatorMs >= startsAt) return epoch.offsetMs;
    }
    return this.#epochs[0]!.offsetMs;
  }

  get offsetMs(): number {
    return this.#epochs[this.#epochs.length - 1]!.offsetMs;
  }

  /** Restores a saved offset (state load, reset); earlier history is not kept. */
  set offsetMs(value: number) {
    this.#epochs = [{ fromRealMs: 0, offsetMs: value }];
  }
}
