import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';

const tenant = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const sameSecond = new Date('2026-03-01T10:00:00Z');
const store = vi.hoisted(() => ({
  listRefreshTokenVersions: vi.fn(),
  currentRefreshTokenVersion: vi.fn(),
}));
vi.mock('@/lib/vault', () => ({ defaultRefreshTokenStore: () => store }));
const recorded = vi.hoisted(
  () =>
    [] as {
      action: string;
      reasonCode?: string | null;
      actor?: unknown;
      details?: unknown;
      withRequestFacts: boolean;
    }[],
);
vi.mock('./record', () => ({
  recordAudit: (event: { action: string; reasonCode?: string }) =>
    recorded.push({ ...event, withRequestFacts: true }),
  recordSystemAudit: (event: { action: string; reasonCode?: string }) =>
    recorded.push({ ...event, withRequestFacts: false }),
  recordAuditLater: () => (event: { action: string; reasonCode?: string }) =>
    recorded.push({ ...event, withRequestFacts: true }),
}));
vi.mock('@/lib/config', () => ({ getConfig: () => ({ security: { trustedProxyCount: 1 } }) }));

import { auditedCsvExport, auditExportNotStarted } from './export-events';
import { PortalFailure } from '@/lib/failure';
import {
  auditConnectionRecheck,
  auditHealthRefusal,
  auditKeepAliveRun,
  auditTokenEvent,
  currentVersionForAudit,
} from './trail';

beforeEach(() => {
  // A consent and the rotation written right after it share Key Vault's one-second `created`.
  // Key Vault lists versions in no particular order; here the older one comes first.
  store.listRefreshTokenVersions.mockResolvedValue([
    { version: 'consent-version', createdAt: sameSecond, enabled: true },
    { version: 'rotated-current', createdAt: sameSecond, enabled: true },
  ]);
  store.currentRefreshTokenVersion.mockResolvedValue('rotated-current');
});

describe('the version a disconnect audit event says it removed', () => {
  it('is the version Key Vault serves as current, not a guess from one-second timestamps', async () => {
    expect(await currentVersionForAudit(tenant)).toBe('rotated-current');
  });

  it('is null when the vault cannot say', async () => {
    store.currentRefreshTokenVersion.mockRejectedValue(new Error('Key Vault is down'));
    expect(await currentVersionForAudit(tenant)).toBeNull();
  });
});

