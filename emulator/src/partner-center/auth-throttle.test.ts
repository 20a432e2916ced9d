import { beforeEach, describe, expect, it } from 'vitest';
import type { ServiceModule } from '../core/service';
import { partnerCenterResource, vaultResource } from '../seed/identities';
import { createTestContext, request, type TestContext } from '../core/test-context.test-support';
import { createPartnerCenterService } from './index';
import { appUserToken, firstTenant, pcBase, pcGet, secondTenant } from './handlers.test-support';

let t: TestContext;
let service: ServiceModule;
let token: string;

beforeEach(async () => {
  t = await createTestContext();
  service = createPartnerCenterService(t.ctx);
  token = await appUserToken(t, firstTenant.tenantId);
});

async function control(path: string, body: unknown, method: 'GET' | 'POST' = 'POST') {
  return service.handleControl!(
    request(method, `${pcBase}/_emulator/partnerCenter/${path}`, { body }),
    path,
  );
}

describe('Partner Center auth', () => {
  it("refuses App+User tokens without MFA as Microsoft's example: 401 Unauthorized - MFA required, a Bearer challenge, no body", async () => {
    const token = await appUserToken(t, firstTenant.tenantId, false);
    const res = await service.handle(
      request('GET', `${pcBase}/v1/profiles/organization`, {
        headers: {
          authorization: `Bearer ${token}`,
          'ms-correlationid': 'c0ffee00-0000-4000-8000-000000000001',
        },
      }),
    );
    // partner-center/partner-security-requirements-mandating-mfa.md: the status line, the
    // challenge and nothing else (no envelope, no content type, no echoed ids).
    expect(res).toEqual({
      status: 401,
      statusText: 'Unauthorized - MFA required',
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    });
  });

  it('refuses missing, foreign-signed, wrong-audience and non-partner tokens', async () => {
    const claims = { tid: firstTenant.tenantId, scp: 'user_impersonation', amr: ['pwd', 'mfa'] };
    const bad = [
      null,
      await t.mint({ ...claims, aud: partnerCenterResource }, { foreignKey: true }),
      await t.mint({ ...claims, aud: vaultResource }),
      await t.mint({
        ...claims,
        aud: partnerCenterResource,
        tid: '11111111-1111-4111-8111-111111111111',
      }),
    ];
    for (const candidate of bad) {
      const res = await pcGet(service, '/v1/customers', candidate);
      expect(res.status).toBe(401);
      expect(res.body.code).toMatch(/^\d+$/);
      expect(res.body.source).toBe('PartnerFD');
    }
    expect(t.ctx.counters.get('pc.request')).toBe(4);
    expect(t.ctx.counters.get(`pc.tenant.${firstTenant.tenantId}`)).toBe(0);
  });

  it('serves the organization profile of the calling partner and counts per route and tenant', async () => {
    const res = await pcGet(service, '/v1/profiles/organization', token);
    expect(res.body).toMatchObject({
      tenantId: firstTenant.tenantId,
      companyName: firstTenant.name,
      attributes: { objectType: 'OrganizationProfile' },
    });
    const second = await appUserToken(t, secondTenant.tenantId);
    expect((await pcGet(service, '/v1/profiles/organization', second)).body.companyName).toBe(
      secondTenant.name,
    );
    expect(t.ctx.counters.get('pc.route.profile')).toBe(2);
    expect(t.ctx.counters.get(`pc.tenant.${secondTenant.tenantId}`)).toBe(1);
    expect((await pcGet(service, '/v1/nothing-here', token)).status).toBe(404);
  });
});

describe('Partner Center wire details', () => {
  it('starts JSON bodies with a UTF-8 BOM unless turned off', async () => {
    const res = await pcGet(service, '/v1/profiles/organization', token);
    expect(String(res.raw).charCodeAt(0)).toBe(0xfeff);
    await control('bom', { enabled: false });
    const plain = await pcGet(service, '/v1/profiles/organization', token);
    expect(String(plain.raw).startsWith('{')).toBe(true);
    service.reset();
    expect(
      String((await pcGet(service, '/v1/profiles/organization', token)).raw).charCodeAt(0),
    ).toBe(0xfeff);
  });

  it('echoes MS-RequestId and MS-CorrelationId, and generates them when absent', async () => {
    const ids = {
      'MS-RequestId': '3f1e0a2b-1111-4222-8333-444455556666',
      'MS-CorrelationId': '9a8b7c6d-1111-4222-8333-444455556666',
    };
    const echoed = await pcGet(service, '/v1/customers?size=1', token, ids);
    expect(echoed.headers['ms-requestid']).toBe(ids['MS-RequestId']);
    expect(echoed.headers['ms-correlationid']).toBe(ids['MS-CorrelationId']);
    const generated = await pcGet(service, '/v1/customers?size=1', null);
    expect(generated.headers['ms-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Partner Center throttling', () => {
  // Microsoft publishes no rate for these endpoints: the emulator invents none.
  it('throttles nobody until a test sets a rate, and stops again when it sets null', async () => {
    const current = await control('throttle', undefined, 'GET');
    expect(JSON.parse(String(current?.body).replace(/^\uFEFF/, ''))).toEqual({
      requestsPerMinute: null,
    });
    for (let i = 0; i < 600; i++)
      expect((await pcGet(service, '/v1/profiles/organization', token)).status).toBe(200);
    expect((await control('throttle', { requestsPerMinute: 1 }))?.status).toBe(200);
    expect((await pcGet(service, '/v1/profiles/organization', token)).status).toBe(200);
    expect((await pcGet(service, '/v1/profiles/organization', token)).status).toBe(429);
    expect((await control('throttle', { requestsPerMinute: null }))?.status).toBe(200);
    expect((await pcGet(service, '/v1/profiles/organization', token)).status).toBe(200);
  });

  it('answers 429 with Retry-After past the per-tenant rate, then recovers as the window slides', async () => {
    expect((await control('throttle', { requestsPerMinute: 3 }))?.status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect((await pcGet(service, '/v1/profiles/organization', token)).status).toBe(200);
      t.ctx.clock.advance(10_000);
    }
    const limited = await pcGet(service, '/v1/profiles/organization', token);
    expect(limited.status).toBe(429);
    // The oldest of the three requests leaves the window 60 s after it was made: 30 s from now.
    expect(limited.headers['retry-after']).toBe('30');
    expect(limited.body).toEqual({
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 30 seconds.',
    });
    const otherTenant = await appUserToken(t, secondTenant.tenantId);
    expect((await pcGet(service, '/v1/profiles/organization', otherTenant)).status).toBe(200);
    t.ctx.clock.advance(29_000);
    expect((await pcGet(service, '/v1/profiles/organization', token)).status).toBe(429);
    t.ctx.clock.advance(1_000);
    expect((await pcGet(service, '/v1/profiles/organization', token)).status).toBe(200);
  });

  it('validates the throttle control and answers shared-server faults in its own shapes', async () => {
    expect((await control('throttle', { requestsPerMinute: 0 }))?.status).toBe(400);
    expect(await control('unknown', {})).toBeUndefined();
    const fault = service.errorResponse(503, 'Injected fault');
    expect(fault.status).toBe(503);
    expect(JSON.parse(String(fault.body).replace(/^\uFEFF/, ''))).toEqual({
      code: '503',
      description: 'Injected fault',
      data: [],
      source: 'PartnerFD',
    });
    const throttled = service.errorResponse(429, 'x', { 'retry-after': '7' });
    expect(JSON.parse(String(throttled.body).replace(/^\uFEFF/, '')).message).toBe(
      'Rate limit is exceeded. Try again in 7 seconds.',
    );
  });
});
