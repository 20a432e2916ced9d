import { describe, expect, it } from 'vitest';
import type { PortalRole } from '@/lib/auth/roles';
import type { TokenStateFacts } from '@/lib/health/facts';
import { computeTenantHealth } from '@/lib/health/status';
import type { DependencyHealth, HealthReport, TenantHealth } from '@/lib/health/types';
import {
  attentionItems,
  connectedWords,
  connectionCardAnswers,
  daysLeftText,
  nextStepFor,
} from './attention';

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
    for (const roles of [['admin'], ['ops']] as const)
      expect(nextStepFor(null, roles).reason).toBe(
        'No refresh token is stored for your partner tenant: it was never connected, or was disconnected.',
      );
    expect(nextStepFor(null, ['salesAgent']).reason).toBe(
      'Customer data is not available: Partner Center was never connected for your partner, or was disconnected.',
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

// "Partner Center is connected." stood right under the card's "Healthy" badge: the same thing
// twice. The reason now gives what neither the badge nor the token facts say.
describe("a healthy connection's reason, for whoever runs the connection", () => {
  const connected = (grant: Partial<NonNullable<TenantHealth['grant']>> | null): TenantHealth => ({
    ...tenant('healthy', 80),
    grant: grant && {
      mintedBy: null,
      mintedAt: null,
      mfa: true,
      keyVaultVersion: 'v1',
      lastRotatedAt: null,
      stale: false,
      ...grant,
    },
  });

  it('says who connected it and on which day (UTC), never only that it is connected', () => {
    const health = connected({
      mintedBy: 'admin@contosopartner.onmicrosoft.com',
      mintedAt: '2026-12-06T23:57:54Z',
    });
    for (const roles of [['admin'], ['ops'], ['salesAgent', 'ops']] as PortalRole[][]) {
      const { reason } = nextStepFor(health, roles);
      expect(reason).toBe('Connected on 6 Dec 2026 by admin@contosopartner.onmicrosoft.com.');
    }
  });

  it('says what it knows of the two, and nothing rather than the badge again', () => {
    expect(connectedWords(connected({ mintedAt: '2026-09-30T10:00:00Z' }))).toBe(
      'Connected on 30 Sep 2026.',
    );
    expect(connectedWords(connected({ mintedBy: 'admin@contoso.example' }))).toBe(
      'Connected by admin@contoso.example.',
    );
    expect(connectedWords(connected({ mintedAt: 'not a time' }))).toBe('');
    for (const roles of [['admin'], ['ops']] as PortalRole[][])
      expect(nextStepFor(connected(null), roles).reason).toBe('');
  });

  it('leaves a sales agent their plain words', () => {
    const health = connected({
      mintedBy: 'admin@contoso.example',
      mintedAt: '2026-12-06T00:00:00Z',
    });
    expect(nextStepFor(health, ['salesAgent']).reason).toBe('Customer data is available.');
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
      report([tenant('expiring-soon', 10), tenant('needs-reconsent', 50)], 'down'),
      own,
      true,
    );
    expect(items.map((i) => [i.severity, i.title])).toEqual([
      ['critical', 'Your partner tenant needs re-consent'],
      ['critical', 'Partner Center is down'],
      ['warning', 'Your partner tenant: 10 days left of 90'],
    ]);
    expect(items.every((i) => i.href === '/health')).toBe(true);
    expect(attentionItems(report([tenant('healthy', 80)]), own, true)).toEqual([]);
    // Another partner not onboarded yet is for a platform operator to know, not critical.
    expect(
      attentionItems(
        report([tenant('healthy', 80), tenant('not-connected', null, other)]),
        own,
        true,
      ).map((i) => i.severity),
    ).toEqual(['info']);
  });

  // "Tenant <id>" here and "Partner tenant <id>" on /health's card named one tenant two ways.
  it('names a partner known only by its id as /health does, marked so the page sets the id apart', () => {
    const unnamed = { ...tenant('not-connected', null, other), displayName: `Tenant ${other}` };
    const [item] = attentionItems(
      report([unnamed, tenant('not-connected', null)]),
      own,
      true,
    ).filter((i) => i.subject === 'otherPartner');
    expect(item).toMatchObject({
      title: `Partner tenant ${other} is not connected to Partner Center`,
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
          degraded('database', 'Database', 'audit_backlog'),
          degraded('database', 'Database', 'audit_events_dropped'),
          degraded('database', 'Database', 'audit_events_refused'),
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
      ['Database is behind', 'Database: audit_backlog'],
      ['Database lost audit events', 'Database: audit_events_dropped'],
      ['Database lost audit events', 'Database: audit_events_refused'],
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
        subject: 'service',
        title: 'Partner Center was not checked recently',
        detail: 'Its state is now unknown.',
        href: '/health',
      },
    ]);
    // A last known problem is history: named as such, not as the state now.
    expect(attentionItems(stale('degraded'), own, true)).toEqual([
      {
        severity: 'warning',
        subject: 'service',
        title: 'Partner Center was not checked recently',
        detail: 'Its state is now unknown. The last check said: Partner Center 429',
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
        severity: 'info',
        subject: 'own',
        title: 'Your partner tenant is not connected to Partner Center',
        detail: 'Customers cannot be shown until a partner admin connects it.',
        href: null,
      },
    ]);
  });
});

