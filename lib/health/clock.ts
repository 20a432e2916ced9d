import 'server-only';
import { z } from 'zod';
import type { PortalConfig } from '@/lib/config';
import { readEmulatorEndpoints } from '@/lib/config/local-profile';

/** The health module's time source: `now()` is synchronous, `sync()` refreshes it before a report. */
export interface HealthClock {
  now(): number;
  sync(): Promise<void>;
}

export const systemHealthClock: HealthClock = { now: () => Date.now(), sync: async () => {} };

const clockStateSchema = z.object({ offsetMs: z.number() });

/**
 * In the local profile the emulator plays Microsoft's cloud, including its clock: tests
 * advance it by 61 or 90 days, and Key Vault's `created` dates are on it. Days left must be
 * counted on the same clock, so the health module reads the emulator's offset (at most once
 * a second). Real Azure uses the system clock.
 */
export function healthClockFor(config: PortalConfig, env: Record<string, string | undefined> = process.env): HealthClock {
  if (config.profile !== 'local') return systemHealthClock;
  let controlUrl: string;
  try {
    controlUrl = readEmulatorEndpoints(env.EMULATOR_ENDPOINTS_FILE).controlUrl;
  } catch {
    return systemHealthClock;
  }
  let offsetMs = 0;
  let syncedAt = 0;
  let inFlight: Promise<void> | null = null;
  return {
    now: () => Date.now() + offsetMs,
    sync() {
      if (Date.now() - syncedAt < 1_000) return Promise.resolve();
      inFlight ??= fetch(`${controlUrl.replace(/\/+$/, '')}/clock`, { signal: AbortSignal.timeout(2_000) })
        .then(async (response) => {
          const parsed = clockStateSchema.safeParse(await response.json());
          if (parsed.success) offsetMs = parsed.data.offsetMs;
          syncedAt = Date.now();
        })
        .catch(() => {
          // The emulator is down: keep the last offset; the probes will report the outage.
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
  };
}
