import { describe, expect, it } from 'vitest';
import type { DependencyVerdicts, TenantFacts, TokenStateFacts } from './facts';
import { computeTenantHealth, inactivityWindow, type StatusContext } from './status';

const day = 86_400_000;
const now = Date.UTC(2026, 0, 31, 12, 0, 0);
const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const allOk: DependencyVerdicts = {
  keyVault: { state: 'ok', code: null, message: null },
  entra: { state: 'ok', code: null, message: null },
  partnerCenter: { state: 'ok', code: null, message: null },
};
const ctx = (over: Partial<StatusContext> = {}): StatusContext => ({
  now,
  warnDays: [30, 7],
  dependencies: allOk,
  partnerCenterProbeTenantId: tenantId,
  ...over,
});

function facts(over: Partial<TenantFacts> & { token?: TokenStateFacts | null } = {}): TenantFacts {
  return {
    tenantId,
    secret: {
      version: 'a'.repeat(32),
      createdAt: now - 2 * day,
      mintedBy: 'admin@contosopartner.onmicrosoft.com',
      mintedAt: now - 2 * day,
      mfa: true,
    },
    secretStale: false,
    token: {
      needsReconsent: false,
      lastRedemptionAt: now - 60_000,
      accessTokenExpiresAt: now + 50 * 60_000,
      nextRefreshAt: now + 45 * 60_000,
      consecutiveFailures: 0,
      lastError: null,
    },
    ...over,
  };
}

const revoked = {
  code: 'invalid_grant',
  aadsts: 50173,
  at: now - 1000,
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  cause: 'The grant was revoked (password reset or admin revocation).',
  fix: 'Re-consent in onboarding with a partner admin agent account.',
  action: 're-consent' as const,
};