// The home page said "not connected" five times, the list's own item in red beside the card's
// grey badge. The card says it, and who connects it: the list leaves it to the card.
describe("the reader's own tenant not connected", () => {
  const roleSets: PortalRole[][] = [['admin'], ['ops'], ['salesAgent'], ['salesAgent', 'ops']];

  it('is left to the connection card, whose next step says who connects it, for every role', () => {
    for (const roles of roleSets)
      for (const health of [null, tenant('not-connected', null)]) {
        expect(nextStepFor(health, roles).label).toBe(
          roles.includes('admin')
            ? 'Connect Partner Center'
            : 'Ask a partner admin to connect Partner Center',
        );
        expect(connectionCardAnswers(health)).toBe(true);
      }
  });

  it('stays listed for any other trouble', () => {
    for (const status of ['healthy', 'needs-reconsent', 'expiring-soon', 'degraded'] as const)
      expect(connectionCardAnswers(tenant(status, 10))).toBe(false);
  });

  it('leaves out only its own item, keeping the services and other partners', () => {
    const items = attentionItems(
      report([tenant('not-connected', null), tenant('needs-reconsent', 0, other)], 'down'),
      own,
      true,
      { ownOnCard: true },
    );
    expect(items.map((i) => [i.subject, i.title])).toEqual([
      ['service', 'Partner Center is down'],
      ['otherPartner', 'Fabrikam needs re-consent'],
    ]);
    expect(attentionItems(report([tenant('not-connected', null)]), own, true)).toHaveLength(1);
  });

  // /health's badge for "Not connected" is neutral: the first state before onboarding, no outage.
  it('is never critical where it is listed: the informational tone, as for another partner', () => {
    for (const canViewHealth of [true, false])
      expect(
        attentionItems(report([tenant('not-connected', null)]), own, canViewHealth).map(
          (i) => i.severity,
        ),
      ).toEqual(['info']);
  });
});

