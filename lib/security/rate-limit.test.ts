import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clientAddress } from './client-address';
import { defaultMaxKeysInMemory, RouteLimiter } from './rate-limit';
import { rateLimitKey } from './rate-limit-key';
import { limitedRouteOf } from './limited-routes';
import { checkRateLimit, resetRateLimits } from './rate-limits';

describe('RouteLimiter in memory', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 10, 1) }));
  afterEach(() => vi.useRealTimers());

  it('allows `points` in a window, then refuses with the seconds until the window ends', async () => {
    const limiter = new RouteLimiter({ name: 't', points: 3, durationSeconds: 60 });
    expect(
      (await Promise.all([1, 2, 3].map(() => limiter.take('a')))).map((d) => d.allowed),
    ).toEqual([true, true, true]);
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    vi.advanceTimersByTime(59_000);
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    vi.advanceTimersByTime(1_000);
    expect((await limiter.take('a')).allowed).toBe(true);
  });

  it('keeps keys apart', async () => {
    const limiter = new RouteLimiter({ name: 't', points: 1, durationSeconds: 60 });
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('b')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(false);
  });

  it('refuses nonsense limits', () => {
    expect(() => new RouteLimiter({ name: 't', points: 0, durationSeconds: 60 })).toThrow(
      RangeError,
    );
  });
});

describe('RouteLimiter in memory, bounded', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 10, 1) }));
  afterEach(() => vi.useRealTimers());

  it('holds at most maxKeysInMemory keys: a flood forgets the oldest windows with points left', async () => {
    const limiter = new RouteLimiter({
      name: 't',
      points: 3,
      durationSeconds: 60,
      maxKeysInMemory: 100,
    });
    expect(await limiter.take('early')).toEqual({ allowed: true, remaining: 2 });
    for (let i = 0; i < 1_000; i++) await limiter.take(`flood-${i}`);
    expect(limiter.keysInMemory).toBe(100);
    // Forgotten, so counted afresh: it had points left, and gets back only what it used.
    expect(await limiter.take('early')).toEqual({ allowed: true, remaining: 2 });
  });

  it('drops ended windows as requests arrive, without a timer per key', async () => {
    const limiter = new RouteLimiter({ name: 't', points: 3, durationSeconds: 60 });
    for (let i = 0; i < 500; i++) await limiter.take(`client-${i}`);
    expect(limiter.keysInMemory).toBe(500);
    vi.advanceTimersByTime(60_000);
    await limiter.take('next');
    expect(limiter.keysInMemory).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a limited /64 limited while every other /64 of its /48 arrives', async () => {
    // The /48 must overflow the default bound, or this would prove nothing.
    expect(defaultMaxKeysInMemory).toBeLessThan(65_536);
    const limiter = new RouteLimiter({ name: 't', points: 2, durationSeconds: 60 });
    const limited = rateLimitKey('2001:db8:1:0::1');
    expect((await limiter.take(limited)).allowed).toBe(true);
    expect((await limiter.take(limited)).allowed).toBe(true);
    expect((await limiter.take(limited)).allowed).toBe(false);
    vi.advanceTimersByTime(1_000);
    for (let i = 1; i < 65_536; i++)
      await limiter.take(rateLimitKey(`2001:db8:1:${i.toString(16)}::1`));
    expect(limiter.keysInMemory).toBe(defaultMaxKeysInMemory);
    expect(await limiter.take(limited)).toEqual({ allowed: false, retryAfterSeconds: 59 });
    vi.advanceTimersByTime(59_000);
    expect((await limiter.take(limited)).allowed).toBe(true);
  });

  it('when every key held has used its points, refuses a new key until the oldest window ends', async () => {
    const limiter = new RouteLimiter({
      name: 't',
      points: 1,
      durationSeconds: 60,
      maxKeysInMemory: 3,
    });
    expect((await limiter.take('a')).allowed).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect((await limiter.take('b')).allowed).toBe(true);
    expect((await limiter.take('c')).allowed).toBe(true);
    expect(await limiter.take('newcomer')).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(await limiter.take('b')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    vi.advanceTimersByTime(50_000);
    expect((await limiter.take('newcomer')).allowed).toBe(true);
    // a's window ended and its place is taken: it waits for b's window like any new key.
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.keysInMemory).toBe(3);
  });

  it('refuses a bound below one', () => {
    expect(
      () => new RouteLimiter({ name: 't', points: 1, durationSeconds: 60, maxKeysInMemory: 0 }),
    ).toThrow(RangeError);
  });
});

