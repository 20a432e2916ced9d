import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase } from '@/lib/db/test-database.test-support';
import type { NewAuditEventRow } from '@/lib/db/schema';
import type { HealthReport, TenantHealth } from '@/lib/health/types';
import { needsReconsent } from './tenant-health.test-support';
import { addTarget, newSigningSecret } from './targets';
import { keepAuditRows, stopKeepingAuditRows } from '@/lib/audit/writer.test-support';
import { logger } from '@/lib/log';

/** The wiring of lib/alerts/index.ts: what evaluateAlerts records, and for whom. */

// The request of whoever pressed "Evaluate now": an Admin of partner tenant Contoso.
vi.mock('next/headers', () => ({
  headers: async () =>
    new Headers({
      'x-forwarded-for': '198.51.100.23',
      'user-agent': 'Mozilla/5.0 (Contoso admin laptop) Edg/140',
      'x-request-id': 'contoso-admin-request-1',
    }),
}));
const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    publicUrl: 'https://portal.example',
    sessionSecret,
    security: { trustedProxyCount: 0 },
    entra: { credential: { kind: 'secret' } },
    alerts: {
      allowedPrivateHosts: [],
      deliveryAttempts: 1,
      retryBaseSeconds: 0,
      failureThreshold: 3,
      dependencyDownMinutes: 15,
      repeatHours: 24,
    },
  }),
}));
let database: PortalDatabase;
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);
let tenants: TenantHealth[] = [];
let reports = 0;
vi.mock('@/lib/health', () => ({
  defaultHealthService: () => ({
    getHealthReport: async (): Promise<HealthReport> => {
      reports++;
      return {
        status: 'unhealthy',
        generatedAt: '',
        probeIntervalSeconds: 30,
        tenants,
        dependencies: [],
      };
    },
  }),
}));
vi.mock('./channels', () => ({ sendToDestination: async () => undefined }));

const start = Date.UTC(2026, 5, 1, 8);
const contoso = '11111111-1111-4111-8111-111111111111';
const fabrikam = '22222222-2222-4222-8222-222222222222';
const rows: NewAuditEventRow[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  // The process's audit writer (lib/audit/record.ts), replaced by one that keeps its rows.
  keepAuditRows(rows);
});
afterAll(async () => {
  stopKeepingAuditRows();
  await database.close();
});
beforeEach(() => {
  rows.length = 0;
});

describe('evaluateAlerts', () => {
  it("files another partner's deliveries without the address, browser and request id of the Admin who started the run", async () => {
    await addTarget(
      database.db,
      { partnerTenant: fabrikam },
      {
        label: 'Fabrikam hook',
        destination: {
          kind: 'webhook',
          url: 'https://hooks.fabrikam.example/x',
          signingSecret: newSigningSecret(),
        },
        createdBy: 'admin@fabrikam.example',
      },
      sessionSecret,
    );
    tenants = [needsReconsent(fabrikam)];
    const { evaluateAlerts } = await import('./index');
    const summary = await evaluateAlerts(start);
    expect(summary.sent.map((s) => s.deliveries.map((d) => d.ok))).toEqual([[true]]);
    await vi.waitFor(() => expect(rows.some((r) => r.action === 'alert.delivery')).toBe(true));
    const delivery = rows.find((r) => r.action === 'alert.delivery')!;
    expect(delivery.partner_tenant).toBe(fabrikam);
    // Shown to Fabrikam's Admins and Ops on /audit and in its CSV export.
    expect(delivery).toMatchObject({
      client_address: null,
      user_agent: null,
      correlation_id: null,
    });
  });

  it('leaves out a target whose destination no longer opens, names it in a warning and sends to the rest', async () => {
    const hook = (label: string, secret: string) =>
      addTarget(
        database.db,
        { partnerTenant: contoso },
        {
          label,
          destination: { kind: 'slack', url: `https://hooks.contoso.example/${label}` },
          createdBy: 'admin@contoso.example',
        },
        secret,
      );
    const stale = await hook('sealed-before', 'an-earlier-session-secret-of-32-characters-or-more');
    const current = await hook('sealed-now', sessionSecret);
    const warn = vi.spyOn(logger, 'warn');
    try {
      tenants = [needsReconsent(contoso)];
      const { evaluateAlerts } = await import('./index');
      const summary = await evaluateAlerts(start);
      const contosoSent = summary.sent.find((s) => s.tenantId === contoso);
      expect(contosoSent?.deliveries.map((d) => [d.targetId, d.ok])).toEqual([[current.id, true]]);
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ errorCode: 'alert_target_unreadable', targets: [stale.id] }),
        'alerts: targets left out: their destinations do not open under this AUTH_SECRET',
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe('evaluations on one instance', () => {
  it('a call while a run is under way waits for that run and shares its result', async () => {
    tenants = [];
    const { evaluateAlerts } = await import('./index');
    const before = reports;
    const [first, second, third] = await Promise.all([
      evaluateAlerts(start),
      evaluateAlerts(start),
      evaluateAlerts(start),
    ]);
    expect(reports).toBe(before + 1);
    expect(second).toBe(first);
    expect(third).toBe(first);
    // Once it ended, the next call runs again.
    await evaluateAlerts(start);
    expect(reports).toBe(before + 2);
  });
});
