import { describe, expect, it } from 'vitest';
import type { PortalUser } from '@/lib/auth/user';
import { handleEvaluateRequest, type EvaluateEndpointDeps } from './endpoint';
import type { EvaluationSummary } from './evaluate';

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
const deps = (user: PortalUser | null): EvaluateEndpointDeps => ({
  publicUrl: 'https://portal.example',
  schedulerToken: 'scheduler-token-of-24-chars-min',
  monitorToken: 'monitor-token-of-24-chars-minimum',
  currentUser: async () => user,
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
