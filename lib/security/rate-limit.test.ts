import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';
import { TokenBucketLimiter } from './rate-limit';
import { checkRateLimit, limitedRouteOf } from './rate-limits';

describe('TokenBucketLimiter', () => {
  it('allows a burst of `capacity`, then refuses with the seconds until one token is back', () => {
    const limiter = new TokenBucketLimiter({ capacity: 3, windowSeconds: 60 });
    expect([1, 2, 3].map(() => limiter.take('a', 0).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', 0)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(limiter.take('a', 19_000).allowed).toBe(false);
    expect(limiter.take('a', 20_000).allowed).toBe(true);
  });

  it('keeps keys apart and bounds memory', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, windowSeconds: 60, maxKeys: 2 });
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('b', 0).allowed).toBe(true);
    expect(limiter.take('a', 0).allowed).toBe(false);
    limiter.take('c', 0);
    expect(limiter.size).toBe(2);
  });
});

describe('clientAddress', () => {
  const headers = (xff?: string) => new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff });

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

  it('refuses the n+1st consent callback from one address but not from another', () => {
    const settings = { trustedProxyCount: 0, signInPerMinute: 5, consentCallbackPerMinute: 2 };
    const from = (address: string) => new Request('http://portal.test/api/consent/callback', { method: 'POST', headers: { 'x-forwarded-for': address } });
    expect(checkRateLimit(from('192.0.2.1'), settings, 0)?.allowed).toBe(true);
    expect(checkRateLimit(from('192.0.2.1'), settings, 0)?.allowed).toBe(true);
    expect(checkRateLimit(from('192.0.2.1'), settings, 0)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(checkRateLimit(from('192.0.2.2'), settings, 0)?.allowed).toBe(true);
    expect(checkRateLimit(new Request('http://portal.test/customers'), settings, 0)).toBeNull();
  });
});
