import { describe, expect, it, vi } from 'vitest';
import type { PortalUser } from '@/lib/auth/user';
import type { KeepAliveOutcome } from '@/lib/tokens';
import { throttledVaultError } from '@/lib/vault/errors';
import {
  adminKeepAliveLimit,
  answerKeepAliveRequest,
  type KeepAliveRequestDeps,
} from './keep-alive-request';
import { RouteLimiter } from './rate-limit';

const schedulerToken = 'scheduler-token-0123456789abcdef';
const monitorToken = 'monitor-token-0123456789abcdef';
const admin: PortalUser = { tid: 't', oid: 'o', name: 'A', upn: 'a@x', roles: ['admin'] };
const outcomes: KeepAliveOutcome[] = [
  { tenantId: 't1', outcome: 'refreshed', idleSeconds: 700_000, version: 'v2' },
  {
    tenantId: 't2',
    outcome: 'failed',
    idleSeconds: 800_000,
    error: { code: 'needs_reconsent', aadsts: 700082, reason: 'expired' },
  },
  { tenantId: 't3', outcome: 'skipped', idleSeconds: 10 },
  { tenantId: 't4', outcome: 'not-admitted', idleSeconds: 900_000 },
];

function deps(overrides: Partial<KeepAliveRequestDeps> = {}): KeepAliveRequestDeps {
  return {
    publicUrl: 'https://portal.example',
    schedulerToken,
    monitorToken,
    currentUser: async () => null,
    runKeepAlive: vi.fn(async () => outcomes),
    admitAdmin: async () => ({ allowed: true, remaining: 0 }),
    ...overrides,
  };
}
const post = (headers: Record<string, string> = {}) =>
  new Request('https://portal.example/api/tokens/keep-alive', { method: 'POST', headers });

describe('answerKeepAliveRequest', () => {
  it('runs for the scheduler token and summarises without token values', async () => {
    const d = deps();
    const answer = await answerKeepAliveRequest(
      post({ authorization: `Bearer ${schedulerToken}` }),
      d,
    );
    const body = answer.body as { summary: unknown; tenants: Array<{ error: unknown }> };
    expect(answer.status).toBe(200);
    expect(d.runKeepAlive).toHaveBeenCalledWith({ tenantId: undefined });
    expect(body.summary).toEqual({
      tenants: 4,
      refreshed: 1,
      skipped: 1,
      superseded: 0,
      failed: 1,
      notAdmitted: 1,
    });
    expect(body.tenants[0]).toEqual({
      tenantId: 't1',
      outcome: 'refreshed',
      idleSeconds: 700_000,
      keyVaultVersion: 'v2',
      error: null,
    });
    expect(body.tenants[1]!.error).toMatchObject({
      code: 'needs_reconsent',
      aadsts: 700082,
      reason: 'expired',
    });
    // Catalogued codes also say whose setting it is and how to fix it.
    expect(body.tenants[1]!.error).toMatchObject({
      owner: 'portal',
      steps: [expect.stringMatching(/re-consents in onboarding/), expect.any(String)],
    });
  });

  it('refuses a wrong token, a missing session, another role and a cross-site Admin', async () => {
    const cases: [Request, Partial<KeepAliveRequestDeps>, number][] = [
      [post({ authorization: 'Bearer wrong-token-wrong-token-wrong' }), {}, 401],
      [post({ authorization: `Bearer ${schedulerToken}` }), { schedulerToken: undefined }, 401],
      [post({ 'sec-fetch-site': 'same-origin' }), {}, 401],
      [
        post({ 'sec-fetch-site': 'same-origin' }),
        { currentUser: async () => ({ ...admin, roles: ['ops'] }) },
        403,
      ],
      [post({ 'sec-fetch-site': 'cross-site' }), { currentUser: async () => admin }, 403],
      [post({}), { currentUser: async () => admin }, 403],
    ];
    for (const [request, overrides, status] of cases) {
      const d = deps(overrides);
      expect((await answerKeepAliveRequest(request, d)).status).toBe(status);
      expect(d.runKeepAlive).not.toHaveBeenCalled();
    }
  });

  it('refuses the health monitor token by name: monitors change nothing', async () => {
    const d = deps();
    const answer = await answerKeepAliveRequest(
      post({ authorization: `Bearer ${monitorToken}` }),
      d,
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      error: 'forbidden',
      message: expect.stringMatching(/SCHEDULER_TOKEN/),
    });
    expect(JSON.stringify(answer)).not.toContain(monitorToken);
    expect(d.runKeepAlive).not.toHaveBeenCalled();
    // Without a scheduler token configured, the monitor token still runs nothing.
    const unset = deps({ schedulerToken: undefined });
    expect(
      (await answerKeepAliveRequest(post({ authorization: `Bearer ${monitorToken}` }), unset))
        .status,
    ).toBe(403);
    expect(unset.runKeepAlive).not.toHaveBeenCalled();
  });

  it("an Admin's run covers the Admin's own partner tenant only", async () => {
    const d = deps({ currentUser: async () => admin });
    expect(
      (await answerKeepAliveRequest(post({ 'sec-fetch-site': 'same-origin' }), d)).status,
    ).toBe(200);
    expect(d.runKeepAlive).toHaveBeenCalledWith({ tenantId: 't' });
  });

  it("bounds an Admin's runs per partner tenant with a wait to come back at; the scheduler is not counted", async () => {
    const limiter = new RouteLimiter(adminKeepAliveLimit);
    const d = deps({
      currentUser: async () => admin,
      admitAdmin: (tenantId) => limiter.take(tenantId),
    });
    const press = () => answerKeepAliveRequest(post({ 'sec-fetch-site': 'same-origin' }), d);
    expect((await press()).status).toBe(200);
    const refused = await press();
    expect(refused).toMatchObject({
      status: 429,
      body: {
        error: 'ran_recently',
        message: expect.stringMatching(/less than 30 seconds ago\. Try again in \d+ s\./),
      },
      headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
    });
    expect(d.runKeepAlive).toHaveBeenCalledTimes(1);
    const scheduler = await answerKeepAliveRequest(
      post({ authorization: `Bearer ${schedulerToken}` }),
      d,
    );
    expect(scheduler.status).toBe(200);
    expect(d.runKeepAlive).toHaveBeenCalledTimes(2);
  });

  it('runs for an Admin from the portal page; a vault outage is a clear 503', async () => {
    expect(
      (
        await answerKeepAliveRequest(
          post({ 'sec-fetch-site': 'same-origin' }),
          deps({ currentUser: async () => admin }),
        )
      ).status,
    ).toBe(200);
    const down = await answerKeepAliveRequest(
      post({ authorization: `Bearer ${schedulerToken}` }),
      deps({
        runKeepAlive: async () => {
          throw new Error('ECONNREFUSED secret-value');
        },
      }),
    );
    expect(down.status).toBe(503);
    expect(JSON.stringify(down)).not.toContain('secret-value');
  });

  it('a vault throttling the listing is a 503 that says so and when to come back', async () => {
    const answer = await answerKeepAliveRequest(
      post({ authorization: `Bearer ${schedulerToken}` }),
      deps({
        runKeepAlive: async () => {
          throw throttledVaultError({ operation: 'list', status: 429, retryAfterSeconds: 12 });
        },
      }),
    );
    expect(answer.status).toBe(503);
    expect(answer.headers).toEqual({ 'retry-after': '12' });
    expect(answer.body).toMatchObject({ error: 'vault_throttled' });
    expect((answer.body as { message: string }).message).toMatch(/throttl/i);
  });
});