describe('attentionItems when the home page could not read the audit trail', () => {
  const withDatabase = (state: DependencyHealth['state'], stale = false): HealthReport => {
    const base = report([tenant('healthy', 80)]);
    return {
      ...base,
      dependencies: [
        ...base.dependencies,
        {
          name: 'database',
          label: 'Database',
          state,
          stale,
          checkedAt: '2026-02-01T00:00:00Z',
          latencyMs: 5,
          history: [],
          error: state === 'ok' ? null : { code: 'x', message: 'The database is not answering.' },
        },
      ],
    };
  };

  // The health report's probe is cached: it said "OK" while the page's own read failed, and the
  // list said every service was healthy above the page's red "cannot be read" card.
  it('names the database as not answering, though the cached report still says it answered', () => {
    const items = attentionItems(withDatabase('ok'), own, true, { auditUnreadable: true });
    expect(items).toEqual([
      {
        severity: 'critical',
        subject: 'service',
        title: 'Database is not answering',
        detail:
          'The audit trail could not be read just now; events that happen meanwhile are kept and written when it is back. The health page shows it once its next check runs.',
        href: '/health',
      },
    ]);
  });

  it('names it once, in place of what the report says of it, and without the lag once /health agrees', () => {
    for (const [state, stale] of [
      ['degraded', false],
      ['ok', true],
    ] as const) {
      const titles = attentionItems(withDatabase(state, stale), own, true, {
        auditUnreadable: true,
      }).map((i) => i.title);
      expect(titles).toEqual(['Database is not answering']);
    }
    const [down] = attentionItems(withDatabase('down'), own, true, { auditUnreadable: true });
    expect(down?.title).toBe('Database is not answering');
    expect(down?.detail).not.toContain('health page');
  });

  it('still names it when the report has no database probe, and not when the read worked', () => {
    expect(
      attentionItems(report([tenant('healthy', 80)]), own, true, { auditUnreadable: true }).map(
        (i) => i.title,
      ),
    ).toEqual(['Database is not answering']);
    expect(attentionItems(withDatabase('ok'), own, true, { auditUnreadable: false })).toEqual([]);
  });
});

