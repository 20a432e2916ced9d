import { describe, expect, it } from 'vitest';
import { judgeSession } from './session-lifetime';
import { createMemorySessionRegistry } from './session-registry';
import { assertSessionActive } from './sessions';

const limits = { maxSeconds: 8 * 3600, idleSeconds: 3600 };
const signInMs = Date.UTC(2026, 10, 30, 8, 0, 0);
const claims = { sid: 'sid-0123456789abcdef', authTime: signInMs / 1000 };
const fresh = { lastSeenMs: null, revoked: false };
const hours = (h: number) => h * 3600 * 1000;

describe('judgeSession (a fake clock)', () => {
  it('is active right after sign-in and until the absolute lifetime ends', () => {
    expect(judgeSession(claims, fresh, limits, signInMs)).toBe('active');
    expect(
      judgeSession(
        claims,
        { ...fresh, lastSeenMs: signInMs + hours(7.5) },
        limits,
        signInMs + hours(8) - 1000,
      ),
    ).toBe('active');
  });

  it('ends at the absolute lifetime however recently it was used', () => {
    const lastSeenMs = signInMs + hours(8) - 1;
    expect(judgeSession(claims, { lastSeenMs, revoked: false }, limits, signInMs + hours(8))).toBe(
      'expired',
    );
  });

  it('ends after the idle timeout', () => {
    expect(
      judgeSession(claims, { lastSeenMs: signInMs, revoked: false }, limits, signInMs + hours(1)),
    ).toBe('idle');
    expect(
      judgeSession(
        claims,
        { lastSeenMs: signInMs, revoked: false },
        limits,
        signInMs + hours(1) - 1,
      ),
    ).toBe('active');
  });

  it('a revoked session is refused', () => {
    expect(judgeSession(claims, { lastSeenMs: null, revoked: true }, limits, signInMs + 1000)).toBe(
      'revoked',
    );
  });

  it('refuses tokens without lifetime claims (cookies of older versions) and sign-ins from the future', () => {
    expect(judgeSession({ tid: 't' }, fresh, limits, signInMs)).toBe('malformed');
    expect(judgeSession({ ...claims, authTime: 'soon' }, fresh, limits, signInMs)).toBe(
      'malformed',
    );
    expect(judgeSession(claims, fresh, limits, signInMs - hours(1))).toBe('expired');
  });
});

describe('memory session registry', () => {
  it('remembers the previous use and revocations until they lapse', async () => {
    const registry = createMemorySessionRegistry();
    expect(await registry.touch('a', 1_000)).toBeNull();
    expect(await registry.touch('a', 2_000)).toBe(1_000);
    await registry.revoke('a', 10_000);
    expect(await registry.isRevoked('a', 9_999)).toBe(true);
    expect(await registry.isRevoked('a', 10_000)).toBe(false);
    expect(await registry.isRevoked('b', 0)).toBe(false);
  });

  it('does not record a use that comes after the session sat idle', async () => {
    const registry = createMemorySessionRegistry();
    expect(await registry.touch('a', 0, hours(1))).toBeNull();
    expect(await registry.touch('a', hours(2), hours(1))).toBe(0);
    expect(await registry.touch('a', hours(2) + 1, hours(1))).toBe(0); // still idle
  });

  it('every request of a burst after an idle hour is refused, not only the first', async () => {
    const registry = createMemorySessionRegistry();
    const config = { session: { maxHours: 8, idleMinutes: 60, recentSignInSeconds: 900 } };
    await assertSessionActive(claims, config, signInMs, registry);
    const burst = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        assertSessionActive(claims, config, signInMs + hours(2), registry),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(6).fill('rejected'));
  });
});
