import { describe, expect, it } from 'vitest';
import { fairLimit } from './bounded';

/** Work that runs until the test lets it end. */
function held() {
  const started: string[] = [];
  const ends = new Map<string, () => void>();
  const work = (name: string) => () => {
    started.push(name);
    return new Promise<string>((resolve) => ends.set(name, () => resolve(name)));
  };
  const end = async (name: string) => {
    ends.get(name)!();
    // Let the freed place be handed on.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { started, work, end };
}

describe('fairLimit', () => {
  it('runs at most `limit` at once, and answers each its own result', async () => {
    const inTurn = fairLimit(2);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        inTurn(`owner-${i}`, async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 5 * (6 - i)));
          running--;
          if (i === 3) throw new Error('three failed');
          return i * 10;
        }).catch((e: Error) => e.message),
      ),
    );
    expect(most).toBe(2);
    // A failure is its caller's only and frees its place for the next.
    expect(results).toEqual([0, 10, 20, 'three failed', 40, 50]);
  });

  it('lets one owner hold one place, and gives each freed place to the next owner in turn', async () => {
    const inTurn = fairLimit(3);
    const { started, work, end } = held();
    // One owner queues much first; two others come after it.
    const all = [
      ...['a1', 'a2', 'a3', 'a4'].map((n) => inTurn('a', work(n))),
      inTurn('b', work('b1')),
      inTurn('b', work('b2')),
      inTurn(null, work('p1')),
      inTurn('c', work('c1')),
    ];
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual(['a1', 'b1', 'p1']);
    // c waited for a place with nothing running: it goes before a's and b's next.
    await end('a1');
    expect(started.at(-1)).toBe('c1');
    await end('b1');
    expect(started.at(-1)).toBe('a2');
    await end('p1');
    expect(started.at(-1)).toBe('b2');
    for (const name of ['c1', 'a2', 'b2', 'a3', 'a4']) await end(name);
    expect(started).toEqual(['a1', 'b1', 'p1', 'c1', 'a2', 'b2', 'a3', 'a4']);
    expect(await Promise.all(all)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'p1', 'c1']);
  });

  it("takes an owner's own work by rank, lowest first, equal ranks as they came", async () => {
    const inTurn = fairLimit(1);
    const { started, work, end } = held();
    const all = [
      inTurn('a', work('first'), 5),
      inTurn('a', work('late'), 9),
      inTurn('a', work('early'), 1),
      inTurn('a', work('early too'), 1),
    ];
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const name of ['first', 'early', 'early too', 'late']) await end(name);
    expect(started).toEqual(['first', 'early', 'early too', 'late']);
    await Promise.all(all);
  });

  it('refuses a limit that would let nothing run', () => {
    expect(() => fairLimit(0)).toThrow(RangeError);
  });
});