describe("attentionItems for a platform operator, who views other partners' tenants", () => {
  it("lists the viewer's own tenant first within a severity, other partners' last", () => {
    const items = attentionItems(
      report(
        [
          tenant('not-connected', null, other),
          tenant('needs-reconsent', 0, other),
          tenant('not-connected', null),
        ],
        'down',
      ),
      own,
      true,
    );
    expect(items.map((i) => [i.severity, i.subject, i.title])).toEqual([
      ['critical', 'service', 'Partner Center is down'],
      ['info', 'own', 'Your partner tenant is not connected to Partner Center'],
      ['critical', 'otherPartner', 'Fabrikam needs re-consent'],
      ['info', 'otherPartner', 'Fabrikam is not connected to Partner Center'],
    ]);
  });

  // Its people cannot sign in: the stored token is the operator's own task, not view only.
  it('lists a tenant no longer admitted with what the reader can act on, the fix its detail', () => {
    const offBoarded = {
      ...tenant('degraded', 90, other),
      admitted: false as const,
      problem: {
        cause: 'No longer admitted.',
        fix: "Delete the tenant's secret.",
        action: 'fix-configuration' as const,
      },
    };
    const items = attentionItems(
      report([tenant('needs-reconsent', 0, other), offBoarded]),
      own,
      true,
    );
    expect(items.map((i) => [i.severity, i.subject, i.title, i.detail])).toEqual([
      [
        'warning',
        'notAdmitted',
        'Fabrikam is no longer admitted, its token still stored',
        "Delete the tenant's secret.",
      ],
      ['critical', 'otherPartner', 'Fabrikam needs re-consent', expect.any(String)],
    ]);
  });

  it('names a tenant no longer admitted and known by its id only as /health does', () => {
    const offBoarded = {
      ...tenant('degraded', 90, other),
      displayName: `Tenant ${other}`,
      admitted: false as const,
    };
    const [item] = attentionItems(report([offBoarded]), own, true);
    expect(item).toMatchObject({
      subject: 'notAdmitted',
      title: `Partner tenant ${other} is no longer admitted, its token still stored`,
      unnamedTenantId: other,
    });
  });

  // Another partner's re-consent (critical) led the list above the reader's own expiring token
  // and a throttling service, which only they can act on.
  it("lists what the reader can act on before any other partner's trouble, however severe", () => {
    const items = attentionItems(
      report(
        [
          tenant('not-connected', null, other),
          tenant('needs-reconsent', 0, other),
          tenant('expiring-soon', 10),
        ],
        'degraded',
      ),
      own,
      true,
    );
    expect(items.map((i) => [i.subject, i.severity, i.title])).toEqual([
      ['own', 'warning', 'Your partner tenant: 10 days left of 90'],
      ['service', 'warning', expect.stringMatching(/^Partner Center /)],
      ['otherPartner', 'critical', 'Fabrikam needs re-consent'],
      ['otherPartner', 'info', 'Fabrikam is not connected to Partner Center'],
    ]);
  });

  it("words another partner's trouble as whoever fixes it: its admins, or the portal", () => {
    const statuses = ['not-connected', 'needs-reconsent', 'expiring-soon', 'degraded'] as const;
    const items = attentionItems(report(statuses.map((s) => tenant(s, 10, other))), own, true);
    expect(items).toHaveLength(4);
    for (const item of items) {
      // Named plainly: the list says once, above them, that they are view only.
      expect(item.title).toMatch(/^Fabrikam /);
      expect(item.detail).not.toMatch(/refresh token/i);
      expect(item.detail).not.toBe('');
    }
    // Running out while connected: the portal's keep-alive should have renewed it.
    expect(items.find((i) => i.title.includes('days left'))?.detail).toMatch(/keep-alive/);
    // Degraded: the portal's own trouble, with /health's cause.
    expect(items.find((i) => i.title.endsWith('is degraded'))?.detail).toBe('cause of degraded');
    expect(items.map((i) => i.title)).toContain('Fabrikam has 10 days left of 90');
    expect(items.find((i) => i.title.endsWith('not connected to Partner Center'))?.detail).toBe(
      'Its admins have not connected it to the portal, or disconnected it. Only they can connect it.',
    );
    // A re-consent stays critical ("Action required by other partners' admins" on /health); an
    // expiring or degraded connection is the platform operator's to look at, a warning; only
    // "not connected" is for the other partner alone.
    expect(items.map((i) => [i.title, i.severity])).toEqual([
      ['Fabrikam needs re-consent', 'critical'],
      ['Fabrikam has 10 days left of 90', 'warning'],
      ['Fabrikam is degraded', 'warning'],
      ['Fabrikam is not connected to Partner Center', 'info'],
    ]);
  });

  // The catalogue speaks to the partner ("no Admin agent role in your Partner Center"): under
  // another partner's name it named the reader's own Partner Center.
  it("names the other partner where /health's cause speaks to the partner, not the reader", () => {
    const refusedHere = (tenantId: string) =>
      computeTenantHealth(
        {
          tenantId,
          secret: {
            version: 'v1',
            createdAt: Date.UTC(2026, 0, 31),
            mintedBy: null,
            mintedAt: Date.UTC(2026, 0, 31),
            mfa: true,
          },
          secretStale: false,
          token: null,
        },
        {
          now: Date.UTC(2026, 1, 1),
          warnDays: [30, 7],
          dependencies: {
            keyVault: { state: 'ok', code: null, message: null },
            entra: { state: 'ok', code: null, message: null },
            partnerCenter: {
              state: 'degraded',
              code: 'partner_center_not_admin_agent',
              message: 'refused',
            },
          },
          partnerCenterProbeTenantId: tenantId,
        },
      );
    const yours = 'it has no Admin agent role in your Partner Center.';
    const asTheirs = (displayName: string) =>
      attentionItems(report([{ ...refusedHere(other), displayName }]), own, true)[0]?.detail;
    expect(refusedHere(other).problem?.cause).toContain(yours);
    expect(asTheirs('Fabrikam')).toBe(
      "Partner Center refused the account that consented: it has no Admin agent role in Fabrikam's Partner Center.",
    );
    expect(asTheirs(`Tenant ${other}`)).toContain("in the partner's Partner Center.");
    // The reader's own tenant keeps the words as /health gives them.
    const [ownItem] = attentionItems(report([refusedHere(own)]), own, true);
    expect(ownItem?.detail).toContain(yours);
  });

  it("keeps /health's exact cause for the viewer's own tenant when they run the connection", () => {
    const [item] = attentionItems(report([tenant('needs-reconsent', 0)]), own, true);
    expect(item?.detail).toBe('cause of needs-reconsent');
  });
});

