import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalUser } from '@/lib/auth/user';
import { handleEvaluateRequest, type EvaluateEndpointDeps } from './endpoint';
import type { EvaluationSummary } from './evaluate';
import { adminEvaluateLimit } from './evaluate-now';
import { RouteLimiter } from '@/lib/security/rate-limit';

const contoso = '11111111-1111-4111-8111-111111111111';
const fabrikam = '22222222-2222-4222-8222-222222222222';
const admin: PortalUser = { tid: contoso, oid: 'o', name: 'A', upn: 'a@x', roles: ['admin'] };
const summary: EvaluationSummary = {
  evaluatedAt: '2026-06-01T00:00:00.000Z',
  open: 2,
  sent: [
    {
      event: 'opened',
      condition: 'needs-reconsent',
      subject: contoso,
      tenantId: contoso,
      deliveries: [
        {
          targetId: 't1',
          targetOwner: contoso,
          ok: false,
          attempts: 3,
          error: { code: 'http_500', message: 'x' },
        },
        // The operators' platform-wide target heard it too.
        {
          targetId: 'ops-relay',
          targetOwner: null,
          ok: false,
          attempts: 1,
          error: { code: 'address_refused', message: 'Not sent: host name relay.corp…' },
        },
      ],
    },
    {
      event: 'opened',
      condition: 'needs-reconsent',
      subject: fabrikam,
      tenantId: fabrikam,
      deliveries: [],
    },
  ],
  retried: [
    {
      event: 'recovered',
      condition: 'redemption-failures',
      subject: fabrikam,
      tenantId: fabrikam,
      deliveries: [{ targetId: 't2', targetOwner: fabrikam, ok: true, attempts: 1, error: null }],
    },
  ],
};
let runs = 0;
// This process's count of Admin-started runs (the route's is shared through PostgreSQL).
let limiter = new RouteLimiter(adminEvaluateLimit);
beforeEach(() => {
  limiter = new RouteLimiter(adminEvaluateLimit);
});
const deps = (user: PortalUser | null): EvaluateEndpointDeps => ({
  publicUrl: 'https://portal.example',
  schedulerToken: 'scheduler-token-of-24-chars-min',
  monitorToken: 'monitor-token-of-24-chars-minimum',
  currentUser: async () => user,
  admitAdmin: async (tenantId) => {
    const decision = await limiter.take(tenantId.toLowerCase());
    return decision.allowed
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: decision.retryAfterSeconds };
  },
  evaluate: async () => {
    runs++;
    return summary;
  },
});
const post = (headers: Record<string, string>) =>
  new Request('https://portal.example/api/alerts/evaluate', { method: 'POST', headers });

describe('POST /api/alerts/evaluate', () => {
  it('lets the scheduler evaluate and see everything', async () => {
    const res = await handleEvaluateRequest(
      post({ authorization: 'Bearer scheduler-token-of-24-chars-min' }),
      deps(null),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.sent).toHaveLength(2);
    expect(body.sent[0].deliveries.map((d: { targetId: string }) => d.targetId)).toEqual([
      't1',
      'ops-relay',
    ]);
    expect(body.retried).toEqual([
      {
        event: 'recovered',
        condition: 'redemption-failures',
        tenantId: fabrikam,
        deliveries: [{ targetId: 't2', ok: true, attempts: 1, error: null }],
      },
    ]);
    // Two alerts listed under `sent`, yet nobody received one: Fabrikam's had no target at all.
    expect(body.counts).toEqual({
      raised: 2,
      delivered: 0,
      failed: 2,
      owedDelivered: 1,
      owedFailed: 0,
    });
  });

  it('shows an Admin only their own tenant and targets, and only from the portal itself', async () => {
    const res = await handleEvaluateRequest(post({ 'sec-fetch-site': 'same-origin' }), deps(admin));
    const body = await res.json();
    expect(body).toEqual({
      evaluatedAt: summary.evaluatedAt,
      retried: [],
      sent: [
        {
          event: 'opened',
          condition: 'needs-reconsent',
          tenantId: contoso,
          deliveries: [{ targetId: 't1', ok: false, attempts: 3, error: 'http_500' }],
        },
      ],
      // Raised is not received: the one delivery to Contoso's own target failed.
      counts: { raised: 1, delivered: 0, failed: 1, owedDelivered: 0, owedFailed: 0 },
    });
    expect(JSON.stringify(body)).not.toContain('ops-relay');
    const before = runs;
    expect(
      (await handleEvaluateRequest(post({ 'sec-fetch-site': 'cross-site' }), deps(admin))).status,
    ).toBe(403);
    expect(runs).toBe(before);
  });

  it('refuses a wrong bearer, no session and a non-Admin without evaluating', async () => {
    const before = runs;
    const monitor = await handleEvaluateRequest(
      post({ authorization: 'Bearer monitor-token-of-24-chars-minimum' }),
      deps(null),
    );
    expect(monitor.status).toBe(403);
    expect((await monitor.json()).message).toMatch(/health monitor token.*SCHEDULER_TOKEN/);
    expect(
      (await handleEvaluateRequest(post({ authorization: 'Bearer wrong' }), deps(null))).status,
    ).toBe(401);
    expect((await handleEvaluateRequest(post({}), deps(null))).status).toBe(401);
    expect(
      (
        await handleEvaluateRequest(
          post({ 'sec-fetch-site': 'same-origin' }),
          deps({ ...admin, roles: ['ops'] }),
        )
      ).status,
    ).toBe(403);
    expect(runs).toBe(before);
  });
});