describe('clientAddress', () => {
  const headers = (xff?: string) =>
    new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff });

  it('without a trusted proxy uses the last entry (the socket address Next filled in)', () => {
    expect(clientAddress(headers('::1'), 0)).toBe('::1');
    expect(clientAddress(headers('10.0.0.1, 203.0.113.9'), 0)).toBe('203.0.113.9');
  });

  it('with trusted proxies skips what the client could have forged', () => {
    // client forged "1.1.1.1"; proxy 1 saw 198.51.100.7 and appended it; proxy 2 appended proxy 1.
    expect(clientAddress(headers('1.1.1.1, 198.51.100.7, 10.0.0.2'), 2)).toBe('198.51.100.7');
    expect(clientAddress(headers('198.51.100.7'), 3)).toBe('198.51.100.7');
  });

  it('is bounded and never empty', () => {
    expect(clientAddress(headers(), 0)).toBe('unknown');
    expect(clientAddress(headers('x'.repeat(5000)), 0)).toHaveLength(64);
  });
});

describe('rateLimitKey', () => {
  it('keys IPv6 by its /64, however the address is written', () => {
    const key = '2001:db8:0:0::/64';
    for (const address of [
      '2001:db8::1',
      '2001:db8::ffff:1234',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '2001:DB8::ABCD',
      '2001:db8::1%eth0',
      '[2001:db8::1]',
      '[2001:db8::1]:54321',
    ])
      expect(rateLimitKey(address), address).toBe(key);
    expect(rateLimitKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(rateLimitKey('2001:db8:1::1')).toBe('2001:db8:1:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps IPv4 per address; the IPv4-mapped IPv6 form is that IPv4 address', () => {
    expect(rateLimitKey('192.0.2.1')).toBe('192.0.2.1');
    expect(rateLimitKey('192.0.2.2')).toBe('192.0.2.2');
    expect(rateLimitKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(rateLimitKey('::FFFF:c000:0201')).toBe('192.0.2.1');
    expect(rateLimitKey('[::ffff:192.0.2.1]:443')).toBe('192.0.2.1');
    // Proxies such as App Service append the client's port: one client, many ports.
    expect(rateLimitKey('192.0.2.1:50123')).toBe('192.0.2.1');
  });

  it('leaves what is not an address as it is (bounded by clientAddress)', () => {
    expect(rateLimitKey('unknown')).toBe('unknown');
    expect(rateLimitKey('x'.repeat(64))).toBe('x'.repeat(64));
    expect(rateLimitKey('2001:db8::1::2')).toBe('2001:db8::1::2');
  });
});

describe('checkRateLimit', () => {
  it('limits sign-in starts, sign-in callbacks and the consent callback, nothing else', () => {
    expect(limitedRouteOf('POST', '/api/auth/signin/azure-ad')).toBe('sign-in');
    expect(limitedRouteOf('GET', '/api/auth/callback/azure-ad')).toBe('sign-in');
    expect(limitedRouteOf('POST', '/api/consent/callback')).toBe('consent-callback');
    expect(limitedRouteOf('GET', '/api/auth/session')).toBeNull();
    expect(limitedRouteOf('GET', '/customers')).toBeNull();
    // Spellings the router serves as the same route count against the same limit.
    expect(limitedRouteOf('GET', '/api/auth/%63allback/azure-ad')).toBe('sign-in');
    expect(limitedRouteOf('POST', '/api/auth//signin/azure-ad/')).toBe('sign-in');
    expect(limitedRouteOf('POST', '/api/consent/%63allback')).toBe('consent-callback');
    expect(limitedRouteOf('POST', '/api//consent/callback/')).toBe('consent-callback');
  });

  const settings = { trustedProxyCount: 0, signInPerMinute: 5, consentCallbackPerMinute: 2 };
  /** A consent callback from `address` (no proxy: the header is the client's). */
  const from = (address: string) =>
    new Request('http://portal.test/api/consent/callback', {
      method: 'POST',
      headers: { 'x-forwarded-for': address },
    });

  it('refuses the n+1st consent callback from one address but not from another', async () => {
    resetRateLimits();
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 1) });
    try {
      expect((await checkRateLimit(from('192.0.2.1'), settings))?.allowed).toBe(true);
      expect((await checkRateLimit(from('192.0.2.1'), settings))?.allowed).toBe(true);
      expect(await checkRateLimit(from('192.0.2.1'), settings)).toEqual({
        allowed: false,
        retryAfterSeconds: 60,
      });
      expect((await checkRateLimit(from('192.0.2.2'), settings))?.allowed).toBe(true);
      expect((await checkRateLimit(from('::ffff:192.0.2.2'), settings))?.allowed).toBe(true);
      expect((await checkRateLimit(from('192.0.2.2'), settings))?.allowed).toBe(false);
      expect(
        await checkRateLimit(new Request('http://portal.test/customers'), settings),
      ).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts every address of one IPv6 /64 (one customer line) in one bucket', async () => {
    resetRateLimits();
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 1) });
    try {
      expect((await checkRateLimit(from('2001:db8::1'), settings))?.allowed).toBe(true);
      expect((await checkRateLimit(from('2001:db8::2'), settings))?.allowed).toBe(true);
      expect((await checkRateLimit(from('2001:db8::dead:beef'), settings))?.allowed).toBe(false);
      // The next /64 is another customer.
      expect((await checkRateLimit(from('2001:db8:0:1::1'), settings))?.allowed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
