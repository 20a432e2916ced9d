import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from './bounded';

describe('concurrencyLimit', () => {
  it('runs at most `limit` at once, starts the rest in order, and answers each its own result', async () => {
    const inTurn = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        inTurn(async () => {
          started.push(i);
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 5 * (6 - i)));
          running--;
          if (i === 3) throw new Error('three failed');
          return i * 10;
        }).catch((e: Error) => e.message),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    // A failure is its caller's only and frees its place for the next.
    expect(results).toEqual([0, 10, 20, 'three failed', 40, 50]);
  });

  it('refuses a limit that would let nothing run', () => {
    expect(() => concurrencyLimit(0)).toThrow(RangeError);
  });
});
