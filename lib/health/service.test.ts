import { describe, expect, it } from 'vitest';
import { inScope } from '@/lib/auth/scope';
import type { TokenStateFacts } from './facts';
import { scopeHealthReport } from './report-scope';
import { createHealthService, type HealthSources, type StoredTenant } from './service';
import type { HealthReport } from './types';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const start = Date.UTC(2026, 1, 1);

/** Fake sources that count calls and answer after a real tick, so concurrency is real. */
function fakeSources() {
  const calls = { vault: 0, entra: 0, partnerCenter: [] as string[] };
  const state = {
    vaultDown: false,
    /** Key Vault answering 429 (lib/vault's `vault_throttled`). */
    vaultThrottled: false,
    pcState: 'ok' as 'ok' | 'degraded' | 'down',
    /** What Partner Center answers one tenant's token, where it differs from `pcState`. */
    pcByTenant: new Map<string, { state: 'degraded' | 'skipped'; code: string; message: string }>(),
    stored: [
      {
        tenantId: contoso,
        secret: {
          version: 'v1',
          createdAt: start - 86_400_000,
          mintedBy: 'admin@contosopartner.onmicrosoft.com',
          mintedAt: start,
          mfa: true,
        },
      },
    ] as StoredTenant[],
    tokens: new Map<string, TokenStateFacts>(),
  };
  const tick = () => new Promise((r) => setTimeout(r, 5));
  const sources: HealthSources = {
    async listStoredTenants() {
      calls.vault += 1;
      const stored = state.stored; // what the vault held when asked
      await tick();
      if (state.vaultDown)
        throw Object.assign(new Error('Key Vault is unreachable.'), { code: 'vault_unavailable' });
      if (state.vaultThrottled)
        throw Object.assign(
          new Error('Key Vault list failed: Key Vault is throttling requests; try again in 8 s.'),
          { code: 'vault_throttled' },
        );
      return stored;
    },
    readTokenStates: () => state.tokens,
    async probeEntra() {
      calls.entra += 1;
      await tick();
      return { state: 'ok', error: null };
    },
    async probePartnerCenter(tenantId) {
      calls.partnerCenter.push(tenantId);
      await tick();
      const own = state.pcByTenant.get(tenantId);
      if (own) return { state: own.state, error: { code: own.code, message: own.message } };
      return {
        state: state.pcState,
        error:
          state.pcState === 'ok'
            ? null
            : { code: 'throttled', message: 'Partner Center throttled the probe.' },
      };
    },
  };
  return { calls, state, sources };
}

function service(sources: HealthSources, clock: { now: number }) {
  return createHealthService({
    sources,
    clock: { now: () => clock.now, cloudNow: () => clock.now },
    probeIntervalSeconds: 30,
    warnDays: [30, 7],
    homeTenantId: contoso,
  });
}

