import { describe, expect, it } from 'vitest';
import { equalJitterDelay, parseRetryAfter, retrying, type RetryOptions } from './index';

class Failure extends Error {
  constructor(
    readonly transient: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(transient ? 'transient' : 'final');
  }
}

/** Time that passes only when the loop sleeps; remembers every wait asked for. */
function fakeTime(random = () => 0.5) {
  const time = { t: 0, waits: [] as number[] };
  return Object.assign(time, {
    now: () => time.t,
    random,
    sleep: async (ms: number) => {
      time.waits.push(ms);
      time.t += ms;
    },
  });
}

function run(failures: Failure[], options: Partial<RetryOptions> = {}) {
  const time = fakeTime();
  const attempts: number[] = [];
  const result = retrying(
    async (n) => {
      attempts.push(n);
      const failure = failures.shift();
      if (failure) throw failure;
      return 'ok';
    },
    {
      limits: { baseDelayMs: 100, maxDelayMs: 1_000 },
      time,
      classify: (e) =>
        e instanceof Failure && e.transient
          ? { retry: true, retryAfterMs: e.retryAfterMs, overlong: 'give-up' }
          : { retry: false },
      ...options,
    },
  );
  return { result, time, attempts };
}

describe('equal jitter', () => {
  it('doubles per attempt, keeps at least half of each step, and stops at the ceiling', () => {
    const limits = { baseDelayMs: 250, maxDelayMs: 4_000 };
    expect([1, 2, 3].map((a) => equalJitterDelay(limits, a, () => 0))).toEqual([125, 250, 500]);
    expect([1, 2, 3].map((a) => equalJitterDelay(limits, a, () => 0.999999))).toEqual([
      250, 500, 1000,
    ]);
    expect(equalJitterDelay(limits, 10, () => 0.999999)).toBe(4_000);
    expect(equalJitterDelay(limits, 10, () => 0)).toBe(2_000);
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds or an HTTP date, and null for anything else', () => {
    const now = Date.parse('2026-01-06T12:00:00Z');
    expect(parseRetryAfter('57', now)).toBe(57_000);
    expect(parseRetryAfter(' 3 ', now)).toBe(3_000);
    expect(parseRetryAfter('Tue, 06 Jan 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Tue, 06 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('retrying', () => {
  it('retries transient failures with backoff and returns the first success', async () => {
    const { result, time, attempts } = run([new Failure(true), new Failure(true)]);
    await expect(result).resolves.toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
    expect(time.waits).toEqual([75, 150]);
  });

  it('does not retry a failure the caller calls final', async () => {
    const final = new Failure(false);
    const { result, time } = run([new Failure(true), final]);
    await expect(result).rejects.toBe(final);
    expect(time.waits).toEqual([75]);
  });

  it('stops after maxAttempts and tells giveUp the wait a retry would have needed', async () => {
    const stops: Array<{ attempt: number; delayMs: number | null }> = [];
    const { result, attempts } = run([new Failure(true), new Failure(true), new Failure(true)], {
      limits: { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 2 },
      giveUp: (_e, details) => {
        stops.push(details);
        return new Error('gave up');
      },
    });
    await expect(result).rejects.toThrow('gave up');
    expect(attempts).toEqual([1, 2]);
    expect(stops).toEqual([{ attempt: 2, delayMs: 150 }]);
  });

  it('never lets the time spent plus the next wait exceed the budget', async () => {
    const always = Array.from({ length: 50 }, () => new Failure(true));
    const { result, time } = run(always, {
      limits: { baseDelayMs: 100, maxDelayMs: 1_000, budgetMs: 1_000 },
    });
    await expect(result).rejects.toBeInstanceOf(Failure);
    expect(time.waits).toEqual([75, 150, 300]); // a fourth wait (600) would end at 1,125
    expect(time.t).toBeLessThanOrEqual(1_000);
  });

  it('waits what Retry-After asks instead of the backoff', async () => {
    const { result, time } = run([new Failure(true, 3_000)]);
    await expect(result).resolves.toBe('ok');
    expect(time.waits).toEqual([3_000]);
  });

  it('gives up on a Retry-After beyond the bound, or waits the bound when told to', async () => {
    const limits = { baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000 };
    const tooLong = new Failure(true, 57_000);
    const refused = run([tooLong], { limits });
    await expect(refused.result).rejects.toBe(tooLong);
    expect(refused.time.waits).toEqual([]);
    const bounded = run([new Failure(true, 57_000)], {
      limits,
      classify: (e) => ({
        retry: true,
        retryAfterMs: (e as Failure).retryAfterMs,
        overlong: 'wait-the-bound',
      }),
    });
    await expect(bounded.result).resolves.toBe('ok');
    expect(bounded.time.waits).toEqual([10_000]);
  });

  it('tells onRetry before each wait and survives a listener that throws', async () => {
    const told: Array<[number, number]> = [];
    const { result } = run([new Failure(true), new Failure(true)], {
      onRetry: (_e, attempt, delayMs) => {
        told.push([attempt, delayMs]);
        throw new Error('broken listener');
      },
    });
    await expect(result).resolves.toBe('ok');
    expect(told).toEqual([
      [1, 75],
      [2, 150],
    ]);
  });

  it('passes the signal to sleep, so an abort ends the wait', async () => {
    const controller = new AbortController();
    const time = fakeTime();
    const result = retrying(
      async () => {
        throw new Failure(true);
      },
      {
        limits: { baseDelayMs: 100, maxDelayMs: 1_000 },
        signal: controller.signal,
        classify: () => ({ retry: true }),
        time: {
          ...time,
          sleep: (_ms, signal) => {
            controller.abort(new Error('caller left'));
            return Promise.reject(signal?.reason);
          },
        },
      },
    );
    await expect(result).rejects.toThrow('caller left');
  });
});
