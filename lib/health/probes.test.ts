import { describe, expect, it } from 'vitest';
import { EntraError } from '@/lib/entra/errors';
import { discoveryFailure, discoveryMalformed, toFailure } from '@/lib/failure';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { unitTestConfig } from '@/test/support/unit-config';
import { outcomeOf, probeEntra } from './probes';
import { createHealthService } from './service';

const entraProbe = (err: unknown) =>
  outcomeOf(toFailure(err, { for: 'health', dependency: 'entra' }));
const pcProbe = (err: unknown) =>
  outcomeOf(toFailure(err, { for: 'health', dependency: 'partner-center' }));
const pcError = (
  code: ConstructorParameters<typeof PartnerCenterError>[0]['code'],
  status: number,
  extra: Partial<ConstructorParameters<typeof PartnerCenterError>[0]> = {},
) =>
  new PartnerCenterError({
    code,
    status,
    description: 'Something went wrong.',
    requestId: 'r',
    correlationId: 'c',
    ...extra,
  });

describe('Entra probe outcomes', () => {
  it('names the AADSTS code and the catalogue cause; only 429 is degraded', () => {
    const refused = new EntraError({ error: 'invalid_client', status: 401, aadsts: 7000215 });
    const outcome = entraProbe(refused);
    expect(outcome.state).toBe('down');
    expect(outcome.error?.code).toBe('invalid_client');
    expect(outcome.error?.message).toMatch(/^AADSTS7000215: /);
    const busy = new EntraError({ error: 'temporarily_unavailable', status: 429 });
    expect(entraProbe(busy)).toEqual({
      state: 'degraded',
      error: { code: 'temporarily_unavailable', message: 'Entra ID is temporarily unavailable.' },
    });
  });

  it('tells a timeout from an unreachable host', () => {
    const timeout = Object.assign(new Error('t'), { name: 'TimeoutError' });
    expect(entraProbe(timeout)).toEqual({
      state: 'down',
      error: { code: 'timeout', message: 'Entra did not answer in time.' },
    });
    expect(entraProbe(new TypeError('fetch failed'))).toEqual({
      state: 'down',
      error: { code: 'network', message: 'Entra could not be reached.' },
    });
  });

  it('reports discovery failures', () => {
    expect(outcomeOf(discoveryFailure(503))).toEqual({
      state: 'down',
      error: { code: 'discovery_failed', message: 'Entra discovery answered HTTP 503.' },
    });
    expect(outcomeOf(discoveryFailure(429)).state).toBe('degraded');
    expect(outcomeOf(discoveryMalformed())).toEqual({
      state: 'down',
      error: {
        code: 'discovery_malformed',
        message: 'Entra discovery returned an unreadable document.',
      },
    });
  });
});

