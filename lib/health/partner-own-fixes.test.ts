import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TenantProblem } from '@/components/health/tenant-problem';
import { EntraError } from '@/lib/entra/errors';
import { fixedByPartner } from '@/lib/failure/reader';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import { tokenFailure } from '@/lib/failure/translate/tokens';
import { reconsentIsTheFix } from '@/lib/onboarding/connect-panel';
import { emptyState, recordFailure } from '@/lib/tokens/state';
import { toVaultError } from '@/lib/vault/errors';
import type { TenantFacts } from './facts';
import { scopeHealthReport } from './report-scope';
import { toTokenStateFacts } from './sources';
import { computeTenantHealth } from './status';
import { readableText as text } from './tenant-problem.test-support';
import type { HealthReport, TenantHealth } from './types';

/*
 * Fixes the portal's operator and a partner's admins can each make their own way. Worded for
 * one of them, the other read a fix they could not make: a partner read "Enable its current
 * version in Key Vault" and "check that [the keep-alive] runs", and a platform operator read the
 * keep-alive check as "What to do, for this partner's own admins".
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const now = Date.UTC(2027, 6, 4, 14, 6);
const day = 86_400_000;
const ok = { state: 'ok', code: null, message: null } as const;

function tenantWith(facts: Partial<TenantFacts>): TenantHealth {
  return computeTenantHealth(
    {
      tenantId: fabrikam,
      secret: {
        version: 'v1',
        createdAt: now - day,
        mintedBy: 'admin@fabrikam.test',
        mintedAt: now - day,
        mfa: true,
      },
      secretStale: false,
      token: null,
      ...facts,
    },
    {
      now,
      warnDays: [30, 7],
      dependencies: { keyVault: ok, entra: ok, partnerCenter: ok },
      partnerCenterProbeTenantId: contoso,
    },
  );
}

const reportOf = (tenant: TenantHealth): HealthReport => ({
  status: 'degraded',
  generatedAt: new Date(now).toISOString(),
  probeIntervalSeconds: 30,
  tenants: [tenant],
  dependencies: [],
});
const asPartner = (tenant: TenantHealth) =>
  scopeHealthReport(reportOf(tenant), { kind: 'tenant', tenantId: fabrikam }).tenants[0]!;
const asOperator = (tenant: TenantHealth) =>
  scopeHealthReport(reportOf(tenant), { kind: 'all' }).tenants[0]!;

/**
 * The card's problem box: the tenant's own Admin (`canManage`), its own Ops (who may not
 * re-consent), or a platform operator viewing another partner.
 */
const problemBox = (tenant: TenantHealth, reader: 'own-admin' | 'own-ops' | 'operator-viewing') =>
  text(
    renderToStaticMarkup(
      createElement(TenantProblem, {
        tenant,
        problem: tenant.problem!,
        canManage: reader === 'own-admin',
        viewOnly: reader === 'operator-viewing',
      }),
    ),
  );

