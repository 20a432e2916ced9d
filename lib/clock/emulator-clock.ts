import 'server-only';
import { z } from 'zod';
import { observeCloudTime } from './cloud-offset';

/** The part of the emulator's `GET /_emulator/clock` answer the portal reads. */
const emulatorClockSchema = z.object({ now: z.iso.datetime() });

export interface EmulatorClockSyncOptions {
  /** An emulator origin (every origin answers `/_emulator/clock`). */
  origin: string;
  /** Read the clock again once the last reading is this old (default 1 s). */
  maxAgeMs?: number;
  /** Give up on one reading after this long (default 2 s); the last offset stays. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * Local profile only: keeps the cloud offset (cloud-offset.ts) in step with the emulator's clock, which tests and
 * the README's experiment move forward by days at once. The portal otherwise learns the
 * cloud's time from `Date` headers, i.e. only after its next call to a service; a cached
 * access token would then outlive a clock jump by one page view. One reading at most every
 * `maxAgeMs`, shared by concurrent callers; a failed reading keeps the last offset (the
 * emulator being away shows up in the calls that follow, not here).
 */
export function createEmulatorClockSync(options: EmulatorClockSyncOptions): () => Promise<void> {
  const url = new URL('/_emulator/clock', options.origin).toString();
  const maxAgeMs = options.maxAgeMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;

  async function read(): Promise<void> {
    const sentAt = now();
    try {
      const response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) return;
      const parsed = emulatorClockSchema.safeParse(await response.json());
      if (!parsed.success) return;
      // The answer was read somewhere between sending and receiving: take the middle.
      observeCloudTime(Date.parse(parsed.data.now), (sentAt + now()) / 2);
    } catch {
      // Keep the last offset.
    } finally {
      // Also after a failure: an absent emulator costs one attempt per `maxAgeMs`, not per call.
      readAt = now();
    }
  }

  return () => {
    if (now() - readAt < maxAgeMs) return Promise.resolve();
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  };
}
