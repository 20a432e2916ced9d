import { afterEach, describe, expect, it } from 'vitest';
import { observeServiceDate, portalClock, systemClock } from './index';

const day = 86_400_000;
const local = { profile: 'local' as const, entra: { authorityHost: 'https://127.0.0.1:1' } };

describe('portal clock', () => {
  afterEach(() => observeServiceDate(new Date().toUTCString()));

  it('in Azure ages caches on the host while cloud time follows the services', () => {
    const clock = portalClock({ ...local, profile: 'azure' });
    expect(clock).toBe(systemClock);
    observeServiceDate(new Date(Date.now() + 3 * day).toUTCString());
    expect(clock.cloudNow() - Date.now()).toBeGreaterThan(3 * day - 5_000);
    expect(Math.abs(clock.cacheNow() - Date.now())).toBeLessThan(1_000);
  });

  it('in the local profile ages caches on the cloud clock', () => {
    const clock = portalClock(local);
    observeServiceDate(new Date(Date.now() + 3 * day).toUTCString());
    expect(clock.cacheNow() - Date.now()).toBeGreaterThan(3 * day - 5_000);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1_000);
    expect(portalClock(local)).toBe(clock); // one emulator reader per process
  });
});