describe("a partner's stored connection disabled in the portal's Key Vault", () => {
  // Key Vault's answer to a get of a disabled version (Azure/azure-sdk-for-js#24756).
  const disabled = {
    name: 'RestError',
    statusCode: 403,
    details: { error: { innerError: { code: 'SecretDisabled' } } },
  };
  const entry = vaultEntries.vault_secret_disabled;
  const failing = () => {
    const state = emptyState(fabrikam);
    state.lastRedemptionAt = now - 3_600_000;
    const failure = tokenFailure(fabrikam, toVaultError('getSecret', disabled));
    recordFailure(state, failure, now - 60_000);
    recordFailure(state, failure, now - 30_000);
    return tenantWith({ token: toTokenStateFacts(state) });
  };

  it('is the portal’s vault, with a way of the partner’s own', () => {
    expect(entry).toMatchObject({ owner: 'portal', partnerWay: { action: 're-consent' } });
  });

  it("tells a partner's own users to re-consent or ask the operator, never the vault's steps", () => {
    const tenant = asPartner(failing());
    expect(tenant.status).toBe('degraded');
    const theirs = {
      fix: "A partner admin connects Partner Center again in onboarding to store a new connection, or asks the portal's operator to enable the stored one again.",
      action: 're-consent',
    };
    expect(tenant.problem).toMatchObject({ ...theirs, owner: 'portal' });
    expect(tenant.lastError).toMatchObject({ ...theirs, owner: 'portal' });
    expect(JSON.stringify(tenant)).not.toContain('Enable its current version');
    // Its own Admin, beside the Re-consent button, is told to press it; its Ops, who cannot,
    // who does.
    const box = problemBox(tenant, 'own-admin');
    expect(box).toContain(
      "What to do: Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.",
    );
    expect(box).not.toContain('A partner admin connects');
    // Its problem too: the connection is theirs, not "the partner's".
    expect(box).toContain('Your stored Partner Center connection is disabled in Key Vault.');
    expect(box).not.toContain("The partner's stored");
    expect(problemBox(tenant, 'own-ops')).toContain(`What to do: ${theirs.fix}`);
    expect(problemBox(tenant, 'own-ops')).toContain(entry.problem);
    expect(box).not.toContain("The portal's operator must fix this");
    // Their button: a new consent stores a new, enabled version.
    expect(box).toContain('Re-consent');
  });

  it('gives the platform operator the whole fix, as theirs', () => {
    const tenant = asOperator(failing());
    expect(tenant.problem).toMatchObject({
      fix: entry.fix,
      owner: 'portal',
      action: 'fix-configuration',
    });
    expect(tenant.lastError).toMatchObject({ fix: entry.fix, owner: 'portal' });
    expect(fixedByPartner(tenant.problem!)).toBe(false);
    const box = problemBox(tenant, 'operator-viewing');
    expect(box).toContain(`What to do: ${entry.fix}`);
    expect(box).not.toContain("for this partner's own admins");
  });

  // The home tenant's Admin reads the operator's words on their own card, and is also the
  // partner's admin they name.
  it("addresses the partner's way to the platform operator on their own card", () => {
    const box = problemBox(asOperator(failing()), 'own-admin');
    expect(box).toContain(
      'What to do: Enable its current version in Key Vault, or re-consent in onboarding to store a new one.',
    );
    expect(box).not.toContain("the partner's admins");
    // The words name a re-consent, so the card offers it (the operator may also enable the
    // version: that is in their vault, not a button here).
    expect(box).toMatch(/ Re-consent $/);
    expect(problemBox(asOperator(failing()), 'operator-viewing')).not.toContain('Re-consent');
  });
});