describe('the home page for a sales agent, who cannot act on token facts', () => {
  const statuses = ['healthy', 'not-connected', 'needs-reconsent', 'expiring-soon', 'degraded'];

  it('gives the connection in plain words: what they can use, and who can fix it', () => {
    for (const status of statuses) {
      const step = nextStepFor(tenant(status as TenantHealth['status'], 10), ['salesAgent']);
      expect(step.reason).toMatch(/^Customer data /);
      expect(step.reason).not.toMatch(/token/i);
    }
    expect(nextStepFor(tenant('healthy', 80), ['salesAgent']).reason).toBe(
      'Customer data is available.',
    );
    expect(nextStepFor(tenant('needs-reconsent', 0), ['salesAgent'])).toMatchObject({
      reason: 'Customer data is not available: Partner Center no longer accepts the connection.',
      label: 'Ask a partner admin to re-consent',
    });
  });

  it('keeps the technical reason for a sales agent who is also Ops', () => {
    expect(nextStepFor(tenant('needs-reconsent', 0), ['salesAgent', 'ops']).reason).toBe(
      'cause of needs-reconsent',
    );
  });

  it('words their own tenant in "Needs attention" without token jargon', () => {
    const items = attentionItems(
      report(statuses.slice(1).map((s) => tenant(s as TenantHealth['status'], 10))),
      own,
      false,
    );
    expect(items).toHaveLength(4);
    for (const item of items) {
      expect(item.detail).not.toMatch(/token|cause of/i);
      expect(item.detail).toMatch(/partner admin|keeps trying/);
    }
  });
});

