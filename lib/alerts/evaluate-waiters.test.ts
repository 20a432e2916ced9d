import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase } from '@/lib/db/test-database.test-support';
import type { NewAuditEventRow } from '@/lib/db/schema';
import type { HealthReport, TenantHealth } from '@/lib/health/types';
import { keepAuditRows, stopKeepingAuditRows } from '@/lib/audit/writer.test-support';
import type { Destination } from './destinations';
import { evaluateNow } from './evaluate-now';
import { tallyFor } from './evaluation-tally';
import { needsReconsent } from './tenant-health.test-support';
import { addTarget, newSigningSecret } from './targets';

/**
 * Who waits for what on one instance (lib/alerts/index.ts). Partner A's Admin adds 20 webhooks
 * whose receivers trickle bytes until each send's deadline, and makes an alert fire for A.
 * Before, the evaluation sending them was the instance's one run for minutes: every caller
 * (the keep-alive tick, the scheduler, partner B's "Evaluate now") joined it, and B's press
 * hung until A's twenty deliveries had run out every attempt.
 */
const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
const home = '99999999-9999-4999-8999-999999999999';
const partnerA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const partnerB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const start = Date.UTC(2026, 5, 1, 8);

vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    profile: 'azure',
    publicUrl: 'https://portal.example',
    sessionSecret,
    security: { trustedProxyCount: 0 },
    entra: { homeTenantId: home, credential: { kind: 'secret' } },
    alerts: {
      allowedPrivateHosts: [],
      deliveryAttempts: 3,
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
/** A's receivers (hooks.partner-a.example) answer only at the send's deadline: `deadline()`. */
const sent: string[] = [];
let atDeadline: Array<() => void> = [];
let deadlinePassed = false;
let aSendsEnded = 0;
function deadline() {
  deadlinePassed = true;
  for (const end of atDeadline.splice(0)) end();
}
vi.mock('./channels', () => ({
  sendToDestination: async (destination: Destination) => {
    const host = 'url' in destination ? new URL(destination.url).hostname : destination.host;
    sent.push(host);
    if (host !== 'hooks.partner-a.example') return;
    if (!deadlinePassed) await new Promise<void>((end) => atDeadline.push(end));
    aSendsEnded++;
    throw Object.assign(new Error('Not finished within 30 s; the connection was closed.'), {
      name: 'DeliveryError',
      code: 'timeout',
    });
  },
}));

let database: PortalDatabase;
const rows: NewAuditEventRow[] = [];
const hook = (host: string, path: string) => ({
  kind: 'webhook' as const,
  url: `https://${host}/${path}`,
  signingSecret: newSigningSecret(),
});
const lanes = () =>
  (globalThis as { __partnerPortalAlertLanes?: { underWay: Map<unknown, number> } })
    .__partnerPortalAlertLanes;
/** The evaluation deciding on this instance (a call now joins it), if any. */
const deciding = () =>
  (globalThis as { __partnerPortalAlertRun?: Promise<unknown> }).__partnerPortalAlertRun;
/** Whether `answer` comes within `ms`. */
const within = <T>(answer: Promise<T>, ms = 3_000) =>
  Promise.race([
    answer.then((value) => ({ answered: true as const, value })),
    new Promise<{ answered: false }>((resolve) =>
      setTimeout(() => resolve({ answered: false }), ms),
    ),
  ]);
const allowed = async () => ({ allowed: true as const });

beforeAll(async () => {
  database = await openTestDatabase();
  keepAuditRows(rows);
  for (let i = 1; i <= 20; i++)
    await addTarget(
      database.db,
      { partnerTenant: partnerA },
      { label: `A ${i}`, destination: hook('hooks.partner-a.example', `a${i}`), createdBy: null },
      sessionSecret,
    );
  await addTarget(
    database.db,
    { partnerTenant: partnerB },
    { label: 'B', destination: hook('hooks.partner-b.example', 'b'), createdBy: null },
    sessionSecret,
  );
  await addTarget(
    database.db,
    { partnerTenant: null },
    { label: 'Operators', destination: hook('hooks.operators.example', 'ops'), createdBy: null },
    sessionSecret,
  );
});
afterAll(async () => {
  stopKeepingAuditRows();
  await database.close();
});
beforeEach(async () => {
  await database.db.deleteFrom('alert_states').execute();
  await database.db.deleteFrom('alert_pending_deliveries').execute();
  sent.length = 0;
  rows.length = 0;
  atDeadline = [];
  deadlinePassed = false;
  aSendsEnded = 0;
});
afterEach(async () => {
  // What A's receivers still hold ends at its deadline; the next test starts with idle lanes.
  deadline();
  await vi.waitFor(() => expect(lanes()?.underWay.size ?? 0).toBe(0));
});

describe('partner B waiting on this instance while partner A has twenty slow targets', () => {
  it('"Evaluate now" starts its own evaluation and answers with B\'s deliveries, not waiting for A\'s sends', async () => {
    const { evaluateAlerts } = await import('./index');
    tenants = [needsReconsent(partnerA)];
    // The keep-alive tick: not waited for.
    void evaluateAlerts(start);
    await vi.waitFor(() => expect(sent).toContain('hooks.partner-a.example'));
    // Its decisions end with a read of the alerts after the first sends start: B's press must
    // come after it, or it joins the tick, whose report had no B (a loaded CI machine did).
    await vi.waitFor(() => expect(deciding()).toBeUndefined());
    tenants = [needsReconsent(partnerA), needsReconsent(partnerB)];
    const pressed = await within(
      evaluateNow(
        { tenantId: partnerB },
        { admitAdmin: allowed, evaluate: (caller) => evaluateAlerts(start, caller) },
      ),
    );
    expect(pressed.answered).toBe(true);
    if (!pressed.answered || !pressed.value.ok) throw new Error('no answer');
    expect(
      tallyFor(pressed.value.summary, { tenantId: partnerB, platformOperator: false }),
    ).toEqual({ raised: 1, delivered: 1, failed: 0, owedDelivered: 0, owedFailed: 0 });
    expect(sent.filter((h) => h === 'hooks.partner-b.example')).toHaveLength(1);
    // A's first send still runs to its deadline; none of A's has ended.
    expect(aSendsEnded).toBe(0);
  });

  it('a call that joins an evaluation while it decides waits for the decisions and its own deliveries', async () => {
    const { evaluateAlerts } = await import('./index');
    tenants = [needsReconsent(partnerA), needsReconsent(partnerB)];
    const tick = evaluateAlerts(start);
    const forB = within(evaluateAlerts(start, { tenantId: partnerB }));
    // A platform operator (an Admin of the home tenant) hears of the platform-wide target too.
    const forOperator = within(evaluateAlerts(start, { tenantId: home }));
    const [b, operator] = await Promise.all([forB, forOperator]);
    if (!b.answered || !operator.answered) throw new Error('no answer');
    expect(b.value.sent.map((s) => [s.tenantId, s.deliveries.map((d) => d.targetOwner)])).toEqual([
      [partnerA, []],
      [partnerB, [partnerB]],
    ]);
    expect(tallyFor(b.value, { tenantId: partnerB, platformOperator: false })).toMatchObject({
      raised: 1,
      delivered: 1,
    });
    expect(
      operator.value.sent.map((s) => [s.tenantId, s.deliveries.map((d) => d.targetOwner)]),
    ).toEqual([
      [partnerA, [null]],
      [partnerB, [null]],
    ]);
    expect(aSendsEnded).toBe(0);
    // The scheduler (no tenant) waits for every delivery, as its answer lists them all.
    expect((await within(tick, 200)).answered).toBe(false);
    deadline();
    const all = await tick;
    expect(all.sent[0]!.deliveries.filter((d) => d.error?.code === 'timeout')).toHaveLength(20);
    expect(all.sent[0]!.deliveries.every((d) => d.attempts === 3 || d.ok)).toBe(true);
  });
});