describe('refused /api/health requests in the audit trail', () => {
  const from = (address: string) =>
    new Request('https://portal.test/api/health', { headers: { 'x-forwarded-for': address } });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it('are recorded up to 10 a minute per caller and reason, so anonymous requests cannot flood the table', async () => {
    recorded.length = 0;
    for (let i = 0; i < 50; i += 1) auditHealthRefusal(401, null, from('203.0.113.7'));
    auditHealthRefusal(401, null, from('198.51.100.9'));
    const salesAgent = { tid: tenant, oid: 'c3000000-0000-4000-8000-000000000001' };
    for (let i = 0; i < 12; i += 1) auditHealthRefusal(403, salesAgent, from('203.0.113.7'));
    await settle();
    const count = (reason: string) => recorded.filter((e) => e.reasonCode === reason).length;
    expect([count('unauthenticated'), count('forbidden')]).toEqual([10 + 1, 10]);
    expect(new Set(recorded.map((e) => e.action))).toEqual(new Set(['health.access-refused']));
  });

  it('count an IPv6 /64 as one caller, and all callers without a session together at 100 a minute', async () => {
    // A minute after the other test's refusals: their windows have ended.
    vi.useFakeTimers({ now: Date.now() + 3_600_000, toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    recorded.length = 0;
    // One line's /64: fresh addresses in it are the same caller.
    for (let i = 1; i <= 30; i += 1) auditHealthRefusal(401, null, from(`2001:db8:1:2::${i}`));
    await settle();
    expect(recorded).toHaveLength(10);
    // Every /64 of a /48: each is a new caller, but the instance records 100 a minute in all.
    recorded.length = 0;
    for (let i = 0; i < 500; i += 1)
      auditHealthRefusal(401, null, from(`2001:db8:2:${i.toString(16)}::1`));
    await settle();
    expect(recorded).toHaveLength(100 - 10);
    // A signed-in caller is counted per account, not in that budget.
    const opsUser = { tid: tenant, oid: 'c3000000-0000-4000-8000-000000000002' };
    auditHealthRefusal(403, opsUser, from('2001:db8:2:1::1'));
    await settle();
    expect(recorded).toHaveLength(100 - 10 + 1);
  });
});

describe('exports that ended before their file started', () => {
  const mia = { tid: tenant, oid: 'c3000000-0000-4000-8000-000000000003', upn: 'mia@x.test' };
  const customerId = '77777777-7777-4777-8777-777777777777';

  it('say why, and that no file started', () => {
    recorded.length = 0;
    auditExportNotStarted('customers.users-exported', mia, {
      outcome: 'failure',
      reasonCode: 'throttled',
      correlationId: 'corr-1',
      customerId,
    });
    auditExportNotStarted('audit.exported', mia, {
      outcome: 'refused',
      reasonCode: 'exports_busy',
    });
    auditExportNotStarted('customers.users-exported', mia, {
      outcome: 'failure',
      reasonCode: 'not_found',
      customerId: 'anything-an-address-holds',
    });
    expect(recorded).toEqual([
      expect.objectContaining({
        action: 'customers.users-exported',
        outcome: 'failure',
        partnerTenant: tenant,
        actor: { tid: tenant, oid: mia.oid, upn: 'mia@x.test' },
        reasonCode: 'throttled',
        correlationId: 'corr-1',
        details: { customerId, rows: 0, started: false },
        withRequestFacts: true,
      }),
      expect.objectContaining({
        action: 'audit.exported',
        outcome: 'refused',
        reasonCode: 'exports_busy',
        details: { rows: 0, started: false },
      }),
      // A refused address may hold anything: only a customer id's shape is kept.
      expect.objectContaining({
        reasonCode: 'not_found',
        details: { customerId: null, rows: 0, started: false },
      }),
    ]);
  });

  // Another site's page can send a signed-in browser to the export as often as it likes.
  it('are recorded up to 10 a minute per person, export and reason', () => {
    vi.useFakeTimers({ now: Date.now() + 7_200_000, toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    recorded.length = 0;
    const refuse = (who: typeof mia, reasonCode: string, action = 'customers.users-exported') =>
      auditExportNotStarted(action as 'customers.users-exported', who, {
        outcome: 'refused',
        reasonCode,
        customerId,
      });
    for (let i = 0; i < 40; i += 1) refuse(mia, 'cross_site');
    refuse(mia, 'exports_busy');
    refuse(mia, 'cross_site', 'audit.exported');
    refuse({ ...mia, oid: 'c3000000-0000-4000-8000-000000000004' }, 'cross_site');
    expect(recorded).toHaveLength(10 + 3);
    vi.setSystemTime(Date.now() + 60_000);
    refuse(mia, 'cross_site');
    expect(recorded).toHaveLength(10 + 3 + 1);
  });
});

describe("the token service's events", () => {
  it("carry no request's address, agent or id: the request that started a redemption may be another partner's", () => {
    recorded.length = 0;
    auditTokenEvent({
      kind: 'rotated',
      tenantId: tenant,
      keyVaultVersion: 'v2',
      previousKeyVaultVersion: 'v1',
    });
    auditTokenEvent({
      kind: 'redemption-failed',
      tenantId: tenant,
      code: 'token_unavailable',
      keyVaultVersion: 'v2',
    });
    auditTokenEvent({ kind: 'redemption-recovered', tenantId: tenant, failuresBefore: 1 });
    expect(recorded.map((event) => [event.action, event.withRequestFacts])).toEqual([
      ['token.rotated', false],
      ['token.redemption-failed', false],
      ['token.redemption-recovered', false],
    ]);
  });
});

describe('a keep-alive run in the audit trail', () => {
  const other = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
  const outcomes = [
    { tenantId: tenant, outcome: 'refreshed' as const, idleSeconds: 700_000, version: 'v9' },
    { tenantId: other, outcome: 'skipped' as const, idleSeconds: 60 },
  ];

  // The scheduler's run covers every partner: its address, agent and request id (the
  // operator's infrastructure) went into every partner's trail.
  it("records the scheduler's run as the portal's own work, saying the scheduler started it", () => {
    recorded.length = 0;
    auditKeepAliveRun(outcomes, 'scheduler');
    expect(recorded).toMatchObject([
      { action: 'keep-alive.run', actor: null, withRequestFacts: false },
      { action: 'keep-alive.run', actor: null, withRequestFacts: false },
    ]);
    expect(recorded.map((e) => e.details)).toEqual([
      { result: 'refreshed', idleSeconds: 700_000, keyVaultVersion: 'v9', startedBy: 'scheduler' },
      { result: 'skipped', idleSeconds: 60, keyVaultVersion: null, startedBy: 'scheduler' },
    ]);
  });

  it("names the Admin who pressed the button, with their own request's facts; the timer nobody", () => {
    recorded.length = 0;
    auditKeepAliveRun([outcomes[0]!], { tid: tenant, oid: 'oid-1', upn: 'admin@contoso.com' });
    auditKeepAliveRun([outcomes[0]!], null);
    expect(recorded).toMatchObject([
      { actor: { tid: tenant, oid: 'oid-1', upn: 'admin@contoso.com' }, withRequestFacts: true },
      { actor: null, withRequestFacts: false },
    ]);
    expect(recorded.map((e) => (e.details as Record<string, unknown>).startedBy)).toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe("a users export's event", () => {
  const user = { tid: tenant, oid: 'oid-1', upn: 'mia@contoso.test', roles: ['salesAgent'] };
  const event = { user, customerId: 'customer-1', correlationId: 'corr-1' };
  /** A download whose body sends the header and `rows` users, then fails with `error`. */
  const failingAfter = (rows: number, error: Error) => {
    const lines = ['Display name\r\n', ...Array.from({ length: rows }, (_, i) => `User ${i}\r\n`)];
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const line = lines.shift();
        if (line === undefined) controller.error(error);
        else controller.enqueue(new TextEncoder().encode(line));
      },
    });
  };

  it('keeps why the download stopped and how many users it had sent', async () => {
    recorded.length = 0;
    const body = auditedCsvExport(failingAfter(2, new Error('throttled')), {
      ...event,
      failureReason: (error) => `reason-of-${(error as Error).message}`,
    });
    await expect(new Response(body).text()).rejects.toThrow('throttled');
    expect(recorded).toMatchObject([
      {
        action: 'customers.users-exported',
        outcome: 'failure',
        reasonCode: 'reason-of-throttled',
        details: { customerId: 'customer-1', rows: 2 },
      },
    ]);
  });

  it('says export_failed without a reason, and download_cancelled when the browser left', async () => {
    recorded.length = 0;
    await expect(
      new Response(auditedCsvExport(failingAfter(0, new Error('x')), event)).text(),
    ).rejects.toThrow('x');
    const reader = auditedCsvExport(failingAfter(5, new Error('never read')), event).getReader();
    await reader.read();
    await reader.cancel();
    expect(recorded.map((r) => r.reasonCode)).toEqual(['export_failed', 'download_cancelled']);
  });
});

describe("an Admin's Check again in the audit trail", () => {
  const admin = { tid: tenant, oid: 'a1000000-0000-4000-8000-000000000001', upn: 'admin@x.test' };

  it("says who asked, for their own tenant, and what Entra answered, with the request's facts", () => {
    recorded.length = 0;
    auditConnectionRecheck(admin, { outcome: 'success' });
    auditConnectionRecheck(admin, {
      outcome: 'failure',
      error: new PortalFailure({
        code: 'needs_reconsent',
        problem: 'blocked',
        action: 're-consent',
        status: 409,
        aadsts: 53003,
        correlationId: 'corr-53003',
      }),
    });
    auditConnectionRecheck(admin, { outcome: 'refused' });
    expect(recorded).toEqual([
      expect.objectContaining({
        action: 'token.rechecked',
        outcome: 'success',
        partnerTenant: tenant,
        actor: { tid: tenant, oid: admin.oid, upn: admin.upn },
        reasonCode: null,
        withRequestFacts: true,
      }),
      expect.objectContaining({
        outcome: 'failure',
        reasonCode: 'AADSTS53003',
        correlationId: 'corr-53003',
      }),
      expect.objectContaining({ outcome: 'refused', reasonCode: 'too_soon' }),
    ]);
  });
});
