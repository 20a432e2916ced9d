import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The in-process keep-alive timer (startKeepAliveTimer in index.ts), on fake timers. */

const counts = vi.hoisted(() => ({ keepAlives: 0, evaluations: 0 }));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({ tokens: { keepAliveCheckSeconds: 60 }, database: {} }),
}));
vi.mock('@/lib/db', () => ({ getDatabase: async () => ({ db: {} }) }));
vi.mock('@/lib/vault', () => ({ defaultRefreshTokenStore: () => ({}) }));
vi.mock('@/lib/entra', () => ({ redeemRefreshToken: async () => ({}) }));
vi.mock('@/lib/audit/trail', () => ({
  auditKeepAliveRun: () => undefined,
  auditTokenEvent: () => undefined,
}));
vi.mock('@/lib/audit/retention', () => ({ purgeExpiredAuditEvents: async () => 0 }));
vi.mock('./service', () => ({
  defaultMinRemainingMs: 60_000,
  createTokenService: () => ({
    runKeepAlive: async () => {
      counts.keepAlives++;
      return [];
    },
  }),
}));
// An evaluation held by a receiver that never finishes answering.
vi.mock('@/lib/alerts', () => ({
  evaluateAlerts: () => {
    counts.evaluations++;
    return new Promise(() => undefined);
  },
}));

const holder = globalThis as typeof globalThis & {
  __partnerPortalKeepAliveTimer?: ReturnType<typeof setInterval>;
  __partnerPortalTokens?: unknown;
};

beforeEach(() => {
  vi.useFakeTimers();
  counts.keepAlives = 0;
  counts.evaluations = 0;
});
afterEach(() => {
  clearInterval(holder.__partnerPortalKeepAliveTimer);
  holder.__partnerPortalKeepAliveTimer = undefined;
  holder.__partnerPortalTokens = undefined;
  vi.useRealTimers();
});

describe('the keep-alive timer', () => {
  it('keeps refresh tokens alive while an alert evaluation hangs', async () => {
    const { startKeepAliveTimer } = await import('./index');
    startKeepAliveTimer();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(counts).toEqual({ keepAlives: 1, evaluations: 1 });
    // The first evaluation never ends; the next ticks still run the keep-alive.
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(counts.keepAlives).toBe(3);
  });
});
