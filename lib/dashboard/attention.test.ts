import { describe, expect, it } from 'vitest';
import type { TokenStateFacts } from '@/lib/health/facts';
import { computeTenantHealth } from '@/lib/health/status';
import type { DependencyHealth, HealthReport, TenantHealth } from '@/lib/health/types';
import { attentionItems, daysLeftText, nextStepFor } from './attention';

const own = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const other = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';

function tenant(
  status: TenantHealth['status'],
  daysLeft: number | null,
  tenantId = own,
): TenantHealth {
  return {
    tenantId,
    displayName: tenantId === own ? 'Contoso' : 'Fabrikam',
    status,
    problem:
      status === 'healthy'
        ? null
        : { cause: `cause of ${status}`, fix: 'fix', action: 're-consent' },
    grant: null,
    lastSuccessfulRedemptionAt: null,
    inactivity: { limitDays: 90, lastActivityAt: null, expiresAt: null, daysLeft, warning: 'none' },
    accessTokenCache: { cached: false, expiresAt: null, valid: false },
    nextRefreshAt: null,
    consecutiveFailures: 0,
    lastError: null,
  };
}

function report(
  tenants: TenantHealth[],
  partnerCenter: 'ok' | 'down' | 'degraded' = 'ok',
): HealthReport {
  const dependency = (
    name: 'keyVault' | 'partnerCenter',
    label: string,
    state: 'ok' | 'down' | 'degraded',
  ) => ({
    name,
    label,
    state,
    checkedAt: '2026-02-01T00:00:00Z',
    latencyMs: 5,
    history: [],
    error: state === 'ok' ? null : { code: 'x', message: `${label} ${state}` },
  });
  return {
    status: 'healthy',
    generatedAt: '2026-02-01T00:00:00Z',
    probeIntervalSeconds: 30,
    tenants,
    dependencies: [
      dependency('keyVault', 'Key Vault', 'ok'),
      dependency('partnerCenter', 'Partner Center', partnerCenter),
    ],
  };
}

describe('nextStepFor', () => {
  it("makes the fix the Admin's primary button and tells others whom to ask", () => {
    expect(nextStepFor(tenant('needs-reconsent', 40), ['admin'])).toMatchObject({
      label: 'Re-consent Partner Center',
      href: '/onboarding#connect',
      reason: 'cause of needs-reconsent',
    });
    expect(nextStepFor(tenant('expiring-soon', 10), ['admin'])).toMatchObject({
      label: 'Re-consent Partner Center',
    });
    expect(nextStepFor(tenant('needs-reconsent', 40), ['salesAgent'])).toMatchObject({
      label: 'Ask a partner admin to re-consent',
      href: null,
    });
    expect(nextStepFor(null, ['admin'])).toMatchObject({
      label: 'Connect Partner Center',
      href: '/onboarding#connect',
    });
    expect(nextStepFor(null, ['ops'])).toMatchObject({ href: null });
  });

  it('does not claim nobody ever connected a tenant that may have been disconnected', () => {
    for (const step of [nextStepFor(null, ['admin']), nextStepFor(null, ['salesAgent'])])
      expect(step.reason).toBe(
        'No refresh token is stored for your partner tenant: it was never connected, or was disconnected.',
      );
  });

  it("sends a connected tenant's users to their work", () => {
    expect(nextStepFor(tenant('healthy', 80), ['salesAgent'])).toMatchObject({
      label: 'Browse customers',
      href: '/customers',
    });
    expect(nextStepFor(tenant('healthy', 80), ['ops'])).toMatchObject({
      label: 'View health',
      href: '/health',
    });
  });
});

