import 'server-only';
import { cloudNow } from './cloud-offset';
import { createEmulatorClockSync } from './emulator-clock';

export { observeServiceDate, observeCloudTime } from './cloud-offset';

/**
 * The portal's one notion of time, passed as one object to what needs it (tokens, vault,
 * health, id_token checks) so tests move a single clock (`ManualClock` in
 * manual-clock.test-support.ts). Three readings of it, each for a reason:
 */
export interface Clock {
  /** The host's time: lifetimes Entra states, retry budgets, the portal's own probes. */
  now(): number;
  /**
   * The cloud's time: the host's plus the offset Microsoft's services show in their `Date`
   * headers (and, in the local profile, the emulator's clock). Facts the cloud stamps (a Key
   * Vault secret's `created`, so the 90-day inactivity window) are measured on it.
   */
  cloudNow(): number;
  /**
   * The time caches (access tokens, Partner Center answers, customer walks) age on: the
   * cloud's in the local profile, so moving the emulator's clock ages them as that much real
   * time would; the host's in Azure, whose clock already follows Microsoft's.
   */
  cacheNow(): number;
  /** Brings `cloudNow` up to date before a cache lookup (local profile; cheap when it is). */
  sync(): Promise<void>;
}

/** The host's clock, with the cloud's offset as services report it; caches age on the host. */
export const systemClock: Clock = {
  now: () => Date.now(),
  cloudNow,
  cacheNow: () => Date.now(),
  sync: async () => {},
};

const holder = globalThis as typeof globalThis & { __partnerPortalLocalClock?: Clock };

/**
 * The clock of this deployment: `systemClock` in Azure; in the local profile the caches age
 * on the cloud's clock, kept in step with the emulator's (one reader per process).
 */
export function portalClock(config: {
  profile: 'azure' | 'local';
  entra: { authorityHost: string };
}): Clock {
  if (config.profile !== 'local') return systemClock;
  holder.__partnerPortalLocalClock ??= {
    ...systemClock,
    cacheNow: cloudNow,
    sync: createEmulatorClockSync({ origin: config.entra.authorityHost }),
  };
  return holder.__partnerPortalLocalClock;
}

/**
 * A clock whose three readings are one time source (the emulator's clock in integration
 * tests and benchmarks, which run the cloud and the portal in one process).
 */
export function uniformClock(now: () => number): Clock {
  return { now, cloudNow: now, cacheNow: now, sync: async () => {} };
}