describe('createHealthService', () => {
  it('100 concurrent reports cost one probe per dependency, and another only after the interval', async () => {
    const clock = { now: start };
    const { calls, sources } = fakeSources();
    const health = service(sources, clock);
    const reports = await Promise.all(Array.from({ length: 100 }, () => health.getHealthReport()));
    expect(reports.every((r) => r.status === 'healthy')).toBe(true);
    expect(calls).toEqual({ vault: 1, entra: 1, partnerCenter: [contoso] });

    clock.now += 29_000;
    await Promise.all(Array.from({ length: 100 }, () => health.getHealthReport()));
    expect(calls.vault).toBe(1);

    clock.now += 1_000;
    await Promise.all(Array.from({ length: 100 }, () => health.getHealthReport()));
    expect(calls).toEqual({ vault: 2, entra: 2, partnerCenter: [contoso, contoso] });
    expect(health.probeRuns()).toEqual({ keyVault: 2, entra: 2, partnerCenter: 2 });
  });

  it('probes a dependency found down again after 5 s, so its recovery shows within seconds', async () => {
    const clock = { now: start };
    const { calls, state, sources } = fakeSources();
    const health = service(sources, clock);
    state.pcState = 'down';
    expect((await health.getHealthReport()).status).toBe('unhealthy');

    // Partner Center is back; within 5 s the down verdict still stands, for every viewer.
    state.pcState = 'ok';
    clock.now += 4_999;
    const stillDown = await Promise.all(Array.from({ length: 20 }, () => health.getHealthReport()));
    expect(stillDown.every((r) => r.status === 'unhealthy')).toBe(true);
    expect(calls.partnerCenter).toEqual([contoso]);

    clock.now += 1;
    expect((await health.getHealthReport()).status).toBe('healthy');
    // One more Partner Center probe; the dependencies that were up keep their 30 s verdicts.
    expect(health.probeRuns()).toEqual({ keyVault: 1, entra: 1, partnerCenter: 2 });
  });

  it('lets a throttled (degraded) verdict stand for the whole interval: Partner Center asked for less', async () => {
    const clock = { now: start };
    const { calls, state, sources } = fakeSources();
    const health = service(sources, clock);
    state.pcState = 'degraded';
    await health.getHealthReport();
    clock.now += 29_000;
    await health.getHealthReport();
    expect(calls.partnerCenter).toEqual([contoso]);
  });

  it('keeps a short history per dependency for the chart', async () => {
    const clock = { now: start };
    const { sources } = fakeSources();
    const health = createHealthService({
      sources,
      clock: { now: () => clock.now, cloudNow: () => clock.now },
      probeIntervalSeconds: 1,
      warnDays: [30, 7],
      historySize: 3,
    });
    for (let i = 0; i < 5; i += 1) {
      await health.getHealthReport();
      clock.now += 1_000;
    }
    const report = await health.getHealthReport();
    const vault = report.dependencies.find((d) => d.name === 'keyVault')!;
    expect(vault.history.map((s) => s.checkedAt)).toEqual(
      [3, 4, 5].map((s) => new Date(start + s * 1000).toISOString()),
    );
  });

  it('caches probes on the host clock and reports them on the cloud clock, like every other time', async () => {
    const host = { now: start };
    const cloud = { now: start + 40 * 86_400_000 }; // an emulator clock moved ahead by a test
    const { calls, sources } = fakeSources();
    const health = createHealthService({
      sources,
      clock: { now: () => host.now, cloudNow: () => cloud.now },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
    });
    await health.getHealthReport();
    cloud.now += 86_400_000;
    const report = await health.getHealthReport();
    expect(calls.vault).toBe(1); // a day passed in the cloud, not 30 s on the host
    expect(report.dependencies.map((d) => d.checkedAt)).toEqual(
      Array(3).fill(new Date(start + 40 * 86_400_000).toISOString()),
    );
    expect(report.generatedAt).toBe(new Date(cloud.now).toISOString());
  });

  it('a vault outage is a down dependency (503-worthy) and tenants keep their last known facts', async () => {
    const clock = { now: start };
    const { state, sources } = fakeSources();
    const health = service(sources, clock);
    await health.getHealthReport();
    state.vaultDown = true;
    clock.now += 30_000;
    const report = await health.getHealthReport();
    expect(report.status).toBe('unhealthy');
    expect(report.dependencies[0]).toMatchObject({
      name: 'keyVault',
      state: 'down',
      error: { message: 'Key Vault is unreachable.' },
    });
    expect(report.tenants[0]).toMatchObject({
      tenantId: contoso,
      status: 'degraded',
      grant: { keyVaultVersion: 'v1', stale: true },
    });
  });

  it('says Key Vault throttling is throttling (degraded, 200), not an outage (down, 503)', async () => {
    const clock = { now: start };
    const { state, calls, sources } = fakeSources();
    const health = service(sources, clock);
    await health.getHealthReport();
    state.vaultThrottled = true;
    clock.now += 30_000;
    const report = await health.getHealthReport();
    expect(report.status).toBe('degraded');
    expect(report.dependencies[0]).toMatchObject({
      name: 'keyVault',
      state: 'degraded',
      error: {
        code: 'vault_throttled',
        message: 'Key Vault list failed: Key Vault is throttling requests; try again in 8 s.',
      },
    });
    expect(report.tenants[0]).toMatchObject({
      tenantId: contoso,
      status: 'degraded',
      problem: {
        cause: expect.stringMatching(/^Key Vault is throttling the portal/),
        action: 'wait',
      },
      grant: { keyVaultVersion: 'v1', stale: true },
    });
    // A busy vault's verdict stands for the whole interval: it is not asked again after 5 s.
    clock.now += 5_000;
    await health.getHealthReport();
    expect(calls.vault).toBe(2);
  });

  it('lists the home tenant as not connected until it is onboarded, and skips the Partner Center probe', async () => {
    const { state, calls, sources } = fakeSources();
    state.stored = [];
    const report = await service(sources, { now: start }).getHealthReport();
    expect(report.tenants.map((t) => [t.tenantId, t.status])).toEqual([[contoso, 'not-connected']]);
    expect(report.dependencies.find((d) => d.name === 'partnerCenter')?.state).toBe('skipped');
    expect(calls.partnerCenter).toEqual([]);
    expect(report.status).toBe('degraded');
    expect(report.dependencies.find((d) => d.name === 'partnerCenter')?.error?.message).toBe(
      'No connected tenant to probe with.',
    );
  });

  // "No connected tenant to probe with" stood under a card saying "Connected by admin@…".
  it('says the stored connections do not work, not that none is stored, when each needs re-consent', async () => {
    const { state, calls, sources } = fakeSources();
    state.tokens.set(contoso, {
      needsReconsent: true,
      lastRedemptionAt: null,
      accessTokenExpiresAt: null,
      nextRefreshAt: null,
      consecutiveFailures: 1,
      lastError: null,
    });
    const report = await service(sources, { now: start }).getHealthReport();
    expect(calls.partnerCenter).toEqual([]);
    expect(report.dependencies.find((d) => d.name === 'partnerCenter')).toMatchObject({
      state: 'skipped',
      error: {
        code: 'no_tenant',
        message: 'No working stored connection to probe with; the tenant cards say why.',
      },
    });
  });

  it('probes Partner Center with a tenant that does not need re-consent, and sorts worst first', async () => {
    const { state, calls, sources } = fakeSources();
    state.stored = [
      ...state.stored,
      {
        tenantId: fabrikam,
        secret: { ...state.stored[0]!.secret, mintedBy: 'admin@fabrikamsolutions.onmicrosoft.com' },
      },
    ];
    state.tokens.set(contoso, {
      needsReconsent: true,
      lastRedemptionAt: null,
      accessTokenExpiresAt: null,
      nextRefreshAt: null,
      consecutiveFailures: 1,
      lastError: {
        code: 'invalid_grant',
        aadsts: 700082,
        at: start,
        correlationId: null,
        cause: 'idle',
        fix: 'Re-consent.',
        action: 're-consent',
      },
    });
    const report = await service(sources, { now: start }).getHealthReport();
    expect(calls.partnerCenter).toEqual([fabrikam]);
    expect(report.tenants.map((t) => t.status)).toEqual(['needs-reconsent', 'healthy']);
    expect(report.status).toBe('unhealthy');
  });

  it('a throttled probe degrades the probed tenant but is not a 503', async () => {
    const { state, sources } = fakeSources();
    state.pcState = 'degraded';
    const report = await service(sources, { now: start }).getHealthReport();
    expect(report.status).toBe('degraded');
    expect(report.tenants[0]).toMatchObject({ status: 'degraded', problem: { action: 'wait' } });
  });
});