describe('how often POST /api/alerts/evaluate runs', () => {
  const scheduler = { authorization: 'Bearer scheduler-token-of-24-chars-min' };
  const fromPortal = { 'sec-fetch-site': 'same-origin' };
  const anotherContosoAdmin: PortalUser = { ...admin, oid: 'o2', upn: 'b@x' };
  const fabrikamAdmin: PortalUser = { ...admin, tid: fabrikam, oid: 'o3' };
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs an Admin's evaluation at most once per 30 s per partner tenant, and says when to come back", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 5, 1, 8));
    const before = runs;
    expect((await handleEvaluateRequest(post(fromPortal), deps(admin))).status).toBe(200);
    vi.setSystemTime(Date.UTC(2026, 5, 1, 8, 0, 10));
    // Another Admin of the same partner (or a script with a cookie) is counted with the first.
    const again = await handleEvaluateRequest(post(fromPortal), deps(anotherContosoAdmin));
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('20');
    expect(again.headers.get('cache-control')).toBe('no-store');
    const body = await again.json();
    expect(body).toMatchObject({ error: 'evaluated_recently', action: 'retry' });
    expect(body.message).toBe(
      'An evaluation was started for your partner tenant less than 30 seconds ago. Evaluate again in 20 s.',
    );
    expect(body.fix).toMatch(/after every keep-alive run/);
    expect(runs).toBe(before + 1);
    // Another partner's Admin is not held back by Contoso's.
    expect((await handleEvaluateRequest(post(fromPortal), deps(fabrikamAdmin))).status).toBe(200);
    expect(runs).toBe(before + 2);
    vi.setSystemTime(Date.UTC(2026, 5, 1, 8, 0, 30));
    expect((await handleEvaluateRequest(post(fromPortal), deps(admin))).status).toBe(200);
    expect(runs).toBe(before + 3);
  });

  it('lets a burst of Admin requests start one evaluation', async () => {
    const before = runs;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => handleEvaluateRequest(post(fromPortal), deps(admin))),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(429)]);
    expect(runs).toBe(before + 1);
  });

  // The operator's scheduler keeps its own cadence (evaluate-now.ts says why): an Admin who
  // just pressed cannot make it fail, and it does not use up the Admins' turn.
  it('does not count the scheduler, nor hold it back', async () => {
    const before = runs;
    expect((await handleEvaluateRequest(post(fromPortal), deps(admin))).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await handleEvaluateRequest(post(scheduler), deps(null))).status).toBe(200);
    expect(runs).toBe(before + 4);
    expect((await handleEvaluateRequest(post(fromPortal), deps(fabrikamAdmin))).status).toBe(200);
  });

  it('answers a failed evaluation with its reason, and counts it', async () => {
    const failing = {
      ...deps(admin),
      evaluate: async () => {
        throw new Error('database unavailable');
      },
    };
    const failed = await handleEvaluateRequest(post(fromPortal), failing);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({
      error: 'alerts_unavailable',
      message: expect.stringMatching(/could not be evaluated/),
    });
    expect((await handleEvaluateRequest(post(fromPortal), deps(admin))).status).toBe(429);
  });
});
