import { describe, expect, it } from 'vitest';
import { median, mergeLoads, runLoad, splitEvenly, type LoadResult } from './load';

function load(latencies: number[], seconds: number, failures = 0): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    failures,
    seconds,
    requestsPerSecond: sorted.length / seconds,
    p50: Number.NaN,
    p99: Number.NaN,
    latencies: sorted,
  };
}

describe('median', () => {
  it('takes the middle value of an unsorted list, the lower middle of an even one', () => {
    expect(median([1103, 974, 1297])).toBe(1103);
    expect(median([40, 10, 30, 20])).toBe(20);
    expect(median([])).toBeNaN();
  });
});

describe('splitEvenly', () => {
  it('splits into counts that differ by one at most, larger first, keeping the total', () => {
    expect(splitEvenly(300, 3)).toEqual([100, 100, 100]);
    expect(splitEvenly(100, 3)).toEqual([34, 33, 33]);
    expect(splitEvenly(2, 3)).toEqual([1, 1]);
    expect(splitEvenly(5, 0)).toEqual([5]);
  });
});

describe('mergeLoads', () => {
  it('takes percentiles over every round and the rate over the rounds’ own time', () => {
    // A slow round and a fast one: the median lies between them, not in either alone.
    const merged = mergeLoads([load([10, 11, 12, 13], 2, 1), load([30, 31, 32, 33], 3)]);
    expect(merged.requests).toBe(8);
    expect(merged.failures).toBe(1);
    expect(merged.seconds).toBe(5);
    expect(merged.requestsPerSecond).toBeCloseTo(1.6);
    expect(merged.p50).toBe(13);
    expect(merged.p99).toBe(33);
    expect(merged.latencies).toEqual([10, 11, 12, 13, 30, 31, 32, 33]);
  });

  it('gives what runLoad gave for a single round', async () => {
    let i = 0;
    const single = await runLoad(20, 4, async () => ++i % 5 !== 0);
    expect(mergeLoads([single])).toEqual(single);
    expect(single.failures).toBe(4);
    expect(single.latencies).toHaveLength(20);
  });
});
