import { describe, expect, it } from 'vitest';
import type { DependencyVerdicts, TenantFacts, TokenStateFacts } from './facts';
import { scopeHealthReport } from './report-scope';
import { dependenciesFirst, foldedInto, sharedOutages } from './shared-outage';
import { computeTenantHealth } from './status';
import type { DependencyHealth, DependencyState, HealthReport, InstanceVerdict } from './types';

/*
 * A service every tenant shares, down or throttling or out of this instance's reach, gave every
 * tenant the same problem box: /health showed N of them, one per partner. The problem is marked
 * as the service's (`sharedOutage`), stated once in its row, and folded on the cards; a
 * tenant's own problem is never marked.
 */
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const now = Date.UTC(2027, 6, 4, 14, 6);
const day = 86_400_000;
const ok = { state: 'ok', code: null, message: null } as const;
const down = { state: 'down', code: 'probe_failed', message: 'Not answering.' } as const;
const cutOff = { ...down, cutOffHere: true } as const;

const secret = {
  version: 'v1',
  createdAt: now - day,
  mintedBy: 'admin@fabrikam.test',
  mintedAt: now - day,
  mfa: true,
};
const token = (facts: Partial<TokenStateFacts> = {}): TokenStateFacts => ({
  needsReconsent: false,
  lastRedemptionAt: now - day,
  accessTokenExpiresAt: null,
  nextRefreshAt: null,
  consecutiveFailures: 0,
  lastError: null,
  ...facts,
});

function health(dependencies: Partial<DependencyVerdicts>, facts: Partial<TenantFacts> = {}) {
  return computeTenantHealth(
    { tenantId: fabrikam, secret, secretStale: false, token: token(), ...facts },
    {
      now,
      warnDays: [30, 7],
      dependencies: { keyVault: ok, entra: ok, partnerCenter: ok, ...dependencies },
      // Fabrikam's token is the one Partner Center was probed with.
      partnerCenterProbeTenantId: fabrikam,
    },
  );
}

