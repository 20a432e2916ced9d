import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalUser } from '@/lib/auth/user';
import type { HealthReport, TenantHealth } from '@/lib/health/types';
import { homeFacts } from './home';

/**
 * The home page's facts as the page reads them. The attention list was built from the cached
 * health report alone: while the page's own read of the audit trail failed (the red card below
 * it), the list said every tenant and service was healthy.
 */

const tid = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const mocks = vi.hoisted(() => ({
  report: null as unknown,
  auditFails: false,
  /** What the Alerts page's read of the reader's targets gives (settings-view.ts). */
  alertTargets: { ok: true, own: [], platform: [], lastTests: {}, lastAlerts: {} } as unknown,
  alertTargetReads: [] as Array<{ tid: string; platformOperator: boolean }>,
}));

vi.mock('@/lib/health', () => ({ getHealthReport: async () => mocks.report }));
vi.mock('@/lib/audit', () => ({
  readAuditPage: async () => {
    if (mocks.auditFails) throw new Error('connect ECONNREFUSED');
    return { events: [] };
  },
}));
vi.mock('@/lib/auth', () => ({
  viewScopeFor: () => ({ kind: 'tenant', tenantId: tid }),
  inScope: (scope: { tenantId: string }, tenantId: string) =>
    scope.tenantId.toLowerCase() === tenantId.toLowerCase(),
}));
vi.mock('@/lib/config', () => ({ getConfig: () => ({}) }));
vi.mock('@/lib/alerts/settings-view', () => ({
  loadAlertSettingsTargets: async (reader: { tid: string }, platformOperator: boolean) => {
    mocks.alertTargetReads.push({ tid: reader.tid, platformOperator });
    return mocks.alertTargets;
  },
}));
vi.mock('@/lib/customers/customer-count', () => ({ customerCountView: async () => null }));
vi.mock('@/lib/customers/request', () => ({ customerRequestFor: () => ({ client: {} }) }));
vi.mock('@/lib/partner-name', () => ({
  withPartnerNames: async (tenants: unknown) => tenants,
  partnerDisplayName: async () => 'Contoso Partner',
}));

function tenant(status: TenantHealth['status']): TenantHealth {
  return {
    tenantId: tid,
    displayName: 'Contoso Partner',
    status,
    problem: status === 'healthy' ? null : { cause: 'cause', fix: 'fix', action: 'onboard' },
    grant: null,
    lastSuccessfulRedemptionAt: null,
    inactivity: {
      limitDays: 90,
      lastActivityAt: null,
      expiresAt: null,
      daysLeft: 90,
      warning: 'none',
    },
    accessTokenCache: { cached: false, expiresAt: null, valid: false },
    nextRefreshAt: null,
    consecutiveFailures: 0,
    lastError: null,
  };
}

function healthyReport(status: TenantHealth['status'] = 'healthy'): HealthReport {
  return {
    status: 'healthy',
    generatedAt: '2026-02-01T00:00:00Z',
    probeIntervalSeconds: 30,
    tenants: status === 'not-connected' ? [] : [tenant(status)],
    dependencies: [
      {
        name: 'database',
        label: 'Database (audit trail)',
        state: 'ok',
        checkedAt: '2026-02-01T00:00:00Z',
        latencyMs: 3,
        history: [],
        error: null,
      },
    ],
  };
}

const user = (roles: PortalUser['roles']) =>
  ({ tid, oid: 'oid', name: 'Adele Vance', upn: 'adele@contoso.test', roles }) satisfies PortalUser;

beforeEach(() => {
  mocks.report = healthyReport();
  mocks.auditFails = false;
  mocks.alertTargets = { ok: true, own: [], platform: [], lastTests: {}, lastAlerts: {} };
  mocks.alertTargetReads = [];
});

describe('homeFacts', () => {
  it('names the database in "Needs attention" when its own read of the audit trail failed', async () => {
    mocks.auditFails = true;
    const facts = await homeFacts(user(['admin']));
    expect(facts.audit).toBe('unavailable');
    expect(facts.attention.map((i) => [i.severity, i.title])).toEqual([
      ['critical', 'Database (audit trail) is not answering'],
    ]);
  });

  it('lists nothing when the read worked and the report is healthy', async () => {
    const facts = await homeFacts(user(['ops']));
    expect(facts.audit).toEqual([]);
    expect(facts.attention).toEqual([]);
  });

  it('gives a sales agent plain words and one way to the customers', async () => {
    const facts = await homeFacts(user(['salesAgent']));
    expect(facts.readsTokenFacts).toBe(false);
    expect(facts.step).toMatchObject({ href: '/customers', reason: 'Customer data is available.' });
    expect(facts.customers).toMatchObject({ connected: true, links: false });
    // Their "All clear" names their own tenant, not every partner's.
    expect(facts.everyPartner).toBe(false);
  });

  // Not connected, the card's badge and reason said so, and "Needs attention" once more in red.
  it('leaves the own tenant not connected to the connection card, for every role', async () => {
    mocks.report = { ...healthyReport(), tenants: [tenant('not-connected')] };
    for (const roles of [['admin'], ['ops'], ['salesAgent']] as PortalUser['roles'][]) {
      const facts = await homeFacts(user(roles));
      expect(facts.own?.status).toBe('not-connected');
      expect(facts.step.label).toMatch(/connect Partner Center$/i);
      expect(facts.ownOnCard).toBe(true);
      expect(facts.attention).toEqual([]);
    }
    // Any other trouble of its own stays listed.
    mocks.report = healthyReport('needs-reconsent');
    const facts = await homeFacts(user(['admin']));
    expect(facts.ownOnCard).toBe(false);
    expect(facts.attention.map((i) => i.title)).toEqual(['Your partner tenant needs re-consent']);
  });

  it("keeps the token facts for an Admin, and no link to a customer list that can't show any", async () => {
    mocks.report = healthyReport('not-connected');
    const facts = await homeFacts(user(['admin']));
    expect(facts.readsTokenFacts).toBe(true);
    expect(facts.customers).toMatchObject({ connected: false, links: false });
  });

  // The alerts are how a connection's trouble reaches people before it fails; a target they no
  // longer reach was said on the Alerts page only, which nobody opens to learn that.
  it("lists an Admin's alert targets that alerts do not reach, linking to the Alerts page", async () => {
    const target = {
      id: 't1',
      partnerTenant: tid,
      kind: 'slack',
      label: 'Ops pager',
      hint: 'hooks.slack.com',
      enabled: true,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      createdBy: null,
      readable: false,
    };
    mocks.alertTargets = { ok: true, own: [target], platform: [], lastTests: {}, lastAlerts: {} };
    const facts = await homeFacts(user(['admin']));
    expect(facts.attention.map((i) => [i.severity, i.subject, i.title, i.href])).toEqual([
      [
        'warning',
        'alerts',
        'Alert target \u201cOps pager\u201d cannot be read',
        '/settings/alerts',
      ],
    ]);
    expect(mocks.alertTargetReads).toEqual([{ tid, platformOperator: false }]);
    // Ops and sales agents do not manage alert targets: their home reads none.
    mocks.alertTargetReads = [];
    for (const roles of [['ops'], ['salesAgent']] as PortalUser['roles'][])
      expect((await homeFacts(user(roles))).attention).toEqual([]);
    expect(mocks.alertTargetReads).toEqual([]);
  });

  it('adds nothing of the alert targets when the database does not answer (the audit card says so)', async () => {
    mocks.alertTargets = { ok: false, problem: 'The database is not answering.' };
    const facts = await homeFacts(user(['admin']));
    expect(facts.attention).toEqual([]);
  });
});