describe('daysLeftText', () => {
  it('says left of the limit, singular for one, and never a bare ratio', () => {
    expect(daysLeftText(tenant('expiring-soon', 10))).toBe('10 days left of 90');
    expect(daysLeftText(tenant('expiring-soon', 1))).toBe('1 day left of 90');
    expect(daysLeftText(tenant('not-connected', null))).toBe('Not connected');
    expect(daysLeftText(null)).toBe('Not connected');
  });

  // The home page's connection card reads the same TenantHealth /health renders.
  describe('agrees with /health', () => {
    const now = Date.UTC(2026, 1, 1);
    const day = 86_400_000;
    const ok = { state: 'ok' as const, code: null, message: null };
    const health = (facts: {
      secret: boolean;
      token?: Partial<TokenStateFacts>;
      keyVault?: 'ok' | 'down';
    }) =>
      computeTenantHealth(
        {
          tenantId: own,
          secret: facts.secret
            ? { version: 'v2', createdAt: now - 5 * day, mintedBy: null, mintedAt: null, mfa: true }
            : null,
          secretStale: facts.keyVault === 'down',
          token: facts.token
            ? {
                needsReconsent: false,
                lastRedemptionAt: null,
                accessTokenExpiresAt: null,
                nextRefreshAt: null,
                consecutiveFailures: 0,
                lastError: null,
                ...facts.token,
              }
            : null,
        },
        {
          now,
          warnDays: [30, 7],
          dependencies: {
            keyVault: facts.keyVault === 'down' ? { state: 'down', code: 'x', message: 'x' } : ok,
            entra: ok,
            partnerCenter: ok,
          },
          partnerCenterProbeTenantId: own,
        },
      );
    /** A connection Entra refused at the last redemption, with this AADSTS code. */
    const endedByEntra = (aadsts: number | null) =>
      health({
        secret: true,
        token: {
          needsReconsent: true,
          consecutiveFailures: 1,
          lastError: {
            code: 'invalid_grant',
            aadsts,
            at: now - day,
            correlationId: null,
            cause: 'Entra refused the refresh token.',
            fix: 'Re-consent.',
            action: 're-consent',
          },
        },
      });

    it('promises no days left on a grant Entra revoked (AADSTS70043, 50173...), nor blames inactivity', () => {
      const revoked = health({
        secret: true,
        token: { needsReconsent: true, consecutiveFailures: 1 },
      });
      expect(revoked.inactivity.daysLeft).toBe(85);
      expect(daysLeftText(revoked)).toBe('Not applicable until re-consent');
      // A sign-in-frequency policy ended it: the keep-alive did its part.
      expect(daysLeftText(endedByEntra(70043))).toBe('Not applicable until re-consent');
    });

    it('says the connection ended unused only when Entra said so, or the 90 days ran out', () => {
      expect(daysLeftText(endedByEntra(700082))).toBe('Ended: unused for 90 days');
      const idle = endedByEntra(null);
      const ranOut = {
        ...idle,
        inactivity: { ...idle.inactivity, daysLeft: 0, warning: 'expired' as const },
      };
      expect(daysLeftText(ranOut)).toBe('Ended: unused for 90 days');
    });

    it('does not call a tenant whose vault listing could not be read "Not connected"', () => {
      const unread = health({ secret: false, keyVault: 'down' });
      expect(unread.status).toBe('degraded');
      expect(daysLeftText(unread)).toBe('Unknown');
    });
  });
});