describe('computeTenantHealth', () => {
  it('reports a recently used, connected tenant as healthy with every fact', () => {
    expect(computeTenantHealth(facts(), ctx())).toEqual({
      tenantId,
      displayName: 'contosopartner.onmicrosoft.com',
      status: 'healthy',
      problem: null,
      grant: {
        mintedBy: 'admin@contosopartner.onmicrosoft.com',
        mintedAt: new Date(now - 2 * day).toISOString(),
        mfa: true,
        keyVaultVersion: 'a'.repeat(32),
        lastRotatedAt: new Date(now - 2 * day).toISOString(),
        stale: false,
      },
      lastSuccessfulRedemptionAt: new Date(now - 60_000).toISOString(),
      // From the stored version's writing: the redemption a minute ago renewed nothing.
      inactivity: {
        limitDays: 90,
        lastActivityAt: new Date(now - 2 * day).toISOString(),
        expiresAt: new Date(now - 2 * day + 90 * day).toISOString(),
        daysLeft: 88,
        warning: 'none',
      },
      accessTokenCache: {
        cached: true,
        expiresAt: new Date(now + 50 * 60_000).toISOString(),
        valid: true,
      },
      nextRefreshAt: new Date(now + 45 * 60_000).toISOString(),
      consecutiveFailures: 0,
      lastError: null,
    });
  });

  it('says not-connected when the vault holds no token', () => {
    const health = computeTenantHealth(facts({ secret: null, token: null }), ctx());
    expect(health.status).toBe('not-connected');
    expect(health.problem?.action).toBe('onboard');
    expect(health.grant).toBeNull();
    // No minting admin to name it by: the whole id, as the header and cards name it (never a
    // shortened id that reads like a name and cannot be searched for).
    expect(health.displayName).toBe(`Tenant ${tenantId}`);
  });

  it('says needs-reconsent with the catalogue cause when the token service gave up (50173)', () => {
    const token = {
      ...facts().token!,
      needsReconsent: true,
      consecutiveFailures: 1,
      lastError: revoked,
    };
    const health = computeTenantHealth(facts({ token }), ctx());
    expect(health.status).toBe('needs-reconsent');
    expect(health.problem).toMatchObject({
      cause: revoked.cause,
      fix: revoked.fix,
      action: 're-consent',
    });
    // The catalogue's owner and steps come along for the card.
    expect(health.problem).toMatchObject({
      owner: 'partner-entra',
      steps: [expect.stringMatching(/Re-consent/)],
    });
    expect(health.lastError).toMatchObject({
      aadsts: 50173,
      at: new Date(now - 1000).toISOString(),
    });
    expect(health.nextRefreshAt).toBeNull();
  });

  it('says needs-reconsent once 90 idle days have passed even before a redemption fails', () => {
    const idle = facts({ token: null, secret: { ...facts().secret!, createdAt: now - 91 * day } });
    const health = computeTenantHealth(idle, ctx());
    expect(health.status).toBe('needs-reconsent');
    expect(health.problem?.cause).toMatch(/700082/);
  });

  it('says expiring-soon inside the first threshold and names the days left', () => {
    const idle = facts({ token: null, secret: { ...facts().secret!, createdAt: now - 65 * day } });
    const health = computeTenantHealth(idle, ctx());
    expect(health.status).toBe('expiring-soon');
    expect(health.inactivity).toMatchObject({ daysLeft: 25, warning: 'first' });
    expect(health.problem?.cause).toContain('25 days left');
  });

  it('is degraded when Key Vault is down, keeping the last known facts marked stale', () => {
    const health = computeTenantHealth(
      facts({ secretStale: true }),
      ctx({
        dependencies: { ...allOk, keyVault: { state: 'down', code: 'probe_failed', message: 'x' } },
      }),
    );
    expect(health.status).toBe('degraded');
    expect(health.problem?.cause).toMatch(/Key Vault/);
    expect(health.grant?.stale).toBe(true);
  });

  it('blames Partner Center throttling only on the tenant whose token was throttled', () => {
    const throttled = ctx({
      dependencies: {
        ...allOk,
        partnerCenter: { state: 'degraded', code: 'throttled', message: '429' },
      },
    });
    expect(computeTenantHealth(facts(), throttled).status).toBe('degraded');
    expect(
      computeTenantHealth(facts({ tenantId: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22' }), throttled)
        .status,
    ).toBe('healthy');
  });

  it("names Partner Center's refusal of the consenting account with its owner and steps", () => {
    const refused = ctx({
      dependencies: {
        ...allOk,
        partnerCenter: { state: 'degraded', code: 'partner_center_not_admin_agent', message: 'x' },
      },
    });
    const health = computeTenantHealth(facts(), refused);
    expect(health.status).toBe('degraded');
    expect(health.problem).toMatchObject({
      title: 'The consenting account is not an admin agent',
      owner: 'partner-center',
      action: 're-consent',
    });
    expect(health.problem!.steps!.join(' ')).toMatch(/User management/);
    // Other refusals keep the probe's message and the generic advice.
    const other = computeTenantHealth(
      facts(),
      ctx({
        dependencies: {
          ...allOk,
          partnerCenter: {
            state: 'degraded',
            code: 'forbidden',
            message: 'Partner Center refused (HTTP 403)',
          },
        },
      }),
    );
    expect(other.problem).toMatchObject({
      cause: 'Partner Center refused (HTTP 403)',
      action: 'retry',
    });
  });

  it('is degraded after transient failures, with the last error as the problem', () => {
    const lastError = {
      ...revoked,
      code: 'network',
      aadsts: null,
      cause: 'Entra ID could not be reached.',
      fix: 'Retry.',
      action: 'retry' as const,
    };
    const health = computeTenantHealth(
      facts({ token: { ...facts().token!, consecutiveFailures: 3, lastError } }),
      ctx(),
    );
    expect(health).toMatchObject({
      status: 'degraded',
      consecutiveFailures: 3,
      problem: { cause: 'Entra ID could not be reached.' },
    });
  });

  it('reports an expired cached access token as not valid', () => {
    const health = computeTenantHealth(
      facts({ token: { ...facts().token!, accessTokenExpiresAt: now - 1 } }),
      ctx(),
    );
    expect(health.accessTokenCache).toEqual({
      cached: true,
      expiresAt: new Date(now - 1).toISOString(),
      valid: false,
    });
  });
});

describe('inactivityWindow', () => {
  const at = (daysAgo: number) =>
    facts({ token: null, secret: { ...facts().secret!, createdAt: now - daysAgo * day } });

  it.each([
    [0, 90, 'none'],
    [59, 31, 'none'],
    [60, 30, 'first'],
    [82, 8, 'first'],
    [83, 7, 'second'],
    [89, 1, 'second'],
    [90, 0, 'expired'],
    [120, 0, 'expired'],
  ] as const)('%i idle days -> %i days left, warning %s', (idle, daysLeft, warning) => {
    expect(inactivityWindow(at(idle), now, [30, 7])).toMatchObject({ daysLeft, warning });
  });

  it('rounds partial days up, so thresholds trip only once fewer days remain', () => {
    expect(inactivityWindow(at(82.5), now, [30, 7])).toMatchObject({
      daysLeft: 8,
      warning: 'first',
    });
    expect(inactivityWindow(at(83.5), now, [30, 7])).toMatchObject({
      daysLeft: 7,
      warning: 'second',
    });
  });

  // Entra counts a refresh token's 90 days from its issue; a redemption renews only through the
  // token it issues, once written back: one redeemed daily but never written back still ends.
  it('counts from the stored version, however recently the portal redeemed it', () => {
    const f = facts({
      secret: { ...facts().secret!, createdAt: now - 80 * day },
      token: { ...facts().token!, lastRedemptionAt: now - 60_000 },
    });
    expect(inactivityWindow(f, now, [30, 7])).toMatchObject({
      lastActivityAt: new Date(now - 80 * day).toISOString(),
      daysLeft: 10,
      warning: 'first',
    });
  });

  // The write-back that a redemption made is the stored token's writing, before Key Vault's next
  // listing shows its version: the card does not say "not stored" for that long.
  it("counts from this instance's write-back before the vault's listing shows it", () => {
    const f = facts({
      secret: { ...facts().secret!, createdAt: now - 80 * day },
      token: { ...facts().token!, lastRedemptionAt: now - 60_000, lastWriteBackAt: now - 59_000 },
    });
    expect(inactivityWindow(f, now, [30, 7])).toMatchObject({ daysLeft: 90, warning: 'none' });
    expect(computeTenantHealth(f, ctx()).status).toBe('healthy');
  });

  it('honours configured thresholds in either order', () => {
    expect(inactivityWindow(at(45), now, [14, 50]).warning).toBe('first');
    expect(inactivityWindow(at(77), now, [14, 50]).warning).toBe('second');
  });

  it('knows nothing without a stored version or redemption', () => {
    expect(inactivityWindow(facts({ secret: null, token: null }), now, [30, 7])).toMatchObject({
      daysLeft: null,
      warning: 'none',
    });
  });
});