describe('which problems are a shared service’s (status.ts marks them)', () => {
  it('marks every shared service’s trouble with the service, keeping its words whole', () => {
    const cases: [Partial<DependencyVerdicts>, string, RegExp][] = [
      [{ keyVault: down }, 'keyVault', /^Key Vault cannot be reached/],
      [{ keyVault: cutOff }, 'keyVault', /^This instance of the portal cannot reach Key Vault/],
      [{ keyVault: { state: 'degraded', code: 'x', message: 'x' } }, 'keyVault', /throttling/],
      [{ entra: down }, 'entra', /^The Entra token endpoint cannot be reached/],
      [{ entra: cutOff }, 'entra', /^This instance of the portal cannot reach the Entra/],
      [{ partnerCenter: down }, 'partnerCenter', /^Partner Center is failing/],
      [{ partnerCenter: cutOff }, 'partnerCenter', /^This instance of the portal cannot reach/],
    ];
    for (const [dependencies, service, cause] of cases) {
      const tenant = health(dependencies);
      expect(tenant.status).toBe('degraded');
      expect(tenant.problem?.sharedOutage).toBe(service);
      // The API's words stay each tenant's in full: only the page folds.
      expect(tenant.problem?.cause).toMatch(cause);
      expect(tenant.problem?.fix).toBeTruthy();
    }
  });

  it('keeps the part of a cut-off instance’s words that is this tenant’s own apart', () => {
    const tenant = health(
      { keyVault: cutOff },
      {
        shared: {
          at: now - 60_000,
          needsReconsent: false,
          lastRedemptionAt: now - 60_000,
          consecutiveFailures: 0,
          lastError: null,
        },
      },
    );
    expect(tenant.problem?.tenantPart).toBe(
      'The portal last refreshed its token at 4 Jul 2027, 14:05 UTC: the connection itself works.',
    );
    expect(tenant.problem?.cause.endsWith(` ${tenant.problem.tenantPart}`)).toBe(true);
    expect(health({ keyVault: down }).problem).not.toHaveProperty('tenantPart');
    // A failure the instances shared: plainly, with its time (the card's facts may be this
    // instance's own, newer failures).
    const failed = health(
      { keyVault: cutOff },
      {
        shared: {
          at: now - 60_000,
          needsReconsent: false,
          lastRedemptionAt: now - day,
          consecutiveFailures: 2,
          lastError: {
            code: 'invalid_grant',
            aadsts: 53003,
            at: now - 60_000,
            correlationId: null,
            cause: 'Blocked by Conditional Access.',
            fix: 'Exclude the account.',
            action: 'retry',
          },
        },
      },
    );
    expect(failed.problem?.tenantPart).toBe(
      "The portal's last attempt to refresh its token, at 4 Jul 2027, 14:05 UTC, failed: Blocked by Conditional Access.",
    );
    expect(health({ keyVault: cutOff }).problem?.tenantPart).toBe(
      'How the connection itself stands is not known here: no instance has reported it.',
    );
    for (const words of [tenant, failed].map((t) => t.problem?.tenantPart))
      expect(words).not.toMatch(/last shared/);
  });

  it('never marks a problem of the tenant’s own, even while a shared service is down', () => {
    const outages = sharedOutages(everyServiceDown, 'operator');
    // The vault's outage itself is the service's: folded.
    expect(foldedInto(health({ keyVault: down }).problem, outages)?.name).toBe('keyVault');
    const entraError = {
      code: 'invalid_grant',
      aadsts: 53003,
      at: now - 60_000,
      correlationId: null,
      cause: 'Blocked by Conditional Access.',
      fix: 'Exclude the account.',
      action: 'retry' as const,
    };
    const own = [
      // Re-consent needed, during a Key Vault outage too.
      health({ keyVault: down }, { token: token({ needsReconsent: true }) }),
      // The 90 days ran out.
      health({}, { secret: { ...secret, createdAt: now - 91 * day }, token: null }),
      // An Entra error of this tenant's.
      health({}, { token: token({ consecutiveFailures: 2, lastError: entraError }) }),
      // Partner Center refusing, or throttling, this tenant's own token.
      health({
        partnerCenter: { state: 'degraded', code: 'partner_center_not_admin_agent', message: 'x' },
      }),
      health({ partnerCenter: { state: 'degraded', code: 'throttled', message: 'x' } }),
      // Expiring soon, and not connected (while Key Vault answers, it knows there is no token).
      health({}, { secret: { ...secret, createdAt: now - 70 * day }, token: null }),
      health({}, { secret: null, token: null }),
    ];
    expect(own.map((t) => t.status)).toEqual([
      'needs-reconsent',
      'needs-reconsent',
      'degraded',
      'degraded',
      'degraded',
      'expiring-soon',
      'not-connected',
    ]);
    for (const tenant of own) {
      expect(tenant.problem).not.toBeNull();
      expect(tenant.problem).not.toHaveProperty('sharedOutage');
      expect(foldedInto(tenant.problem, outages)).toBe(undefined);
    }
  });
});

function dependency(
  name: DependencyHealth['name'],
  label: string,
  state: DependencyState,
  instances?: InstanceVerdict[],
): DependencyHealth {
  return {
    name,
    label,
    state,
    checkedAt: new Date(now).toISOString(),
    latencyMs: 5,
    error: state === 'ok' ? null : { code: 'x', message: `${label} ${state}` },
    history: [],
    ...(instances ? { instances } : {}),
  };
}
const everyServiceDown = [
  dependency('keyVault', 'Key Vault', 'down'),
  dependency('entra', 'Entra token endpoint', 'down'),
  dependency('partnerCenter', 'Partner Center', 'down'),
  dependency('database', 'Database', 'down'),
];
const at = new Date(now).toISOString();
/** This instance cannot reach it; another instance did. */
const cutOffHere: InstanceVerdict[] = [
  { instance: 'web-1', thisInstance: true, state: 'down', checkedAt: at },
  { instance: 'web-2', thisInstance: false, state: 'ok', checkedAt: at },
];

