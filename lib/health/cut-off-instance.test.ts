import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TenantCard } from '@/components/health/tenant-card';
import { describeAadsts } from '@/lib/entra/catalogue';
import type { SharedTokenFacts, TokenStateFacts } from './facts';
import { sampleOf, type ProbeOutcome } from './probe-cache';
import type { ProbeHistoryStore } from './probe-history';
import { createHealthService, type HealthSources, type StoredTenant } from './service';
import { computeTenantHealth } from './status';
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

/** What the instances know of the tenants' tokens: each one's own memory, and the database's verdicts. */
interface TokenKnowledge {
  own?: Map<string, TokenStateFacts>;
  shared: Map<string, SharedTokenFacts>;
}
const aRefreshedContoso: TokenKnowledge = { shared: new Map([[contoso, refreshedByA]]) };

function portalInstance(
  name: string,
  history: ProbeHistoryStore,
  clock: { now: number },
  vaultReachable: boolean,
  tokens: TokenKnowledge,
) {
  const sources: HealthSources = {
    async listStoredTenants() {
      if (!vaultReachable)
        throw Object.assign(new Error('Key Vault list failed: connect ECONNREFUSED'), {
          code: 'vault_unavailable',
        });
      return [stored(contoso, 'contosopartner.onmicrosoft.com'), stored(fabrikam, 'fabrikam.test')];
    },
    readTokenStates: () => (vaultReachable ? new Map() : new Map(tokens.own ?? [])),
    readSharedTokenStates: async () => new Map(tokens.shared),
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

async function threeInstances(tokens: TokenKnowledge = aRefreshedContoso) {
  const clock = { now: start };
  const history = sharedHistory();
  const a = portalInstance('web-a/1', history, clock, true, tokens);
  const b = portalInstance('web-b/1', history, clock, true, tokens);
  const c = portalInstance('web-c/1', history, clock, false, tokens);
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
        'This instance of the portal cannot reach Key Vault, which another instance reaches: from here the refresh token can be neither read nor rotated; cached access tokens keep serving meanwhile. The portal last refreshed its token at 11 Oct 2027, 14:09 UTC: the connection itself works.',
      fix: "Check this instance's own path to Key Vault: its network, name resolution (a private endpoint's DNS) and identity.",
      action: 'retry',
      owner: 'portal',
      // The cut-off is every tenant's; the connection's state as shared is this one's own.
      sharedOutage: 'keyVault',
      // With its time: the card's facts say when the refresh token was stored, not used.
      tenantPart:
        'The portal last refreshed its token at 11 Oct 2027, 14:09 UTC: the connection itself works.',
    });
    expect(tenant(onC, fabrikam).problem?.cause).toMatch(
      /How the connection itself stands is not known here: no instance has reported it\.$/,
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

/** A found Contoso's refresh token retired for inactivity two minutes ago, and shared it. */
const retired = describeAadsts(700082)!;
const reconsentByA: SharedTokenFacts = {
  at: start - 120_000,
  needsReconsent: true,
  lastRedemptionAt: start - 91 * 86_400_000,
  consecutiveFailures: 1,
  lastError: {
    code: 'needs_reconsent',
    aadsts: 700082,
    at: start - 120_000,
    correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    cause: retired.cause,
    fix: retired.fix,
    action: 're-consent',
  },
};
/** C's own try a minute later, failed on its path to the vault (kept to itself: isTenantVerdict). */
const vaultPathFailureOnC: TokenStateFacts = {
  needsReconsent: false,
  lastRedemptionAt: null,
  accessTokenExpiresAt: null,
  nextRefreshAt: start + 30_000,
  consecutiveFailures: 1,
  lastError: {
    code: 'vault_unavailable',
    aadsts: null,
    at: start - 60_000,
    correlationId: null,
    cause: 'Key Vault could not be reached or is temporarily failing.',
    fix: 'Check KEY_VAULT_URL and network access to the vault, then retry.',
    action: 'retry',
  },
};
const cutOffClause =
  "This instance of the portal cannot read Key Vault, which another instance reaches: it knows this as the portal's instances last shared it (11 Oct 2027, 14:08 UTC).";

describe('the cut-off instance, when the instances shared that the tenant needs re-consent', () => {
  // C's own vault failure, newer than A's verdict, made the card `degraded` (a vault outage)
  // while its cause said the connection needs re-consent, and a partner's report then said
  // "nothing is needed from you".
  it('says needs re-consent with its fix, though its own failure (of its path) is newer', async () => {
    const { onC } = await threeInstances({
      own: new Map([[contoso, vaultPathFailureOnC]]),
      shared: new Map([[contoso, reconsentByA]]),
    });
    const card = tenant(onC, contoso);
    expect(card.status).toBe('needs-reconsent');
    expect(card.nextRefreshAt).toBeNull();
    expect(card.problem).toEqual({
      cause: `${retired.cause} ${cutOffClause}`,
      fix: retired.fix,
      action: 're-consent',
      owner: retired.owner,
      steps: retired.steps,
    });
    expect(onC.status).toBe('unhealthy');
  });

  it("tells a partner's reader the re-consent is theirs to make, not that nothing is needed", async () => {
    const { c } = await threeInstances({
      own: new Map([[contoso, vaultPathFailureOnC]]),
      shared: new Map([[contoso, reconsentByA]]),
    });
    const partners = await c.getHealthReport({ kind: 'tenant', tenantId: contoso });
    const [card] = partners.tenants;
    expect(card?.status).toBe('needs-reconsent');
    expect(card?.problem).toMatchObject({ fix: retired.fix, action: 're-consent' });
    expect(card?.problem?.cause).toContain('cannot read Key Vault');
    expect(JSON.stringify(card?.problem)).not.toContain('nothing is needed from you');
    const html = text(
      renderToStaticMarkup(
        createElement(TenantCard, {
          tenant: card!,
          now: partners.generatedAt,
          canManage: true,
          viewOnly: false,
        }),
      ),
    );
    expect(html).toContain(retired.fix);
    expect(html).toContain('Re-consent');
    expect(html).not.toContain('nothing is needed from you');
  });

  it('adds the same clause when the shared verdict is the newer one', async () => {
    const { onC } = await threeInstances({
      own: new Map([
        [
          contoso,
          {
            ...vaultPathFailureOnC,
            lastError: { ...vaultPathFailureOnC.lastError!, at: start - 180_000 },
          },
        ],
      ]),
      shared: new Map([[contoso, reconsentByA]]),
    });
    expect(tenant(onC, contoso)).toMatchObject({
      status: 'needs-reconsent',
      problem: { cause: `${retired.cause} ${cutOffClause}`, fix: retired.fix },
    });
  });

  it('no longer holds once this instance redeemed since, or a consent replaced the connection', async () => {
    const redeemedSince = await threeInstances({
      own: new Map([[contoso, { ...vaultPathFailureOnC, lastRedemptionAt: start - 90_000 }]]),
      shared: new Map([[contoso, reconsentByA]]),
    });
    expect(tenant(redeemedSince.onC, contoso).status).toBe('degraded');
    expect(tenant(redeemedSince.onC, contoso).problem?.cause).not.toContain('needs re-consent');

    // C read the vault before it was cut off: the stored token's consent came after the verdict.
    const replaced = computeTenantHealth(
      {
        tenantId: contoso,
        secret: {
          ...stored(contoso, 'contosopartner.onmicrosoft.com').secret,
          mintedAt: start - 60_000,
        },
        secretStale: true,
        token: vaultPathFailureOnC,
        shared: reconsentByA,
      },
      {
        now: start,
        warnDays: [30, 7],
        dependencies: {
          keyVault: { state: 'down', code: 'vault_unavailable', message: null, cutOffHere: true },
          entra: { state: 'ok', code: null, message: null },
          partnerCenter: { state: 'skipped', code: 'vault_unreadable', message: null },
        },
        partnerCenterProbeTenantId: null,
      },
    );
    expect(replaced.status).toBe('degraded');
    expect(replaced.problem?.cause).toMatch(
      /How the connection itself stands is not known here: no instance has reported it\.$/,
    );
  });
});