describe('the home tenant id as configured', () => {
  it('in upper case, is still the one connected home tenant, probed with its own token', async () => {
    const { calls, state, sources } = fakeSources();
    state.stored.push({ ...state.stored[0]!, tenantId: fabrikam });
    // ENTRA_TENANT_ID may be written in either case; Key Vault lists tenant ids in lower case.
    const health = createHealthService({
      sources,
      clock: { now: () => start, cloudNow: () => start },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
      homeTenantId: contoso.toUpperCase(),
      admittedTenantIds: [contoso.toUpperCase(), fabrikam],
    });
    const report = await health.getHealthReport();
    // No phantom "not connected" copy of the home tenant.
    expect(report.tenants.map((t) => [t.tenantId, t.status]).sort()).toEqual([
      [fabrikam, 'healthy'],
      [contoso, 'healthy'],
    ]);
    expect(report.status).toBe('healthy');
    expect(calls.partnerCenter).toEqual([contoso]);
    // The home page's card: the first tenant in the Admin's scope (a session tid is lower case).
    const own = report.tenants.find((t) =>
      inScope({ kind: 'tenant', tenantId: contoso }, t.tenantId),
    );
    expect(own?.status).toBe('healthy');
  });
});

describe('a tenant no longer admitted', () => {
  const northwind = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
  function withAdmitted(sources: HealthSources) {
    return createHealthService({
      sources,
      clock: { now: () => start, cloudNow: () => start },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
      homeTenantId: contoso,
      // Fabrikam consented once; the operator has since taken it out of PARTNER_TENANTS.
      admittedTenantIds: [contoso],
    });
  }

  it("is listed while its secret is stored, degraded with the operator's fix", async () => {
    const { calls, state, sources } = fakeSources();
    state.stored.push({ ...state.stored[0]!, tenantId: fabrikam });
    const report = await withAdmitted(sources).getHealthReport();
    const byId = new Map(report.tenants.map((t) => [t.tenantId, t]));
    expect(byId.get(fabrikam)).toMatchObject({
      status: 'degraded',
      admitted: false,
      problem: {
        title: 'No longer admitted',
        cause: expect.stringMatching(/not in PARTNER_TENANTS.*still stored in Key Vault/),
        fix: expect.stringMatching(/^Delete the tenant's secret in Key Vault/),
        action: 'fix-configuration',
        owner: 'portal',
      },
    });
    expect(byId.get(contoso)?.status).toBe('healthy');
    expect(byId.get(contoso)).not.toHaveProperty('admitted');
    expect(report.status).toBe('degraded');
    expect(calls.partnerCenter).toEqual([contoso]);
  });

  it('never lends its token to the Partner Center probe, and is not listed without a secret', async () => {
    const { calls, state, sources } = fakeSources();
    // The home tenant is not connected: the only stored token is Fabrikam's.
    state.stored = [{ ...state.stored[0]!, tenantId: fabrikam }];
    state.tokens.set(northwind, {
      needsReconsent: false,
      lastRedemptionAt: start - 1_000,
      accessTokenExpiresAt: null,
      nextRefreshAt: null,
      consecutiveFailures: 0,
      lastError: null,
    });
    const report = await withAdmitted(sources).getHealthReport();
    expect(calls.partnerCenter).toEqual([]);
    expect(report.dependencies.find((d) => d.name === 'partnerCenter')?.state).toBe('skipped');
    expect(report.tenants.map((t) => [t.tenantId, t.status]).sort()).toEqual(
      [
        [contoso, 'not-connected'],
        [fabrikam, 'degraded'],
      ].sort(),
    );
  });
});

describe('scopeHealthReport', () => {
  it("lists every admitted tenant for operators and only the viewer's own for a partner, judged on its own", async () => {
    const clock = { now: start };
    const { state, sources } = fakeSources();
    // Contoso's token needs re-consent; Fabrikam (admitted, never connected) must not inherit that.
    state.tokens.set(contoso, {
      needsReconsent: true,
      lastRedemptionAt: null,
      accessTokenExpiresAt: null,
      nextRefreshAt: null,
      consecutiveFailures: 1,
      lastError: null,
    });
    const health = createHealthService({
      sources,
      clock: { now: () => clock.now, cloudNow: () => clock.now },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
      homeTenantId: contoso,
      admittedTenantIds: [contoso, fabrikam],
    });
    const full = await health.getHealthReport();
    expect(full.tenants.map((t) => t.tenantId).sort()).toEqual([contoso, fabrikam].sort());
    expect(full.status).toBe('unhealthy');
    expect(scopeHealthReport(full, { kind: 'all' })).toEqual(full);

    const fabrikamView = scopeHealthReport(full, { kind: 'tenant', tenantId: fabrikam });
    expect(fabrikamView.tenants.map((t) => t.tenantId)).toEqual([fabrikam]);
    expect(fabrikamView.status).toBe('degraded');
    expect(JSON.stringify(fabrikamView)).not.toContain(contoso);
    expect(JSON.stringify(fabrikamView)).not.toContain('contosopartner');
  });
});

describe('Partner Center as each partner sees it', () => {
  function twoPartners() {
    const clock = { now: start };
    const fake = fakeSources();
    fake.state.stored.push({ ...fake.state.stored[0]!, tenantId: fabrikam });
    const health = createHealthService({
      sources: fake.sources,
      clock: { now: () => clock.now, cloudNow: () => clock.now },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
      homeTenantId: contoso,
      admittedTenantIds: [contoso, fabrikam],
    });
    return { ...fake, health, clock };
  }
  const partnerCenterOf = (report: { dependencies: { name: string }[] }) =>
    report.dependencies.find((d) => d.name === 'partnerCenter');

  it("another partner's refusal is not this partner's: it sees only that Partner Center answered", async () => {
    const { calls, state, health, clock } = twoPartners();
    const refusal = 'The consenting account is not an admin agent of Contoso Partner.';
    state.pcByTenant.set(contoso, { state: 'degraded', code: '3000', message: refusal });

    const fabrikamView = await health.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    expect(partnerCenterOf(fabrikamView)).toMatchObject({ state: 'ok', error: null });
    expect(fabrikamView.status).toBe('healthy');
    expect(fabrikamView.tenants.map((t) => [t.tenantId, t.status])).toEqual([
      [fabrikam, 'healthy'],
    ]);
    expect(JSON.stringify(fabrikamView)).not.toContain(refusal);
    expect(JSON.stringify(fabrikamView)).not.toContain('3000');
    expect(JSON.stringify(fabrikamView)).not.toContain(contoso);

    // The tenant whose token was probed sees the refusal, as does the whole report.
    const contosoView = await health.getHealthReport({
      kind: 'tenant',
      tenantId: contoso.toUpperCase(),
    });
    expect(partnerCenterOf(contosoView)).toMatchObject({
      state: 'degraded',
      error: { code: '3000', message: refusal },
    });
    expect(contosoView.tenants[0]).toMatchObject({ tenantId: contoso, status: 'degraded' });
    expect(partnerCenterOf(await health.getHealthReport())).toMatchObject({ state: 'degraded' });
    // One probe, with the home tenant's token, for every view: viewing health redeems nobody else's.
    expect(calls.partnerCenter).toEqual([contoso]);

    // The chart too: the refused samples are answers to Fabrikam.
    clock.now += 31_000;
    state.pcByTenant.clear();
    const later = await health.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    expect(partnerCenterOf(later)).toMatchObject({ history: [{ state: 'ok' }, { state: 'ok' }] });
  });

  it("the chart never shows a partner another tenant's answers, even after the probe moved to its token", async () => {
    const { state, health, clock } = twoPartners();
    state.pcByTenant.set(contoso, { state: 'degraded', code: '900150', message: 'Refused.' });
    await health.getHealthReport(); // a sample of Contoso's refusal
    // Contoso disconnects: Partner Center is probed with Fabrikam's token from now on.
    state.stored.splice(
      0,
      state.stored.length,
      ...state.stored.filter((t) => t.tenantId !== contoso),
    );
    health.refreshAfterTenantChange();
    clock.now += 31_000;
    const fabrikamView = await health.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    const { history } = fabrikamView.dependencies.find((d) => d.name === 'partnerCenter')!;
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.map((sample) => sample.state)).not.toContain('degraded');
  });

  it("the partner whose token the probe used sees its own chart as it was; no view names the probe's tenant", async () => {
    const { state, health, clock } = twoPartners();
    state.pcByTenant.set(contoso, { state: 'degraded', code: '900150', message: 'Refused.' });
    await health.getHealthReport(); // a sample of Contoso's refusal
    clock.now += 31_000;
    state.pcByTenant.clear();
    const contosoView = await health.getHealthReport({ kind: 'tenant', tenantId: contoso });
    expect(partnerCenterOf(contosoView)).toMatchObject({
      history: [{ state: 'degraded' }, { state: 'ok' }],
    });
    const fabrikamView = await health.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    expect(partnerCenterOf(fabrikamView)).toMatchObject({
      history: [{ state: 'ok' }, { state: 'ok' }],
    });
    for (const view of [contosoView, fabrikamView, await health.getHealthReport()])
      expect(JSON.stringify(view.dependencies)).not.toContain('subject');
    // The probe moves to Fabrikam's token: its own refusals show to it, Contoso's stay masked.
    state.stored.splice(
      0,
      state.stored.length,
      ...state.stored.filter((t) => t.tenantId !== contoso),
    );
    health.refreshAfterTenantChange();
    state.pcByTenant.set(fabrikam, { state: 'degraded', code: '900150', message: 'Refused.' });
    clock.now += 31_000;
    const moved = await health.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    expect(partnerCenterOf(moved)).toMatchObject({
      history: [{ state: 'ok' }, { state: 'ok' }, { state: 'degraded' }],
    });
  });

  it("an outage is everyone's: a Partner Center that does not answer is down for every partner", async () => {
    const { state, health } = twoPartners();
    state.pcState = 'down';
    const fabrikamView = await health.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    expect(partnerCenterOf(fabrikamView)).toMatchObject({ state: 'down' });
    expect(fabrikamView.status).toBe('unhealthy');
  });

  it('a probe that had no token to call with says only that it was not called', async () => {
    const { health, state } = twoPartners();
    const why = "Contoso's refresh token was refused (AADSTS700082).";
    state.pcByTenant.set(contoso, { state: 'skipped', code: 'token_unavailable', message: why });
    const fabrikamView = await health.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    expect(partnerCenterOf(fabrikamView)).toMatchObject({
      state: 'skipped',
      error: { code: 'not_probed' },
    });
    expect(JSON.stringify(fabrikamView)).not.toContain(why);
    expect(partnerCenterOf(await health.getHealthReport())).toMatchObject({
      state: 'skipped',
      error: { message: why },
    });
  });
});

