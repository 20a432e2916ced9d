import { describe, expect, it } from 'vitest';
import type { DependencyVerdicts, TokenStateFacts } from './facts';
import { scopeHealthReport } from './report-scope';
import { computeTenantHealth } from './status';
import { problemBox, reportOf } from './tenant-problem.test-support';
import type { TenantHealth } from './types';

/*
 * Faults only the portal's operator can fix (its Key Vault, its identity, its network, its app
 * registration) were handed to partners: "What to do, for this partner's own admins: Check Key
 * Vault availability and the portal identity's access".
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const now = Date.UTC(2027, 6, 4, 14, 6);
const ok = { state: 'ok', code: null, message: null } as const;
const down = { state: 'down', code: 'probe_failed', message: 'not answering' } as const;

function tenantWith(
  tenantId: string,
  dependencies: Partial<DependencyVerdicts>,
  token: TokenStateFacts | null = null,
): TenantHealth {
  return computeTenantHealth(
    {
      tenantId,
      secret: {
        version: 'v1',
        createdAt: now - 300_000,
        mintedBy: 'admin@x.test',
        mintedAt: now - 300_000,
        mfa: true,
      },
      secretStale: dependencies.keyVault?.state === 'down',
      token,
    },
    {
      now,
      warnDays: [30, 7],
      dependencies: { keyVault: ok, entra: ok, partnerCenter: ok, ...dependencies },
      partnerCenterProbeTenantId: contoso,
    },
  );
}

describe('a Key Vault outage on the health page', () => {
  const vaultDown = reportOf(
    [tenantWith(contoso, { keyVault: down }), tenantWith(fabrikam, { keyVault: down })],
    { now, status: 'unhealthy' },
  );

  it("gives the platform operator the steps, as theirs even on another partner's card", () => {
    const operators = scopeHealthReport(vaultDown, { kind: 'all' });
    const fabrikamCard = operators.tenants.find((t) => t.tenantId === fabrikam)!;
    expect(fabrikamCard.problem).toMatchObject({
      fix: "Check Key Vault availability and the portal identity's access.",
      owner: 'portal',
    });
    const box = problemBox(fabrikamCard, true);
    expect(box).toContain(
      "What to do: Check Key Vault availability and the portal identity's access.",
    );
    expect(box).not.toContain("for this partner's own admins");
    // Cached tokens serving meanwhile is said to everyone, in the cause.
    expect(box).toContain('cached access tokens keep serving meanwhile');
  });

  it("tells a partner's reader the operator must fix it and the portal keeps retrying", () => {
    const partners = scopeHealthReport(vaultDown, { kind: 'tenant', tenantId: fabrikam });
    expect(partners.tenants).toHaveLength(1);
    const box = problemBox(partners.tenants[0]!, false);
    expect(box).toContain(
      "Where the cause is: the portal's own side (its operator looks after its configuration, Key Vault and network)",
    );
    expect(box).toContain(
      "What to do: The portal's operator must fix this if it lasts; nothing is needed from you: the portal keeps retrying on its own.",
    );
    expect(box).not.toMatch(/Check Key Vault|identity/);
  });
});

describe("another partner's card seen by a platform operator", () => {
  it("says a Partner Center outage is no partner's to fix, and a re-consent is its admins'", () => {
    const outage = tenantWith(fabrikam, { partnerCenter: down });
    expect(problemBox(outage, true)).toContain(
      'What to do: Check the Partner Center service status; the portal retries automatically.',
    );
    const lapsed = computeTenantHealth(
      {
        tenantId: fabrikam,
        secret: {
          version: 'v1',
          createdAt: now - 91 * 86_400_000,
          mintedBy: 'admin@fabrikam.test',
          mintedAt: now - 91 * 86_400_000,
          mfa: true,
        },
        secretStale: false,
        token: null,
      },
      {
        now,
        warnDays: [30, 7],
        dependencies: { keyVault: ok, entra: ok, partnerCenter: ok },
        partnerCenterProbeTenantId: contoso,
      },
    );
    expect(problemBox(lapsed, true)).toContain("What to do, for this partner's own admins:");
  });
});

describe("a fault of the portal's that only the partner's re-consent ends, on another partner's card", () => {
  it('says who does which step, not that both are "for this partner\u2019s own admins"', () => {
    // AADSTS700082: the keep-alive let the grant lapse; their re-consent replaces it.
    const lapsed: TokenStateFacts = {
      needsReconsent: true,
      lastRedemptionAt: now - 3_600_000,
      accessTokenExpiresAt: null,
      nextRefreshAt: null,
      consecutiveFailures: 1,
      lastError: {
        code: 'needs_reconsent',
        aadsts: 700082,
        at: now - 60_000,
        correlationId: 'c0ffee00-0000-4000-8000-000000000082',
        cause: 'The stored refresh token expired after 90 days without use.',
        fix: 'Re-consent in onboarding; the keep-alive then keeps it fresh.',
        action: 're-consent',
      },
    };
    const report = reportOf([tenantWith(fabrikam, {}, lapsed)], { now, status: 'unhealthy' });
    const card = scopeHealthReport(report, { kind: 'all' }).tenants[0]!;
    expect(card.status).toBe('needs-reconsent');
    const box = problemBox(card, true);
    expect(box).not.toContain("for this partner's own admins");
    expect(box).toContain('What to do:');
    expect(box).toContain("One of this partner's admins re-consents in onboarding.");
    expect(box).toContain("The portal's operator keeps the keep-alive running");
  });
});

describe("a partner's report of a failure the portal's configuration causes", () => {
  it('carries none of the operator’s steps, in the problem or the last error', () => {
    // AADSTS7000215: the portal's client secret is not the secret's value.
    const failing: TokenStateFacts = {
      needsReconsent: false,
      lastRedemptionAt: now - 3_600_000,
      accessTokenExpiresAt: null,
      nextRefreshAt: null,
      consecutiveFailures: 2,
      lastError: {
        code: 'configuration_error',
        aadsts: 7000215,
        at: now - 60_000,
        correlationId: 'c0ffee00-0000-4000-8000-000000000002',
        cause: 'The client secret is not valid.',
        fix: 'Set ENTRA_CLIENT_SECRET to the secret value from the app registration.',
        action: 'fix-configuration',
      },
    };
    const report = reportOf([tenantWith(fabrikam, {}, failing)], { now, status: 'unhealthy' });
    expect(JSON.stringify(scopeHealthReport(report, { kind: 'all' }))).toContain(
      'ENTRA_CLIENT_SECRET',
    );
    const partners = scopeHealthReport(report, { kind: 'tenant', tenantId: fabrikam });
    expect(JSON.stringify(partners)).not.toContain('ENTRA_CLIENT_SECRET');
    expect(partners.tenants[0]!.problem).toMatchObject({
      owner: 'portal',
      fix: "The portal's operator must fix this; nothing is needed from you: the portal keeps retrying, and recovers once they have.",
    });
    expect(partners.tenants[0]!.problem?.steps).toBeUndefined();
    // Quoted to support all the same.
    expect(problemBox(partners.tenants[0]!, false)).toContain('AADSTS7000215');
  });
});
