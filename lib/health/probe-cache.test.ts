import { describe, expect, it } from 'vitest';
import { cachedProbe } from './probe-cache';

describe('cachedProbe', () => {
  it('probes again when the host clock went back, instead of serving its answer until the clock catches up', async () => {
    const clock = { now: Date.UTC(2026, 1, 1, 12) };
    let runs = 0;
    const probe = cachedProbe(
      async () => {
        runs += 1;
        return { state: 'ok', error: null };
      },
      { intervalMs: 30_000, now: () => clock.now },
    );
    await probe.get();
    await probe.get();
    expect(runs).toBe(1);
    // An NTP step of an hour back: the cached answer would otherwise stand for an hour more.
    clock.now -= 3_600_000;
    const record = await probe.get();
    expect(runs).toBe(2);
    expect(record.checkedAt).toBe(clock.now);
    await probe.get();
    expect(runs).toBe(2);
  });
});