describe('a refresh token running out unused (expiring soon)', () => {
  function idleSecret(days: number) {
    return {
      version: 'v1',
      createdAt: now - days * day,
      mintedBy: 'admin@fabrikam.test',
      mintedAt: now - days * day,
      mfa: true,
    };
  }
  const expiring = () => tenantWith({ secret: idleSecret(65) });

  it("tells a partner's own users that re-consenting renews it now, not to check the keep-alive", () => {
    const tenant = asPartner(expiring());
    expect(tenant.status).toBe('expiring-soon');
    expect(tenant.problem?.cause).toContain('25 days left');
    expect(tenant.problem).toMatchObject({ action: 're-consent' });
    expect(tenant.problem?.fix).toMatch(/^Re-consent in onboarding to renew it now\./);
    expect(tenant.problem?.fix).toContain("The portal's keep-alive normally renews it");
    expect(tenant.problem?.fix).not.toMatch(/check that|TOKEN_KEEP_ALIVE|api\/tokens/i);
    const box = problemBox(tenant, 'own-admin');
    expect(box).toContain('What to do: Re-consent in onboarding to renew it now.');
    expect(box).toContain('Re-consent');
    // Onboarding's banner makes the re-consent its main action, as before.
    expect(reconsentIsTheFix(tenant.problem)).toBe(true);
  });

  it('tells the platform operator to check the keep-alive, as their own fix', () => {
    const tenant = asOperator(expiring());
    expect(tenant.problem?.cause).toContain('25 days left');
    expect(tenant.problem).toMatchObject({ owner: 'portal', action: 'fix-configuration' });
    expect(tenant.problem?.fix).toMatch(/^Check that the portal's keep-alive runs/);
    expect(tenant.problem?.fix).toContain('re-consent in onboarding');
    expect(fixedByPartner(tenant.problem!)).toBe(false);
    const box = problemBox(tenant, 'operator-viewing');
    expect(box).toContain("What to do: Check that the portal's keep-alive runs");
    expect(box).not.toContain("for this partner's own admins");
  });

  // The home tenant's Admin reads their own card as its operator: the keep-alive's words, and
  // still the Re-consent that renews it at once.
  it("offers the tenant's own Admins Re-consent whoever's words they read", () => {
    const own = renderToStaticMarkup(
      createElement(TenantProblem, {
        tenant: asOperator(expiring()),
        problem: asOperator(expiring()).problem!,
        canManage: true,
      }),
    );
    expect(own).toContain('href="/onboarding"');
    expect(text(own)).toContain('Re-consent');
    expect(problemBox(asOperator(expiring()), 'operator-viewing')).not.toContain('Re-consent');
  });

  it('tells the home tenant’s Admin that they can re-consent, and anyone else who can', () => {
    expect(problemBox(asOperator(expiring()), 'own-admin')).toContain(
      'You can also re-consent in onboarding to renew it now.',
    );
    for (const reader of ['own-ops', 'operator-viewing'] as const)
      expect(problemBox(asOperator(expiring()), reader)).toContain(
        "The partner's admins can also re-consent in onboarding to renew it now.",
      );
  });

  it('counts the same days for both', () => {
    expect(asPartner(expiring()).problem?.cause).toBe(asOperator(expiring()).problem?.cause);
  });

  // Redeemed a minute ago, stored 65 days ago: Entra's 90 days count from the stored token's
  // issue, and the ones it issued since were not written back. The keep-alive is no fix here.
  const usedButUnstored = () =>
    tenantWith({
      secret: idleSecret(65),
      token: {
        needsReconsent: false,
        lastRedemptionAt: now - 60_000,
        accessTokenExpiresAt: now + 3_000_000,
        nextRefreshAt: null,
        consecutiveFailures: 0,
        lastError: null,
      },
    });

  it('a token in use whose new ones are not stored: says so, and the write-back is the fix', () => {
    const operator = asOperator(usedButUnstored());
    expect(operator.status).toBe('expiring-soon');
    expect(operator.problem?.cause).toBe(
      'The portal uses this refresh token, but the new ones Entra issues are not being stored in Key Vault: 25 days left before Entra ends the stored one, 90 days after it was issued.',
    );
    expect(operator.problem?.fix).toMatch(
      /^Find why the rotated refresh token is not written back/,
    );
    expect(operator.problem?.fix).not.toContain('keep-alive');
    const partner = asPartner(usedButUnstored());
    expect(partner.problem?.cause).toBe(operator.problem?.cause);
    expect(partner.problem?.fix).toBe(
      "Re-consent in onboarding to renew it now, and tell the portal's operator that the new tokens are not being stored.",
    );
  });
});

// A grant the keep-alive let lapse: the operator's steps name the re-consent as "one of this
// partner's admins'", which the home tenant's Admin read on their own card beside the Re-consent
// button they may press themselves.
describe('a connection that ended unused (AADSTS700082), on a platform operator’s page', () => {
  const retired = () => {
    const state = emptyState(fabrikam);
    const refused = new EntraError({ error: 'invalid_grant', status: 400, aadsts: 700082 });
    recordFailure(state, tokenFailure(fabrikam, refused), now - 60_000);
    return asOperator(tenantWith({ token: toTokenStateFacts(state) }));
  };

  it('asks the tenant’s own Admin to re-consent', () => {
    const tenant = retired();
    expect(tenant.status).toBe('needs-reconsent');
    const box = problemBox(tenant, 'own-admin');
    expect(box).toContain('What to do: Re-consent in onboarding. The portal');
    expect(box).not.toContain("One of this partner's admins");
    expect(box).toContain("The portal's operator keeps the keep-alive running");
  });

  it("keeps naming the partner's admins for whoever cannot re-consent", () => {
    for (const reader of ['own-ops', 'operator-viewing'] as const) {
      const box = problemBox(retired(), reader);
      expect(box).toContain("One of this partner's admins re-consents in onboarding.");
      expect(box).not.toContain('Re-consent in onboarding.');
    }
  });
});