describe('refreshAfterTenantChange', () => {
  it('a consent or disconnect shows at once: the vault is listed again and Partner Center re-probed', async () => {
    const clock = { now: start };
    const { calls, state, sources } = fakeSources();
    const health = service(sources, clock);
    expect(
      (await health.getHealthReport()).tenants.find((t) => t.tenantId === contoso)?.status,
    ).not.toBe('not-connected');

    state.stored = [];
    clock.now += 1_000;
    // Within the interval the cached listing still answers...
    expect(
      (await health.getHealthReport()).tenants.find((t) => t.tenantId === contoso)?.status,
    ).not.toBe('not-connected');
    expect(calls.vault).toBe(1);
    // ...until the action that changed the vault says so.
    health.refreshAfterTenantChange();
    expect(
      (await health.getHealthReport()).tenants.find((t) => t.tenantId === contoso)?.status,
    ).toBe('not-connected');
    expect(calls.vault).toBe(2);
    expect(calls.entra).toBe(1);
  });

  it('a listing under way when the change happens does not bring a disconnected tenant back by finishing last', async () => {
    const clock = { now: start };
    const { state, sources } = fakeSources();
    // The listing under way at the disconnect is slow (many tenants' version lists); the one
    // started after it answers first.
    const list = sources.listStoredTenants.bind(sources);
    let firstListing = true;
    sources.listStoredTenants = async () => {
      const extraMs = firstListing ? 60 : 0;
      firstListing = false;
      const stored = await list();
      await new Promise((r) => setTimeout(r, extraMs));
      return stored;
    };
    const health = service(sources, clock);
    const contosoIn = (report: HealthReport) => report.tenants.find((t) => t.tenantId === contoso);
    const before = health.getHealthReport(); // lists the vault with Contoso in it
    state.stored = [];
    health.refreshAfterTenantChange();
    expect(contosoIn(await health.getHealthReport())?.status).toBe('not-connected');
    await before;

    clock.now += 1_000; // well within the probe interval
    const later = contosoIn(await health.getHealthReport());
    expect(later?.status).toBe('not-connected');
    expect(later?.grant).toBeNull();
  });

  it('a probe already under way when the change happens is not kept as the fresh answer', async () => {
    const clock = { now: start };
    const { calls, state, sources } = fakeSources();
    const health = service(sources, clock);
    const before = health.getHealthReport();
    state.stored = [];
    health.refreshAfterTenantChange();
    await before;
    expect(
      (await health.getHealthReport()).tenants.find((t) => t.tenantId === contoso)?.status,
    ).toBe('not-connected');
    expect(calls.vault).toBe(2);
  });
});