describe('Partner Center probe outcomes', () => {
  it('throttling is degraded and says when to retry', () => {
    expect(pcProbe(pcError('throttled', 429, { retryAfter: 30 }))).toEqual({
      state: 'degraded',
      error: {
        code: 'throttled',
        message: 'Partner Center is throttling (HTTP 429). Retry after 30 s.',
      },
    });
  });

  it('a refusal of the tenant is degraded, named when the partner set-up causes it', () => {
    expect(pcProbe(pcError('unauthorized', 401))).toEqual({
      state: 'degraded',
      error: {
        code: 'unauthorized',
        message:
          "Partner Center refused the tenant's access token (HTTP 401): Something went wrong.",
      },
    });
    const notAdminAgent = pcProbe(pcError('forbidden', 403, { partnerCenterCode: 900150 }));
    expect(notAdminAgent.state).toBe('degraded');
    expect(notAdminAgent.error).toEqual({
      code: 'partner_center_not_admin_agent',
      message: expect.stringMatching(
        /^The consenting account is not an admin agent: .+ \(HTTP 403, code 900150\)$/,
      ),
    });
  });

  it('any other 4xx is an answer about the probed tenant (degraded), not an outage', () => {
    // docs/contracts.md §3: 404 with code 60003, "tenant not found".
    const tenantNotFound = pcError('not_found', 404, { partnerCenterCode: 60003 });
    expect(pcProbe(tenantNotFound).state).toBe('degraded');
    expect(pcProbe(pcError('bad_request', 400)).state).toBe('degraded');
  });

  it("so one tenant's 404 does not turn another partner's /api/health into a 503", async () => {
    const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
    const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
    const start = Date.UTC(2026, 1, 1);
    const secret = { version: 'v1', createdAt: start, mintedBy: null, mintedAt: null, mfa: true };
    const health = createHealthService({
      sources: {
        listStoredTenants: async () =>
          [contoso, fabrikam].map((tenantId) => ({ tenantId, secret })),
        readTokenStates: () => new Map(),
        probeEntra: async () => ({ state: 'ok', error: null }),
        // Contoso, the home tenant, is the probe's subject; Partner Center does not know it.
        probePartnerCenter: async () =>
          pcProbe(pcError('not_found', 404, { description: 'Tenant not found.' })),
      },
      clock: { now: () => start, cloudNow: () => start },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
      homeTenantId: contoso,
      admittedTenantIds: [contoso, fabrikam],
    });
    const fabrikamView = await health.getHealthReport({ kind: 'tenant', tenantId: fabrikam });
    expect(fabrikamView.status).toBe('healthy');
    expect(JSON.stringify(fabrikamView)).not.toContain('Tenant not found');
  });

  it('other failures are down; no token to probe with is skipped', () => {
    expect(pcProbe(pcError('unavailable', 408)).state).toBe('down');
    expect(pcProbe(pcError('unavailable', 503)).state).toBe('down');
    expect(pcProbe(pcError('unavailable', 0))).toEqual({
      state: 'down',
      error: {
        code: 'unavailable',
        message: 'Partner Center answered nothing: Something went wrong.',
      },
    });
    expect(pcProbe(pcError('malformed_response', 200)).error?.message).toBe(
      'Partner Center answered HTTP 200: Something went wrong.',
    );
    const noToken = toFailure(new EntraError({ error: 'invalid_grant', status: 400 }), {
      for: 'tokens',
      tenantId: 't',
    });
    expect(pcProbe(noToken)).toEqual({
      state: 'skipped',
      error: {
        code: 'token_unavailable',
        message:
          "No access token could be had just now to probe Partner Center with; the tenant's card says why.",
      },
    });
  });
});

describe('Entra probe confirms a quick outage answer once', () => {
  const tokenEndpoint = 'https://login.microsoftonline.com/home/oauth2/v2.0/token';
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const issued = () => json(200, { access_token: 'at', expires_in: 3599, token_type: 'Bearer' });
  const failed = (status: number, error: string) => () =>
    json(status, { error, error_description: `AADSTS90033: ${error}`, error_codes: [90033] });

  /** Entra whose token endpoint gives these answers in turn; counts token requests and pauses. */
  function entraAnswering(...answers: Array<() => Response>) {
    const seen = { tokenRequests: 0, pauses: [] as number[] };
    const fetchImpl = (async (input: RequestInfo | URL) => {
      if (String(input).endsWith('/.well-known/openid-configuration'))
        return json(200, { token_endpoint: tokenEndpoint, issuer: 'x' });
      return answers[seen.tokenRequests++]!();
    }) as typeof fetch;
    // The longest equal-jitter wait (random 1): the configured half second.
    const time = {
      now: () => 0,
      sleep: async (ms: number) => void seen.pauses.push(ms),
      random: () => 1,
    };
    return { probe: () => probeEntra(unitTestConfig(), fetchImpl, time), seen };
  }

  it('one lost answer is not an outage: a 500, then a token, is ok', async () => {
    const entra = entraAnswering(failed(500, 'server_error'), issued);
    expect(await entra.probe()).toEqual({ state: 'ok', error: null });
    expect(entra.seen).toEqual({ tokenRequests: 2, pauses: [500] });
  });

  it("two outage answers in a row are down, with the second answer's words", async () => {
    const entra = entraAnswering(
      failed(500, 'server_error'),
      failed(503, 'temporarily_unavailable'),
    );
    const outcome = await entra.probe();
    expect(outcome.state).toBe('down');
    expect(outcome.error?.code).toBe('temporarily_unavailable');
    expect(entra.seen.tokenRequests).toBe(2);
  });

  it('does not ask again after a refusal or a throttle', async () => {
    const refused = entraAnswering(failed(401, 'invalid_client'));
    expect((await refused.probe()).state).toBe('down');
    const throttled = entraAnswering(failed(429, 'temporarily_unavailable'));
    expect((await throttled.probe()).state).toBe('degraded');
    expect([refused.seen, throttled.seen]).toEqual([
      { tokenRequests: 1, pauses: [] },
      { tokenRequests: 1, pauses: [] },
    ]);
  });
});
