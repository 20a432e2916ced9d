import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TenantCard } from '@/components/health/tenant-card';
import type { SharedTokenFacts } from './facts';
import { sampleOf, type ProbeOutcome } from './probe-cache';
import type { ProbeHistoryStore } from './probe-history';
import { createHealthService, type HealthSources, type StoredTenant } from './service';
import { healthSummaryWords } from './summary';
import type { DependencyName, HealthReport, ProbeSample } from './types';

/*
 * Three instances of the portal on one database: A and B reach Key Vault, C's own path to it is
 * broken. Both tenants' tokens were refreshed by A a minute ago.
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const start = Date.UTC(2027, 9, 11, 14, 10);
const ok: ProbeOutcome = { state: 'ok', error: null };

/** The shared probe history (health_probe_history) in memory. */
function sharedHistory(): ProbeHistoryStore {
  const rows: { dependency: DependencyName; sample: ProbeSample }[] = [];
  return {
    async record(dependency, record, instance) {
      rows.push({ dependency, sample: { ...sampleOf(record), instance } });
    },
    async recent(names, { limit, since }) {
      const of = (name: DependencyName) =>
        rows.filter((r) => r.dependency === name).map((r) => r.sample);
      return {
        history: Object.fromEntries(names.map((n) => [n, of(n).slice(-limit)])),
        latestPerInstance: Object.fromEntries(
          names.map((n) => [n, of(n).filter((s) => Date.parse(s.checkedAt) >= since)]),
        ),
      };
    },
  };
}

const stored = (tenantId: string, domain: string): StoredTenant => ({
  tenantId,
  secret: {
    version: 'v1',
    createdAt: start - 86_400_000,
    mintedBy: `admin@${domain}`,
    mintedAt: start - 86_400_000,
    mfa: true,
  },
});
/** A's redemption a minute ago, as the database shares it. */
const refreshedByA: SharedTokenFacts = {
  at: start - 60_000,
  needsReconsent: false,
  lastRedemptionAt: start - 60_000,
  consecutiveFailures: 0,
  lastError: null,
};

function portalInstance(
  name: string,
  history: ProbeHistoryStore,
  clock: { now: number },
  vaultReachable: boolean,
) {
  const sources: HealthSources = {
    async listStoredTenants() {
      if (!vaultReachable)
        throw Object.assign(new Error('Key Vault list failed: connect ECONNREFUSED'), {
          code: 'vault_unavailable',
        });
      return [stored(contoso, 'contosopartner.onmicrosoft.com'), stored(fabrikam, 'fabrikam.test')];
    },
    readTokenStates: () => new Map(),
    readSharedTokenStates: async () => new Map([[contoso, refreshedByA]]),
    probeEntra: async () => ok,
    probePartnerCenter: async () => ok,
  };
  return createHealthService({
    sources,
    clock: { now: () => clock.now, cloudNow: () => clock.now },
    probeIntervalSeconds: 30,
    warnDays: [30, 7],
    homeTenantId: contoso,
    admittedTenantIds: [fabrikam],
    history,
    instance: name,
  });
}

async function threeInstances() {
  const clock = { now: start };
  const history = sharedHistory();
  const a = portalInstance('web-a/1', history, clock, true);
  const b = portalInstance('web-b/1', history, clock, true);
  const c = portalInstance('web-c/1', history, clock, false);
  await a.getHealthReport();
  await b.getHealthReport();
  clock.now += 2_000;
  const onC = await c.getHealthReport();
  // The shared history is read at most once a second: A's next report sees C's probe.
  clock.now += 2_000;
  return { a, c, onC };
}

const tenant = (report: HealthReport, id: string) => report.tenants.find((t) => t.tenantId === id)!;
const dependency = (report: HealthReport, name: DependencyName) =>
  report.dependencies.find((d) => d.name === name)!;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('the health page of the instance cut off from Key Vault', () => {
  // Both cards said "Check Key Vault availability…" and "Connected by —", and Partner Center
  // "No connected tenant to probe with", while A had refreshed both tokens seconds before.
  it("words each tenant as this instance's view, with the connection as the instances shared it", async () => {
    const { onC } = await threeInstances();
    expect(tenant(onC, contoso).problem).toEqual({
      title: 'This instance cannot read Key Vault',
      cause:
        "This instance of the portal cannot reach Key Vault, which another instance reaches: from here the refresh token can be neither read nor rotated; cached access tokens keep serving meanwhile. As the portal's instances last shared it, its token was refreshed at 11 Oct 2027, 14:09 UTC: the connection itself works.",
      fix: "Check this instance's own path to Key Vault: its network, name resolution (a private endpoint's DNS) and identity.",
      action: 'retry',
      owner: 'portal',
    });
    expect(tenant(onC, fabrikam).problem?.cause).toMatch(
      /No instance has shared how the connection itself stands\.$/,
    );
    const card = text(
      renderToStaticMarkup(
        createElement(TenantCard, {
          tenant: tenant(onC, contoso),
          now: onC.generatedAt,
          canManage: true,
          viewOnly: false,
        }),
      ),
    );
    expect(card).toContain('Connected by Not known here: this instance cannot read Key Vault');
    expect(card).not.toContain('Check Key Vault availability');
  });

  it('says Partner Center was not checked from here because this instance cannot read Key Vault', async () => {
    const { onC } = await threeInstances();
    expect(dependency(onC, 'partnerCenter')).toMatchObject({
      state: 'skipped',
      error: {
        code: 'vault_unreadable',
        message:
          'Not checked from this instance: it cannot read Key Vault, so it knows no connected tenant to probe with.',
      },
    });
  });

  it("tells a partner's reader the fix is the operator's, and the portal keeps retrying", async () => {
    const { c } = await threeInstances();
    const partners = await c.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    expect(partners.tenants.map((t) => t.problem?.fix)).toEqual([
      "The portal's operator must fix this if it lasts; nothing is needed from you: the portal keeps retrying on its own.",
    ]);
    expect(JSON.stringify(partners.tenants)).not.toContain("this instance's own path");
  });
});

describe('the health page of an instance that reaches everything', () => {
  it('names the cut-off instance in an amber banner, the endpoint still healthy', async () => {
    const { a } = await threeInstances();
    const report = await a.getHealthReport();
    expect(report.status).toBe('healthy');
    expect(healthSummaryWords(report, contoso)).toMatchObject({
      title: '1 instance cannot reach Key Vault',
      tone: 'caution',
    });
    expect(healthSummaryWords(report, contoso).detail).toContain(
      'web-c/1 cannot reach Key Vault, which this instance reaches: requests that land on it may fail.',
    );
    // A partner's page numbers the instances, as its report does.
    const partners = await a.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    const words = healthSummaryWords(partners);
    expect(words.title).toBe('1 instance cannot reach Key Vault');
    expect(words.detail).toContain('Instance 3 cannot reach Key Vault');
    expect(words.detail).not.toContain('web-');
  });
});
