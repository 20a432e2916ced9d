import { describe, expect, it } from 'vitest';
import { isStaleVerdict, staleVerdictAfterMs } from './probe-timing';
import { overallStatus, scopeHealthReport } from './report-scope';
import { createHealthService, type HealthSources, type StoredTenant } from './service';
import { healthSummaryWords } from './summary';
import type { DependencyHealth, TenantHealth } from './types';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const start = Date.UTC(2026, 1, 1);
const day = 86_400_000;

/** One connected, healthy tenant; every dependency answers. */
function healthySources(): { sources: HealthSources; vaultCalls: () => number } {
  let vaultCalls = 0;
  const stored: StoredTenant[] = [
    {
      tenantId: contoso,
      secret: {
        version: 'v1',
        createdAt: start - day,
        mintedBy: 'admin@contosopartner.onmicrosoft.com',
        mintedAt: start - day,
        mfa: true,
      },
    },
  ];
  return {
    vaultCalls: () => vaultCalls,
    sources: {
      listStoredTenants: async () => {
        vaultCalls += 1;
        return stored;
      },
      readTokenStates: () => new Map(),
      probeEntra: async () => ({ state: 'ok', error: null }),
      probePartnerCenter: async () => ({ state: 'ok', error: null }),
    },
  };
}

/** The host's clock spaces the probes; the cloud's dates the report (an emulator clock moved on). */
function service() {
  const host = { now: start };
  const cloud = { now: start };
  const { sources, vaultCalls } = healthySources();
  const health = createHealthService({
    sources,
    clock: { now: () => host.now, cloudNow: () => cloud.now },
    probeIntervalSeconds: 30,
    warnDays: [30, 7],
    homeTenantId: contoso,
  });
  return { health, host, cloud, vaultCalls };
}

describe('a probe verdict too old to stand for now', () => {
  it("is three probe intervals plus the Partner Center probe's bound, either way", () => {
    expect(staleVerdictAfterMs(30)).toBe(100_000);
    expect(isStaleVerdict(start, start + 100_000, 30)).toBe(false);
    expect(isStaleVerdict(start, start + 100_001, 30)).toBe(true);
    // Dated ahead of the report: the clocks disagree, so its age is unknown.
    expect(isStaleVerdict(start + 100_001, start, 30)).toBe(true);
  });

  it('is reported as stale, and a stale OK does not make the report healthy', async () => {
    const { health, host, cloud, vaultCalls } = service();
    const fresh = await health.getHealthReport();
    expect(fresh.status).toBe('healthy');
    expect(fresh.dependencies.map((d) => d.stale)).toEqual([false, false, false]);

    // Eight days on the cloud's clock, seconds on the host's: the cached verdicts are served.
    cloud.now += 8 * day;
    host.now += 1_000;
    const old = await health.getHealthReport();
    expect(vaultCalls()).toBe(1);
    expect(old.tenants.map((t) => t.status)).toEqual(['healthy']);
    expect(old.dependencies.map((d) => [d.state, d.stale])).toEqual([
      ['ok', true],
      ['ok', true],
      ['ok', true],
    ]);
    expect(old.status).toBe('degraded');
    expect(healthSummaryWords(old)).toEqual({
      title: 'Needs attention',
      detail:
        'Your partner tenant: healthy. Key Vault, Entra token endpoint and Partner Center were not checked recently: their state is now unknown.',
      tone: 'caution',
    });
    // A partner's own view (and so its /api/health) says the same.
    const own = scopeHealthReport(old, { kind: 'tenant', tenantId: contoso }, contoso);
    expect(own.status).toBe('degraded');
    expect(own.dependencies.every((d) => d.stale)).toBe(true);

    // Once the interval is over on the host, the probes run again and vouch for now.
    host.now += 30_000;
    const renewed = await health.getHealthReport();
    expect(renewed.dependencies.map((d) => d.stale)).toEqual([false, false, false]);
    expect(renewed.status).toBe('healthy');
  });

  it('never hides a problem: a stale outage still counts, a stale throttle stays degraded', () => {
    const healthy = [{ status: 'healthy' }] as TenantHealth[];
    const dependency = (
      name: DependencyHealth['name'],
      state: DependencyHealth['state'],
      stale: boolean,
    ) => ({ name, label: name, state, stale }) as DependencyHealth;
    expect(overallStatus(healthy, [dependency('keyVault', 'down', true)])).toBe('unhealthy');
    expect(overallStatus(healthy, [dependency('entra', 'degraded', true)])).toBe('degraded');
    expect(overallStatus(healthy, [dependency('partnerCenter', 'skipped', true)])).toBe('degraded');
    expect(overallStatus(healthy, [dependency('database', 'ok', true)])).toBe('degraded');
    expect(overallStatus(healthy, [dependency('keyVault', 'ok', false)])).toBe('healthy');
  });
});
