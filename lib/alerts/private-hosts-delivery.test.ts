import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase } from '@/lib/db/test-database.test-support';
import type { HealthReport, TenantHealth } from '@/lib/health/types';
import { needsReconsent } from './tenant-health.test-support';
import { keepAuditRows, stopKeepingAuditRows } from '@/lib/audit/writer.test-support';
import type { NewAuditEventRow } from '@/lib/db/schema';
import { startSmtpSink } from '@/test/support/alert-sinks';
import { addTarget } from './targets';

/**
 * Sending (an evaluation, a test alert) honours the operator's private-host exceptions for
 * platform-wide targets only: a partner's target saved at the operator's relay (before the
 * save-time check refused it, or by any other way into the table) is not sent there.
 */

const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
const fabrikam = '22222222-2222-4222-8222-222222222222';
const start = Date.UTC(2026, 5, 1, 8);
/** ALERT_ALLOWED_PRIVATE_HOSTS, once the relay's port is known. */
const allowedPrivateHosts: string[] = [];
let profile: 'azure' | 'local' = 'azure';

vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    profile,
    publicUrl: 'https://portal.example',
    sessionSecret,
    security: { trustedProxyCount: 0 },
    entra: { credential: { kind: 'secret' } },
    alerts: {
      allowedPrivateHosts,
      deliveryAttempts: 1,
      retryBaseSeconds: 0,
      failureThreshold: 3,
      dependencyDownMinutes: 15,
      repeatHours: 24,
    },
  }),
}));
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);
// The operator's relay: an internal name, on loopback here.
vi.mock('@/lib/security/outbound-target', async (original) => ({
  ...(await original<typeof import('@/lib/security/outbound-target')>()),
  systemResolver: async (hostname: string) =>
    hostname === 'smtp.corp.internal' ? [{ address: '127.0.0.1', family: 4 }] : [],
}));
let tenants: TenantHealth[] = [];
vi.mock('@/lib/health', () => ({
  defaultHealthService: () => ({
    getHealthReport: async (): Promise<HealthReport> => ({
      status: 'unhealthy',
      generatedAt: '',
      probeIntervalSeconds: 30,
      tenants,
      dependencies: [],
    }),
  }),
}));

let database: PortalDatabase;
let relay: Awaited<ReturnType<typeof startSmtpSink>>;
const rows: NewAuditEventRow[] = [];
let partnerTarget = '';
let platformTarget = '';

beforeAll(async () => {
  database = await openTestDatabase();
  keepAuditRows(rows);
  relay = await startSmtpSink();
  allowedPrivateHosts.push(`smtp.corp.internal:${relay.port}`);
  const mailTo = (to: string) => ({
    kind: 'email' as const,
    host: 'smtp.corp.internal',
    port: relay.port,
    security: 'none' as const,
    from: 'portal@example.com',
    to: [to],
  });
  partnerTarget = (
    await addTarget(
      database.db,
      { partnerTenant: fabrikam },
      { label: 'Fabrikam via relay', destination: mailTo('a@fabrikam.example'), createdBy: null },
      sessionSecret,
    )
  ).id;
  platformTarget = (
    await addTarget(
      database.db,
      { partnerTenant: null },
      { label: 'Operators', destination: mailTo('ops@corp.example'), createdBy: null },
      sessionSecret,
    )
  ).id;
});
afterAll(async () => {
  stopKeepingAuditRows();
  await relay.close();
  await database.close();
});

describe("the operator's private-host exceptions when sending", () => {
  it("a test alert reaches the operator's relay from the platform's target only", async () => {
    const { sendTestAlert } = await import('./index');
    const by = { upn: 'admin@example.com', oid: 'o', tid: fabrikam };
    expect(await sendTestAlert(partnerTarget, by)).toMatchObject({
      ok: false,
      error: {
        code: 'address_refused',
        message: 'Not sent: host name smtp.corp.internal is a private network name.',
      },
    });
    expect(relay.received).toEqual([]);
    expect(await sendTestAlert(platformTarget, by)).toMatchObject({ ok: true });
    expect(relay.received.map((m) => m.to)).toEqual([['ops@corp.example']]);
  });

  it("an evaluation's alert goes through the relay for the platform's target, not the partner's", async () => {
    relay.received.length = 0;
    tenants = [needsReconsent(fabrikam)];
    const { evaluateAlerts } = await import('./index');
    const summary = await evaluateAlerts(start);
    const deliveries = summary.sent.flatMap((s) => s.deliveries);
    expect(deliveries.map((d) => [d.targetId, d.ok, d.error?.code ?? null])).toEqual(
      expect.arrayContaining([
        [partnerTarget, false, 'address_refused'],
        [platformTarget, true, null],
      ]),
    );
    expect(deliveries).toHaveLength(2);
    expect(relay.received.map((m) => m.to)).toEqual([['ops@corp.example']]);
  });

  it("apply to a partner's target on the local profile, which talks to this machine only", async () => {
    relay.received.length = 0;
    profile = 'local';
    try {
      const { sendTestAlert } = await import('./index');
      const by = { upn: 'admin@example.com', oid: 'o', tid: fabrikam };
      expect(await sendTestAlert(partnerTarget, by)).toMatchObject({ ok: true });
      expect(relay.received.map((m) => m.to)).toEqual([['a@fabrikam.example']]);
    } finally {
      profile = 'azure';
    }
  });
});
