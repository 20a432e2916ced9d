import { describe, expect, it } from 'vitest';
import type { TenantScope } from '@/lib/auth/scope';
import type { PortalUser } from '@/lib/auth/user';
import { checkMonitorToken, handleHealthRequest } from './endpoint';
import type { HealthReport } from './types';

const monitorToken = 'monitor-token-0123456789abcdef';
const user = (roles: PortalUser['roles']): PortalUser => ({
  tid: 't',
  oid: 'o',
  name: 'N',
  upn: 'n@x',
  roles,
});
const report = (status: HealthReport['status']): HealthReport => ({
  status,
  generatedAt: '2026-02-01T00:00:00.000Z',
  probeIntervalSeconds: 30,
  tenants: [],
  dependencies: [],
});

function call(opts: {
  authorization?: string;
  user?: PortalUser | null;
  status?: HealthReport['status'];
}) {
  const headers = opts.authorization ? { authorization: opts.authorization } : undefined;
  let reportCalls = 0;
  const scopes: TenantScope[] = [];
  const response = handleHealthRequest(new Request('http://localhost/api/health', { headers }), {
    monitorToken,
    currentUser: async () => opts.user ?? null,
    scopeFor: (u) => ({ kind: 'tenant', tenantId: u.tid }),
    report: async (scope) => {
      reportCalls += 1;
      scopes.push(scope);
      return report(opts.status ?? 'healthy');
    },
  });
  return { response, reportCalls: () => reportCalls, scopes };
}

describe('handleHealthRequest', () => {
  it('401 without credentials, and never builds the report', async () => {
    const c = call({});
    const response = await c.response;
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: 'unauthenticated',
      message: 'Sign in as Ops or Admin, or present the monitor bearer token.',
    });
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="health"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(c.reportCalls()).toBe(0);
  });

  it('403 for a sales agent', async () => {
    const c = call({ user: user(['salesAgent']) });
    const response = await c.response;
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: 'forbidden',
      message: 'Only Ops and Admin may read the health report.',
    });
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(c.reportCalls()).toBe(0);
  });

  it.each([['ops'], ['admin']] as const)('200 for %s with the report', async (role) => {
    const response = await call({ user: user([role]) }).response;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'healthy', tenants: [] });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('503 when the report is unhealthy', async () => {
    expect((await call({ user: user(['ops']), status: 'unhealthy' }).response).status).toBe(503);
    expect((await call({ user: user(['ops']), status: 'degraded' }).response).status).toBe(200);
  });

  it("builds a session's report for the user's scope and the monitor's for every tenant", async () => {
    const session = call({ user: user(['ops']) });
    expect((await session.response).status).toBe(200);
    expect(session.scopes).toEqual([{ kind: 'tenant', tenantId: 't' }]);
    const monitor = call({ authorization: `Bearer ${monitorToken}`, user: user(['ops']) });
    expect((await monitor.response).status).toBe(200);
    expect(monitor.scopes).toEqual([{ kind: 'all' }]);
  });

  it('accepts the monitor bearer token without a session, and refuses a wrong one even with a session', async () => {
    expect((await call({ authorization: `Bearer ${monitorToken}` }).response).status).toBe(200);
    const wrong = await call({ authorization: `Bearer ${monitorToken}x`, user: user(['ops']) })
      .response;
    expect(wrong.status).toBe(401);
    const body = await wrong.text();
    expect(JSON.parse(body)).toMatchObject({
      error: 'unauthenticated',
      message: 'The bearer token is not the configured monitor token.',
    });
    expect(body).not.toContain(monitorToken);
  });
});

describe('checkMonitorToken', () => {
  it('distinguishes absent, valid and invalid', () => {
    expect(checkMonitorToken(null, monitorToken)).toBe('absent');
    expect(checkMonitorToken(`Bearer ${monitorToken}`, monitorToken)).toBe('valid');
    expect(checkMonitorToken(`bearer ${monitorToken}`, monitorToken)).toBe('valid');
    expect(checkMonitorToken('Bearer short', monitorToken)).toBe('invalid');
    expect(checkMonitorToken(`Basic ${monitorToken}`, monitorToken)).toBe('invalid');
  });

  it('never accepts a bearer token when none is configured', () => {
    expect(checkMonitorToken('Bearer anything-at-all-000000000000', undefined)).toBe('invalid');
  });
});
