import { describe, expect, it } from 'vitest';
import { createCycler, type Expiring } from './cycler';

const minute = 60_000;
interface Value extends Expiring {
  serial: number;
}

/** A cycler on a hand-moved clock; values live an hour; `refresh` counts and can be held or failed. */
function setup() {
  const clock = { t: 0 };
  const lookups: boolean[] = [];
  const cycler = createCycler<Value>({
    now: () => clock.t,
    refreshWindowMs: 5 * minute,
    minRemainingMs: 30_000,
    backgroundCooldownMs: 30_000,
    onLookup: (_key, hit) => lookups.push(hit),
  });
  const source = {
    calls: 0,
    fail: false,
    held: null as Promise<void> | null,
    refresh: async (): Promise<Value> => {
      source.calls += 1;
      const serial = source.calls;
      if (source.held) await source.held;
      if (source.fail) throw new Error('refresh failed');
      return { serial, expiresAt: clock.t + 60 * minute };
    },
  };
  return { clock, cycler, source, lookups, get: () => cycler.get('k', source.refresh) };
}

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
const settle = () => new Promise((r) => setImmediate(r));

describe('cycler', () => {
  it('200 concurrent callers on an empty cache share one refresh', async () => {
    const { source, lookups, get } = setup();
    const held = gate();
    source.held = held.promise;
    const all = Promise.all(Array.from({ length: 200 }, get));
    held.open();
    const values = await all;
    expect(source.calls).toBe(1);
    expect(new Set(values.map((v) => v.serial))).toEqual(new Set([1]));
    expect(lookups.filter((hit) => !hit)).toHaveLength(200);
  });

  it('serves from the cache before the refresh window, without refreshing', async () => {
    const { clock, source, lookups, get } = setup();
    await get();
    clock.t += 54 * minute;
    expect((await get()).serial).toBe(1);
    await settle();
    expect(source.calls).toBe(1);
    expect(lookups).toEqual([false, true]);
  });

  it('inside the window serves the current value while one background refresh runs', async () => {
    const { clock, source, get } = setup();
    await get();
    clock.t += 56 * minute;
    const held = gate();
    source.held = held.promise;
    const during = await Promise.all(Array.from({ length: 20 }, get));
    expect(during.every((v) => v.serial === 1)).toBe(true);
    expect(source.calls).toBe(2);
    held.open();
    await settle();
    expect((await get()).serial).toBe(2);
  });

  it('a failed background refresh keeps serving the valid value and waits out the cooldown', async () => {
    const { clock, source, get } = setup();
    await get();
    clock.t += 56 * minute;
    source.fail = true;
    expect((await get()).serial).toBe(1);
    await settle();
    expect(source.calls).toBe(2);
    clock.t += 29_000; // inside the cooldown: no new attempt
    expect((await get()).serial).toBe(1);
    await settle();
    expect(source.calls).toBe(2);
    clock.t += 2_000; // past it: one more background attempt
    expect((await get()).serial).toBe(1);
    await settle();
    expect(source.calls).toBe(3);
  });

  it('makes callers wait once less than minRemaining is left, and a failure reaches them all', async () => {
    const { clock, source, get } = setup();
    await get();
    clock.t += 60 * minute - 20_000; // 20 s left, under the 30 s minimum
    source.fail = true;
    const results = await Promise.allSettled(Array.from({ length: 5 }, get));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(source.calls).toBe(2);
    source.fail = false;
    expect((await get()).serial).toBe(3); // a failure is not cached
  });

  it('put replaces the cached value; forget drops it', async () => {
    const { clock, cycler, source, get } = setup();
    await get();
    cycler.put('k', { serial: 99, expiresAt: clock.t + 60 * minute });
    expect((await get()).serial).toBe(99);
    cycler.forget((key) => key === 'k');
    expect((await get()).serial).toBe(2);
    expect(source.calls).toBe(2);
  });
});