describe('sharedOutages: a shared service’s trouble, as its row states it once', () => {
  it('gives each service down its cause and fix, and the line its cards say instead', () => {
    const outages = sharedOutages(everyServiceDown, 'operator');
    expect(outages.map((o) => [o.name, o.kind, o.affected])).toEqual([
      ['keyVault', 'down', 'Affected by the Key Vault outage.'],
      ['entra', 'down', 'Affected by the Entra token endpoint outage.'],
      ['partnerCenter', 'down', 'Affected by the Partner Center outage.'],
    ]);
    // The operator reads the operator's fix, as the tenants' words had it.
    expect(outages[0]?.problem).toMatchObject({
      cause: health({ keyVault: down }).problem?.cause,
      fix: "Check Key Vault availability and the portal identity's access.",
      owner: 'portal',
      sharedOutage: 'keyVault',
    });
  });

  // Key Vault down said "cached access tokens keep serving meanwhile" in its row's box and again
  // on every card it affected: the box states the outage and what it leaves working, once.
  it('says what still works in the row’s box alone, never again on each card', () => {
    const outages = [
      ...sharedOutages(everyServiceDown, 'operator'),
      ...sharedOutages(
        [
          dependency('keyVault', 'Key Vault', 'down', cutOffHere),
          dependency('entra', 'Entra token endpoint', 'down', cutOffHere),
          dependency('partnerCenter', 'Partner Center', 'down', cutOffHere),
        ],
        'operator',
      ),
      ...sharedOutages([dependency('keyVault', 'Key Vault', 'degraded')], 'operator'),
    ];
    expect(outages).toHaveLength(7);
    for (const outage of outages) {
      expect(outage.problem.cause).toMatch(/keep serving|cannot load customers|cannot be loaded/);
      expect(outage.affected).not.toMatch(/meanwhile|keep serving|customers/);
      expect(outage.affected).toMatch(/^Affected (by|because) [^:]+\.$/);
    }
  });

  it('words the fix for a partner as their own report words their tenant’s problem', () => {
    const vault = [dependency('keyVault', 'Key Vault', 'down')];
    const [row] = sharedOutages(vault, 'partner');
    const theirs = scopeHealthReport(
      {
        status: 'unhealthy',
        generatedAt: at,
        probeIntervalSeconds: 30,
        tenants: [health({ keyVault: down })],
        dependencies: vault,
      },
      { kind: 'tenant', tenantId: fabrikam },
    ).tenants[0]!.problem;
    expect(row?.problem.fix).toBe(theirs?.fix);
    expect(row?.problem.fix).toMatch(/^The portal's operator must fix this/);
    expect(row?.problem.fix).not.toContain('Check Key Vault');
    // The partner's report keeps the mark (the page folds their card too) and the whole cause.
    expect(theirs).toMatchObject({ sharedOutage: 'keyVault' });
    expect(theirs?.cause).toMatch(/^Key Vault cannot be reached/);
  });

  it('names this instance’s path, or the throttling, as the tenants’ words do', () => {
    const outages = sharedOutages(
      [
        dependency('keyVault', 'Key Vault', 'down', cutOffHere),
        dependency('entra', 'Entra token endpoint', 'down', cutOffHere),
        dependency('partnerCenter', 'Partner Center', 'down', cutOffHere),
      ],
      'operator',
    );
    expect(outages.map((o) => [o.kind, o.problem.title, o.affected])).toEqual([
      [
        'cut-off',
        'This instance cannot read Key Vault',
        'Affected because this instance cannot reach Key Vault.',
      ],
      [
        'cut-off',
        'This instance cannot reach Entra',
        'Affected because this instance cannot reach Entra token endpoint.',
      ],
      [
        'cut-off',
        'This instance cannot reach Partner Center',
        'Affected because this instance cannot reach Partner Center.',
      ],
    ]);
    const [throttled] = sharedOutages(
      [dependency('keyVault', 'Key Vault', 'degraded')],
      'operator',
    );
    expect(throttled?.affected).toBe('Affected by Key Vault throttling the portal.');
    expect(throttled?.problem.cause).toMatch(/^Key Vault is throttling the portal/);
  });

  it('reads the same on a partner’s report as on the operator’s when another partner’s token was refused', () => {
    // This instance got no answer from Partner Center; another instance's probe, with Contoso's
    // token, was refused. Fabrikam's report shows that refusal as an answer (`ok`): both
    // reports must still name this instance's path, not Partner Center's outage.
    const contoso = '7f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    const report: HealthReport = {
      status: 'unhealthy',
      generatedAt: at,
      probeIntervalSeconds: 30,
      tenants: [health({ partnerCenter: { ...down, cutOffHere: true } })],
      dependencies: [
        dependency('partnerCenter', 'Partner Center', 'down', [
          { instance: 'web-1', thisInstance: true, state: 'down', checkedAt: at, subject: contoso },
          {
            instance: 'web-2',
            thisInstance: false,
            state: 'degraded',
            checkedAt: at,
            subject: contoso,
          },
        ]),
      ],
    };
    const kinds = (scope: Parameters<typeof scopeHealthReport>[1]) =>
      sharedOutages(scopeHealthReport(report, scope).dependencies, 'operator').map((o) => o.kind);
    expect(kinds({ kind: 'all' })).toEqual(['cut-off']);
    expect(kinds({ kind: 'tenant', tenantId: fabrikam })).toEqual(['cut-off']);
  });

  it('has no row words for trouble that is one tenant’s or nobody’s', () => {
    expect(
      sharedOutages(
        [
          dependency('keyVault', 'Key Vault', 'ok'),
          dependency('entra', 'Entra token endpoint', 'degraded'),
          // A refusal or a 429 answers the token it was probed with: that tenant's problem.
          dependency('partnerCenter', 'Partner Center', 'degraded'),
          dependency('database', 'Database', 'down'),
        ],
        'operator',
      ),
    ).toEqual([]);
  });

  it('folds a card only into an outage a row states', () => {
    const problem = health({ keyVault: down }).problem;
    expect(foldedInto(problem, sharedOutages(everyServiceDown, 'operator'))?.name).toBe('keyVault');
    // A report whose vault row answers (hand-built, or a newer probe): the card keeps its words.
    expect(
      foldedInto(problem, sharedOutages([dependency('keyVault', 'Key Vault', 'ok')], 'operator')),
    ).toBe(undefined);
  });
});

describe('dependenciesFirst', () => {
  const withState = (state: DependencyState, stale = false): HealthReport['dependencies'] => [
    dependency('entra', 'Entra token endpoint', 'ok'),
    { ...dependency('database', 'Database', state), stale },
  ];

  it('puts the dependencies above the tenants while one is down or every tenant is affected, below otherwise', () => {
    expect(dependenciesFirst(withState('down'))).toBe(true);
    // The audit trail's backlog, or Partner Center refusing the probed tenant's token, is no
    // card's trouble: the page does not reorder itself for it.
    expect(dependenciesFirst(withState('degraded'))).toBe(false);
    expect(dependenciesFirst([dependency('partnerCenter', 'Partner Center', 'degraded')])).toBe(
      false,
    );
    expect(dependenciesFirst([dependency('keyVault', 'Key Vault', 'degraded')])).toBe(true);
    expect(dependenciesFirst(withState('ok'))).toBe(false);
    expect(dependenciesFirst(withState('skipped'))).toBe(false);
    expect(dependenciesFirst(withState('ok', true))).toBe(false);
  });
});