describe('attentionItems', () => {
  it('lists critical problems before warnings and leaves healthy things out', () => {
    const items = attentionItems(
      report([tenant('expiring-soon', 10), tenant('needs-reconsent', 50, other)], 'down'),
      own,
      true,
    );
    expect(items.map((i) => [i.severity, i.title])).toEqual([
      ['critical', 'Fabrikam needs re-consent'],
      ['critical', 'Partner Center is down'],
      ['warning', 'Your partner tenant: 10 days left of 90'],
    ]);
    expect(items.every((i) => i.href === '/health')).toBe(true);
    expect(attentionItems(report([tenant('healthy', 80)]), own, true)).toEqual([]);
    // Another partner not onboarded yet is a warning for a platform operator, not critical.
    expect(
      attentionItems(
        report([tenant('healthy', 80), tenant('not-connected', null, other)]),
        own,
        true,
      ).map((i) => i.severity),
    ).toEqual(['warning']);
  });

  it('marks a partner known only by its id, so the page can set the id apart', () => {
    const unnamed = { ...tenant('not-connected', null, other), displayName: `Tenant ${other}` };
    const [item] = attentionItems(
      report([unnamed, tenant('not-connected', null)]),
      own,
      true,
    ).filter((i) => i.severity === 'warning');
    expect(item).toMatchObject({
      title: `Tenant ${other} is not connected to Partner Center`,
      unnamedTenantId: other,
    });
    // Named partners and the viewer's own tenant are not marked.
    expect(
      attentionItems(report([tenant('not-connected', null, other)]), own, true)[0],
    ).not.toHaveProperty('unnamedTenantId');
  });

  it('says what a degraded dependency means for each: limiting, refusing, or audit events waiting or lost', () => {
    const degraded = (
      name: DependencyHealth['name'],
      label: string,
      code: string,
    ): DependencyHealth => ({
      name,
      label,
      state: 'degraded',
      checkedAt: '2026-02-01T00:00:00Z',
      latencyMs: 5,
      history: [],
      error: { code, message: `${label}: ${code}` },
    });
    const titles = attentionItems(
      {
        ...report([]),
        dependencies: [
          degraded('keyVault', 'Key Vault', 'vault_throttled'),
          degraded('entra', 'Entra token endpoint', 'temporarily_unavailable'),
          degraded('partnerCenter', 'Partner Center', 'throttled'),
          degraded('partnerCenter', 'Partner Center', 'not_admin_agent'),
          degraded('database', 'Database (audit trail)', 'audit_backlog'),
          degraded('database', 'Database (audit trail)', 'audit_events_dropped'),
          degraded('database', 'Database (audit trail)', 'audit_events_refused'),
        ],
      },
      own,
      true,
    ).map((item) => [item.title, item.detail]);
    expect(titles).toEqual([
      ['Key Vault is limiting requests', 'Key Vault: vault_throttled'],
      [
        'Entra token endpoint is limiting requests',
        'Entra token endpoint: temporarily_unavailable',
      ],
      ['Partner Center is limiting requests', 'Partner Center: throttled'],
      ['Partner Center refused the health check', 'Partner Center: not_admin_agent'],
      ['Database (audit trail) is behind', 'Database (audit trail): audit_backlog'],
      ['Database (audit trail) lost audit events', 'Database (audit trail): audit_events_dropped'],
      ['Database (audit trail) lost audit events', 'Database (audit trail): audit_events_refused'],
    ]);
  });

  it('does not let a dependency not checked recently pass for healthy, in the words /health uses', () => {
    const stale = (state: DependencyHealth['state']): HealthReport => {
      const base = report([tenant('healthy', 80)]);
      const [keyVault, partnerCenter] = base.dependencies as [DependencyHealth, DependencyHealth];
      return {
        ...base,
        dependencies: [
          { ...keyVault, stale: false },
          {
            ...partnerCenter,
            state,
            stale: true,
            error: state === 'ok' ? null : { code: 'throttled', message: 'Partner Center 429' },
          },
        ],
      };
    };
    // Its last "OK" is too old to vouch for now: the list must not say all is healthy.
    expect(attentionItems(stale('ok'), own, true)).toEqual([
      {
        severity: 'warning',
        title: 'Partner Center was not checked recently',
        detail: 'Its state now is unknown.',
        href: '/health',
      },
    ]);
    // A last known problem is history: named as such, not as the state now.
    expect(attentionItems(stale('degraded'), own, true)).toEqual([
      {
        severity: 'warning',
        title: 'Partner Center was not checked recently',
        detail: 'Its state now is unknown. The last check said: Partner Center 429',
        href: '/health',
      },
    ]);
    // A last known outage stays named as one, as /health's summary does.
    expect(attentionItems(stale('down'), own, true).map((i) => i.title)).toEqual([
      'Partner Center is down',
    ]);
  });

  it('offers no link to /health to a viewer who may not open it', () => {
    expect(attentionItems(report([tenant('not-connected', null)]), own, false)).toEqual([
      {
        severity: 'critical',
        title: 'Your partner tenant is not connected to Partner Center',
        detail: 'cause of not-connected',
        href: null,
      },
    ]);
  });
});
