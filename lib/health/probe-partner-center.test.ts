import { afterEach, describe, expect, it, vi } from 'vitest';

// Getting the token never finishes (another instance holds the tenant's redemption lease, or
// Entra hangs), so the organization-profile call never goes out.
const profile = vi.hoisted(() => ({ answer: () => new Promise<never>(() => undefined) }));
vi.mock('@/lib/partner-center', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/partner-center')>()),
  partnerCenterForTenant: () => ({ getOrganizationProfile: () => profile.answer() }),
}));

import { partnerCenterProbeBoundMs, sharedVerdictWaitMs } from './probe-timing';
import { probePartnerCenter } from './probes';
import { createHealthService, type HealthSources } from './service';
import type { HealthReport } from './types';

afterEach(() => {
  vi.useRealTimers();
});

describe('probePartnerCenter', () => {
  it('answers within its bound when the token does not come: no token in time, not an outage', async () => {
    vi.useFakeTimers();
    let outcome: Awaited<ReturnType<typeof probePartnerCenter>> | null = null;
    void probePartnerCenter('8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11').then((o) => (outcome = o));
    await vi.advanceTimersByTimeAsync(partnerCenterProbeBoundMs - 1);
    expect(outcome).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({
      state: 'skipped',
      error: {
        code: 'token_unavailable',
        message: 'No access token within 10 s to call Partner Center with.',
      },
    });
  });

  it('reports the answer when there is one', async () => {
    profile.answer = async () => ({ companyName: 'Contoso Partner' }) as never;
    expect(await probePartnerCenter('8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11')).toEqual({
      state: 'ok',
      error: null,
    });
  });
});

describe('the Partner Center probe of a health report', () => {
  const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
  /** A report's service whose database stalls: the verdicts read gives up after its own 2 s. */
  function stalledDatabase(probe: HealthSources['probePartnerCenter']) {
    return createHealthService({
      sources: {
        listStoredTenants: async () => [
          {
            tenantId,
            secret: {
              version: 'v1',
              createdAt: Date.now(),
              mintedBy: null,
              mintedAt: null,
              mfa: true,
            },
          },
        ],
        readTokenStates: () => new Map(),
        // As lib/tokens/shared-verdicts.ts does when PostgreSQL does not answer.
        readSharedTokenStates: () =>
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('The database did not answer in time.')), 2_000),
          ),
        probeEntra: async () => ({ state: 'ok', error: null }),
        probePartnerCenter: probe,
      },
      clock: { now: () => Date.now(), cloudNow: () => Date.now() },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
      homeTenantId: tenantId,
    });
  }

  it('answers within the same bound when the verdicts other instances shared are slow to come', async () => {
    vi.useFakeTimers();
    profile.answer = () => new Promise<never>(() => undefined);
    const health = stalledDatabase(probePartnerCenter);
    let report: HealthReport | null = null;
    void health.getHealthReport().then((r) => (report = r));
    await vi.advanceTimersByTimeAsync(partnerCenterProbeBoundMs - 1);
    expect(report).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(report).not.toBeNull();
    expect(report!.dependencies.find((d) => d.name === 'partnerCenter')).toMatchObject({
      state: 'skipped',
      error: { code: 'token_unavailable' },
    });
  });

  it('gives those verdicts a part of the bound, and the token and the call the rest', async () => {
    vi.useFakeTimers();
    const started = Date.now();
    const calls: { after: number; withinMs: number }[] = [];
    const health = stalledDatabase(async (_tenant, withinMs) => {
      calls.push({ after: Date.now() - started, withinMs });
      return { state: 'ok', error: null };
    });
    const report = health.getHealthReport();
    await vi.advanceTimersByTimeAsync(2_000);
    await report;
    expect(calls).toEqual([
      { after: sharedVerdictWaitMs, withinMs: partnerCenterProbeBoundMs - sharedVerdictWaitMs },
    ]);
  });
});
