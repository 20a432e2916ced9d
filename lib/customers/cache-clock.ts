import 'server-only';
import { portalClock, systemClock } from '@/lib/clock';
import { getConfig } from '@/lib/config';

/**
 * The clock the customer caches (counts, user directories) age on: in the local profile the
 * emulator's, like cached access tokens and Partner Center answers, so a clock jump shows
 * what that much real time would; in Azure the host's.
 */
export function cacheNow(): number {
  return clock().cacheNow();
}

/** Brings `cacheNow` up to date (local profile; at most one emulator reading a second). */
export async function syncCacheClock(): Promise<void> {
  await clock().sync();
}

// The profile is the one setting read first (as lib/config reads it): outside the local
// profile the caches need no configuration at all (Azure, unit tests of the walks).
function clock() {
  return process.env.PORTAL_PROFILE === 'local' ? portalClock(getConfig()) : systemClock;
}