// Key Vault down: the list said it for the reader's own tenant, for the vault, and once more
// for every other partner's tenant. The service's item says it once, and whom it affects.
describe('"Needs attention" during a shared service’s outage', () => {
  const northwind = '5c4b3a29-1d0e-4f6a-8b7c-9d8e7f6a5b4c';
  const vaultDown = {
    cause:
      'Key Vault cannot be reached: the refresh token can be neither read nor rotated; cached access tokens keep serving meanwhile.',
    fix: "Check Key Vault availability and the portal identity's access.",
    action: 'retry' as const,
    owner: 'portal' as const,
    sharedOutage: 'keyVault' as const,
  };
  /** Degraded by the vault's outage alone. */
  const affected = (tenantId: string, displayName = 'Fabrikam'): TenantHealth => ({
    ...tenant('degraded', 80, tenantId),
    displayName,
    problem: vaultDown,
  });
  const withVault = (
    tenants: TenantHealth[],
    state: DependencyHealth['state'] = 'down',
    instances?: DependencyHealth['instances'],
  ): HealthReport => {
    const base = report(tenants);
    return {
      ...base,
      dependencies: base.dependencies.map((d) =>
        d.name === 'keyVault'
          ? {
              ...d,
              state,
              error: { code: 'vault_unavailable', message: 'Key Vault list failed.' },
              ...(instances ? { instances } : {}),
            }
          : d,
      ),
    };
  };
  const listed = (items: ReturnType<typeof attentionItems>) =>
    items.map((i) => [i.subject, i.title, i.detail]);

  it('lists the outage once for a platform operator, saying it affects every partner tenant', () => {
    const items = attentionItems(
      withVault([affected(own, 'Contoso'), affected(other), affected(northwind, 'Northwind')]),
      own,
      true,
    );
    expect(listed(items)).toEqual([
      [
        'service',
        'Key Vault is down',
        'Key Vault list failed. It affects every partner tenant: cached access tokens keep serving meanwhile.',
      ],
    ]);
  });

  // Key Vault throttling not checked lately: its item says its state is now unknown, so the
  // tenant's trouble is not folded into it (which then said whom the outage affects).
  it('keeps a tenant listed when the service was not checked recently', () => {
    const report = withVault([{ ...affected(other), problem: vaultDown }], 'degraded');
    const staleReport: HealthReport = {
      ...report,
      dependencies: report.dependencies.map((d) =>
        d.name === 'keyVault' ? { ...d, stale: true } : d,
      ),
    };
    const items = attentionItems(staleReport, other, true);
    expect(items.map((i) => i.subject).sort()).toEqual(['own', 'service']);
    expect(items.find((i) => i.subject === 'service')?.title).toBe(
      'Key Vault was not checked recently',
    );
    expect(JSON.stringify(items)).not.toContain('It affects');
  });

  it('tells a partner’s reader it affects their partner tenant, naming no other partner', () => {
    const items = attentionItems(withVault([affected(other)]), other, true);
    expect(listed(items)).toEqual([
      [
        'service',
        'Key Vault is down',
        'Key Vault list failed. It affects your partner tenant: cached access tokens keep serving meanwhile.',
      ],
    ]);
    expect(JSON.stringify(items)).not.toMatch(/Fabrikam|Contoso/);
    // A sales agent reads what it means for customer data, as their tenant's own item said.
    expect(attentionItems(withVault([affected(other)]), other, false).map((i) => i.detail)).toEqual(
      [
        'Key Vault list failed. It affects your partner tenant: customer data may not load right now; the portal keeps trying on its own.',
      ],
    );
  });

  it('counts the tenants it affects when some have trouble of their own, which stays listed', () => {
    const ownReconsent = attentionItems(
      withVault([tenant('needs-reconsent', 0), affected(other), affected(northwind, 'Northwind')]),
      own,
      true,
    );
    expect(listed(ownReconsent)).toEqual([
      ['own', 'Your partner tenant needs re-consent', 'cause of needs-reconsent'],
      [
        'service',
        'Key Vault is down',
        'Key Vault list failed. It affects 2 other partner tenants: cached access tokens keep serving meanwhile.',
      ],
    ]);
    const othersOwn = attentionItems(
      withVault([
        affected(own, 'Contoso'),
        affected(other),
        tenant('not-connected', null, northwind),
      ]),
      own,
      true,
    );
    expect(listed(othersOwn)).toEqual([
      [
        'service',
        'Key Vault is down',
        'Key Vault list failed. It affects your partner tenant and 1 other partner tenant: cached access tokens keep serving meanwhile.',
      ],
      [
        'otherPartner',
        'Fabrikam is not connected to Partner Center',
        'Its admins have not connected it to the portal, or disconnected it. Only they can connect it.',
      ],
    ]);
  });

  it('folds only a problem marked as the service’s, never one that reads alike', () => {
    // The same words without the mark: a tenant's own, listed as before.
    const unmarked = { ...affected(other), problem: { ...vaultDown, sharedOutage: undefined } };
    const items = attentionItems(withVault([unmarked]), own, true);
    expect(items.map((i) => i.subject)).toEqual(['service', 'otherPartner']);
    expect(items[0]?.detail).toBe('Key Vault list failed.');
    // Marked, the same tenant is the service's.
    expect(attentionItems(withVault([affected(other)]), own, true).map((i) => i.subject)).toEqual([
      'service',
    ]);
    // Marked, but the vault's item is not in the list: the tenant's item stays.
    expect(
      attentionItems(withVault([affected(own, 'Contoso')], 'ok'), own, true).map((i) => i.title),
    ).toEqual(['Your partner tenant is degraded']);
  });

  it('says what still works as the tenants’ words do, and names a cut-off instance’s path', () => {
    const throttled = attentionItems(
      withVault(
        [{ ...affected(own, 'Contoso'), problem: { ...vaultDown, action: 'wait' } }],
        'degraded',
      ),
      own,
      true,
    );
    expect(listed(throttled)).toEqual([
      [
        'service',
        'Key Vault is limiting requests',
        'Key Vault list failed. It affects your partner tenant: cached access tokens keep serving meanwhile.',
      ],
    ]);
    const at = '2026-02-01T00:00:00Z';
    const cutOff = attentionItems(
      withVault([affected(own, 'Contoso')], 'down', [
        { instance: 'web-1', thisInstance: true, state: 'down', checkedAt: at },
        { instance: 'web-2', thisInstance: false, state: 'ok', checkedAt: at },
      ]),
      own,
      true,
    );
    expect(cutOff.map((i) => i.title)).toEqual(['This instance cannot reach Key Vault']);
  });
});
