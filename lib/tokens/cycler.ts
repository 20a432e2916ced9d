import 'server-only';

/** A value that stops being usable at `expiresAt` (epoch milliseconds on the cycler's clock). */
export interface Expiring {
  expiresAt: number;
  /** How old the value already is when the cycler gets it (one obtained elsewhere earlier). */
  ageMs?: number;
}

export interface CyclerOptions {
  /** The clock values age on. */
  now(): number;
  /** Inside this window before expiry a lookup starts a background refresh and keeps serving. */
  refreshWindowMs: number;
  /** A value is handed out only with at least this much life left, so it cannot expire in flight. */
  minRemainingMs: number;
  /** After a failed background refresh, wait this long before the next background attempt. */
  backgroundCooldownMs: number;
  /** Told of every lookup: served from the cache (`hit`) or waiting for a refresh. */
  onLookup?(key: string, hit: boolean): void;
}

export interface Cycler<T extends Expiring> {
  /**
   * A value for `key` with life left: the cached one (starting one background `refresh` when
   * inside the window), else the one in-flight refresh every caller of the key shares.
   */
  get(key: string, refresh: () => Promise<T>): Promise<T>;
  /** Caches a value obtained elsewhere (a forced refresh), replacing the cached one. */
  put(key: string, value: T): void;
  /** Drops the cached values, and the cooldowns, of the keys `which` picks. */
  forget(which: (key: string) => boolean): void;
  /**
   * Drops the value cached for `key` if `which` picks it (given how long ago it was obtained);
   * an in-flight refresh is kept, so callers who come after the drop share it. True if dropped.
   */
  forgetIf(key: string, which: (value: T, ageMs: number) => boolean): boolean;
}

interface Entry<T> {
  value?: T;
  /** When `value` was obtained (the cycler's clock): when it was cached, less its `ageMs`. */
  obtainedAt: number;
  inflight?: Promise<T>;
  backgroundNotBefore: number;
}

/**
 * A cache of expiring values with one shared refresh per key, the way Azure's token cycler
 * (core-rest-pipeline's tokenCycler) does it: fresh values are served from memory, values in
 * the refresh window are served while one background refresh runs, and only a missing or
 * nearly expired value makes callers wait, all on the same refresh. A failed background
 * refresh keeps the current value and is not tried again before the cooldown. What a value
 * is and how it is refreshed (and retried) is the caller's business.
 */
export function createCycler<T extends Expiring>(options: CyclerOptions): Cycler<T> {
  const entries = new Map<string, Entry<T>>();
  const entryFor = (key: string) => {
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = { obtainedAt: 0, backgroundNotBefore: 0 }));
    return entry;
  };
  const cache = (entry: Entry<T>, value: T) => {
    entry.value = value;
    entry.obtainedAt = options.now() - (value.ageMs ?? 0);
    return value;
  };

  function refreshOnce(entry: Entry<T>, refresh: () => Promise<T>): Promise<T> {
    entry.inflight ??= refresh()
      .then((value) => cache(entry, value))
      .finally(() => {
        entry.inflight = undefined;
      });
    return entry.inflight;
  }

  return {
    async get(key, refresh) {
      const entry = entryFor(key);
      const now = options.now();
      const cached = entry.value;
      if (cached && now < cached.expiresAt - options.minRemainingMs) {
        options.onLookup?.(key, true);
        const inWindow = now >= cached.expiresAt - options.refreshWindowMs;
        if (inWindow && !entry.inflight && now >= entry.backgroundNotBefore) {
          refreshOnce(entry, refresh).catch(() => {
            entry.backgroundNotBefore = options.now() + options.backgroundCooldownMs;
          });
        }
        return cached;
      }
      options.onLookup?.(key, false);
      return refreshOnce(entry, refresh);
    },
    put(key, value) {
      cache(entryFor(key), value);
    },
    forget(which) {
      for (const key of entries.keys()) if (which(key)) entries.delete(key);
    },
    forgetIf(key, which) {
      const entry = entries.get(key);
      if (!entry?.value || !which(entry.value, options.now() - entry.obtainedAt)) return false;
      entry.value = undefined;
      return true;
    },
  };
}
