import { describe, expect, it, vi } from 'vitest';
import { createPartnerCenterClient, type PartnerCenterClientOptions } from './client';
import { PartnerCenterError } from './errors';
import { describePartnerCenterRefusal } from './refusals';
import type { RetryEvent } from './retry';
import {
  errorResponse,
  fakeClock,
  jsonResponse,
  scriptedFetch,
} from '@/test/support/partner-center-fetch';
import { northwindDetail } from '@/test/support/partner-center-fixtures';

const correlationId = '0c0c0c0c-1111-4222-8333-444444444444';
const customerId = northwindDetail.id;
const ok = () => jsonResponse(northwindDetail, { bom: true });

function setup(script: Array<() => Response>, options: Partial<PartnerCenterClientOptions> = {}) {
  const server = scriptedFetch(script);
  const clock = fakeClock();
  const retries: RetryEvent[] = [];
  let n = 0;
  const client = createPartnerCenterClient({
    baseUrl: 'https://pc.test/',
    getAccessToken: async () => 'secret-access-token',
    fetch: server.fetch,
    clock,
    correlationId,
    locale: 'de-DE',
    retry: { random: () => 0, baseDelayMs: 200, maxAttempts: 3, maxRetryAfterMs: 10_000 },
    onRetry: (event) => retries.push(event),
    newRequestId: () => `00000000-0000-4000-8000-00000000000${++n}`,
    ...options,
  });
  return { client, calls: server.calls, clock, retries };
}

async function failure(promise: Promise<unknown>): Promise<PartnerCenterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PartnerCenterError);
  return error as PartnerCenterError;
}

describe('getCustomer', () => {
  it('maps the full customer, tolerating a BOM and unknown fields', async () => {
    const { client, calls } = setup([ok]);
    expect(await client.getCustomer(customerId)).toEqual({
      id: customerId,
      companyName: 'Northwind Traders',
      domain: 'northwindtraders.onmicrosoft.com',
      tenantId: customerId,
      relationship: 'advisor',
      commerceId: 'cid-1',
      email: null,
      billingContact: {
        firstName: 'Nancy',
        lastName: 'Davolio',
        email: 'nancy@northwindtraders.com',
        companyName: 'Northwind Traders',
        culture: 'en-US',
        language: 'en',
      },
      address: {
        lines: ['1 Main St'],
        city: 'Redmond',
        state: 'WA',
        postalCode: '98052',
        region: null,
        country: 'US',
      },
      customDomains: ['northwindtraders.com'],
      allowDelegatedAccess: true,
      associatedPartnerId: null,
    });
    expect(calls[0]!.url.href).toBe(`https://pc.test/v1/customers/${customerId}`);
  });

  it('sends the contract headers, a new request id per call and one correlation id', async () => {
    const { client, calls } = setup([ok, ok]);
    await client.getCustomer(customerId);
    await client.getCustomer(customerId);
    const [a, b] = calls.map((c) => c.headers);
    expect(a!.get('Authorization')).toBe('Bearer secret-access-token');
    expect(a!.get('Accept')).toBe('application/json');
    expect(a!.get('MS-Contract-Version')).toBe('v1');
    expect(a!.get('X-Locale')).toBe('de-DE');
    expect(a!.get('MS-CorrelationId')).toBe(correlationId);
    expect(b!.get('MS-CorrelationId')).toBe(correlationId);
    expect(a!.get('MS-RequestId')).not.toBe(b!.get('MS-RequestId'));
  });

  it('rejects an id that is not a GUID without calling Partner Center', async () => {
    const { client, calls } = setup([]);
    for (const id of ['abc', '../profiles/organization', `${customerId}/users`]) {
      expect((await failure(client.getCustomer(id))).code).toBe('not_found');
    }
    expect((await failure(client.getCustomerUser(customerId, 'x'))).code).toBe('not_found');
    expect(calls).toHaveLength(0);
  });
});

describe('retries', () => {
  it('honours Retry-After on 429 and reports the retry', async () => {
    const throttled = () =>
      jsonResponse(
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 3 seconds.' },
        { status: 429, headers: { 'Retry-After': '3' } },
      );
    const { client, calls, clock, retries } = setup([throttled, ok]);
    expect((await client.getCustomer(customerId)).companyName).toBe('Northwind Traders');
    expect(clock.sleeps).toEqual([3000]);
    // "Partner Center REST headers": MS-RequestId "should be reset for the next call" once a
    // response came back; the retry event names the id of the attempt that was throttled.
    expect(calls.map((c) => c.headers.get('MS-RequestId'))).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
    ]);
    expect(retries).toMatchObject([
      {
        reason: 'throttled',
        attempt: 1,
        delayMs: 3000,
        status: 429,
        correlationId,
        requestId: '00000000-0000-4000-8000-000000000001',
        pace: 'interactive',
      },
    ]);
    expect(calls[1]!.headers.get('MS-CorrelationId')).toBe(correlationId);
  });

  it("names the last attempt's MS-RequestId when it gives up throttled", async () => {
    const throttled = () =>
      jsonResponse(
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' },
        { status: 429, headers: { 'Retry-After': '1' } },
      );
    const { client, calls } = setup([throttled, throttled, throttled]);
    const error = await failure(client.getCustomer(customerId));
    expect(calls.map((c) => c.headers.get('MS-RequestId'))).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000003',
    ]);
    expect(error).toMatchObject({
      code: 'throttled',
      requestId: '00000000-0000-4000-8000-000000000003',
    });
  });

  it('keeps the MS-RequestId when the attempt timed out (408, or no answer at all)', async () => {
    const { client, calls } = setup([
      () => errorResponse(408, 408, 'Request timeout'),
      () => {
        throw new DOMException('The operation timed out.', 'TimeoutError');
      },
      ok,
    ]);
    expect((await client.getCustomer(customerId)).id).toBe(customerId);
    expect(new Set(calls.map((c) => c.headers.get('MS-RequestId')))).toEqual(
      new Set(['00000000-0000-4000-8000-000000000001']),
    );
  });

  it('fails as throttled, without waiting, when Retry-After exceeds the bound', async () => {
    const throttled = () =>
      jsonResponse(
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' },
        { status: 429, headers: { 'Retry-After': '57' } },
      );
    const { client, calls, clock } = setup([throttled]);
    const error = await failure(client.getCustomer(customerId));
    expect(error).toMatchObject({
      code: 'throttled',
      status: 429,
      retryAfter: 57,
      correlationId,
      description: 'Rate limit is exceeded. Try again in 57 seconds.',
    });
    expect(clock.sleeps).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('backs off a 429 without Retry-After from seconds, not like a 5xx ("avoid immediate retries")', async () => {
    const unstated = () =>
      jsonResponse({ statusCode: 429, message: 'Rate limit is exceeded.' }, { status: 429 });
    const { client, clock, retries } = setup([unstated, unstated, ok]);
    expect((await client.getCustomer(customerId)).id).toBe(customerId);
    // Jitter 0: half of 1 s, then of 2 s (a 5xx here waits half of 200 ms, then of 400 ms).
    expect(clock.sleeps).toEqual([500, 1_000]);
    expect(retries.map((r) => r.reason)).toEqual(['throttled', 'throttled']);
  });

  // The pages quote `retryAfter` as Partner Center's ("asked the portal to wait 57 s"): the
  // portal's own backoff must not pass for one.
  it('gives up an unstated 429 without a wait of its own making', async () => {
    const unstated = () =>
      jsonResponse({ statusCode: 429, message: 'Rate limit is exceeded.' }, { status: 429 });
    const { client, clock } = setup([unstated, unstated, unstated]);
    const error = await failure(client.getCustomer(customerId));
    expect(error).toMatchObject({ code: 'throttled', status: 429, retryAfter: null });
    expect(clock.sleeps).toEqual([500, 1_000]);
  });

  it('waits out in a walk a Retry-After a page render would not, and backs off longer without one', async () => {
    const throttled57 = () =>
      jsonResponse(
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' },
        { status: 429, headers: { 'Retry-After': '57' } },
      );
    const unstated = () =>
      jsonResponse({ statusCode: 429, message: 'Rate limit is exceeded.' }, { status: 429 });
    const page = () => jsonResponse({ totalCount: 1, items: [northwindDetail], links: {} });
    const { client, calls, clock } = setup([throttled57, unstated, page]);
    const companies: string[] = [];
    for await (const customers of client.customerPages())
      companies.push(...customers.items.map((c) => c.companyName));
    expect(companies).toEqual(['Northwind Traders']);
    expect(calls).toHaveLength(3);
    // 57 s as asked (a render gives up past 10 s); then, without a stated wait, a walk's
    // throttling backoff at its second step (10 s doubled, jitter 0: half of 20 s).
    expect(clock.sleeps).toEqual([57_000, 10_000]);
  });

  // A download's page must arrive before the front end drops the idle connection
  // (lib/downloads/idle.ts): it gives up where a walk read in the background would wait on.
  it("gives up a download's page whose waits would outlast its budget, where a walk waits", async () => {
    const throttled120 = () =>
      jsonResponse(
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 120 seconds.' },
        { status: 429, headers: { 'Retry-After': '120' } },
      );
    const page = () => jsonResponse({ totalCount: 0, items: [], links: {} });
    const walk = setup([throttled120, throttled120, page]);
    for await (const users of walk.client.customerUserPages(customerId))
      expect(users.items).toEqual([]);
    expect(walk.clock.sleeps).toEqual([120_000, 120_000]);

    const download = setup([throttled120, throttled120, page]);
    const csv = new Response(
      download.client.customerUsersCsv(customerId, { silenceBudgetMs: 220_000 }),
    );
    expect(await failure(csv.text())).toMatchObject({ code: 'throttled', retryAfter: 120 });
    expect(download.calls).toHaveLength(2);
    expect(download.clock.sleeps).toEqual([120_000]);
  });

  it("tells a walk of a customer's users its own page's waits, besides the client's listener", async () => {
    const throttled57 = () =>
      jsonResponse(
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' },
        { status: 429, headers: { 'Retry-After': '57' } },
      );
    const page = () => jsonResponse({ totalCount: 0, items: [], links: {} });
    const { client, retries } = setup([throttled57, page]);
    const walkRetries: RetryEvent[] = [];
    for await (const users of client.customerUserPages(customerId, {
      onRetry: (event) => walkRetries.push(event),
    }))
      expect(users.items).toEqual([]);
    expect(walkRetries).toEqual(retries);
    expect(walkRetries).toMatchObject([
      { reason: 'throttled', delayMs: 57_000, status: 429, pace: 'walk' },
    ]);
  });

  it('makes a 5xx then success invisible to the caller, reusing the MS-RequestId', async () => {
    const { client, calls, clock, retries } = setup([
      () => errorResponse(503, 500, 'Service unavailable'),
      ok,
    ]);
    expect((await client.getCustomer(customerId)).id).toBe(customerId);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers.get('MS-RequestId')).toBe(calls[0]!.headers.get('MS-RequestId'));
    // One wait, within the first backoff step (200 ms base, jittered to at least half of it).
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(100);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(200);
    expect(retries[0]!.reason).toBe('server_error');
  });

  it('retries network failures with growing backoff, then gives up as unavailable', async () => {
    const down = () => {
      throw new TypeError('fetch failed');
    };
    const { client, calls, clock } = setup([down, down, down]);
    const error = await failure(client.getCustomer(customerId));
    expect(error).toMatchObject({ code: 'unavailable', status: 0, correlationId });
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('does not retry other 4xx', async () => {
    const { client, calls } = setup([() => errorResponse(400, 400, 'Bad filter')]);
    expect(await failure(client.getCustomer(customerId))).toMatchObject({
      code: 'bad_request',
      status: 400,
      description: 'Bad filter',
    });
    expect(calls).toHaveLength(1);
  });
});

describe('error mapping', () => {
  it.each([
    [404, 1000, 'not_found'],
    [401, 400, 'unauthorized'],
    [403, 20002, 'forbidden'],
  ] as const)('maps %i / %i to %s with ids and no token', async (status, pcCode, code) => {
    const { client, calls } = setup([
      () =>
        errorResponse(status, pcCode, 'Described by Partner Center', {
          'WWW-Authenticate': 'OAuth realm="x"',
        }),
    ]);
    const error = await failure(client.getCustomer(customerId));
    expect(error).toMatchObject({
      code,
      status,
      partnerCenterCode: pcCode,
      description: 'Described by Partner Center',
      correlationId,
      requestId: '00000000-0000-4000-8000-000000000001',
    });
    expect(error.message).toContain(correlationId);
    expect(error.message).not.toContain('secret-access-token');
    expect(JSON.stringify(error.toPublic())).not.toContain('secret-access-token');
    expect(calls).toHaveLength(1);
  });

  // "Partner Center REST error codes": `code` is a string ("Always returned. Indicates the kind
  // of error that occurred"), with no promise that it is digits; the .NET SDK's ApiFault keeps it
  // as a string. A code that is no number must not cost the user Partner Center's description.
  it.each([
    ['a string of digits', '20002', 20002],
    ['a string of digits with spaces', ' 900150 ', 900150],
    ['a string that is no number', 'PartnerNotAuthorized', null],
    ['an empty string', '', null],
    ['null', null, null],
  ] as const)('keeps the description when code is %s', async (_, pcCode, expected) => {
    const { client } = setup([
      () =>
        jsonResponse(
          {
            code: pcCode,
            description: 'Described by Partner Center',
            data: [],
            source: 'PartnerFD',
          },
          { status: 403 },
        ),
    ]);
    expect(await failure(client.getCustomer(customerId))).toMatchObject({
      code: 'forbidden',
      partnerCenterCode: expected,
      description: 'Described by Partner Center',
    });
  });

  it('reads a refusal Partner Center sends as a line of text: its words and its code', async () => {
    const text = 'Authentication failed. MFA required. (10001)';
    const { client } = setup([
      () => new Response(text, { status: 401, headers: { 'content-type': 'text/plain' } }),
    ]);
    const error = await failure(client.getOrganizationProfile());
    expect(error).toMatchObject({
      code: 'unauthorized',
      partnerCenterCode: 10001,
      description: text,
    });
    expect(describePartnerCenterRefusal(error)?.key).toBe('mfa-enforcement');
  });

  describe("Partner Center's MFA refusal, in each shape Microsoft or its SDK allows", () => {
    // "Mandating multi-factor authentication (MFA) for your partner tenant"
    // (partner-center/partner-security-requirements-mandating-mfa.md) documents it as
    // "HTTP/1.1 401 Unauthorized - MFA required", `WWW-Authenticate: Bearer error="invalid_token"`,
    // no body; the .NET SDK reports a blank body's reason phrase instead
    // (DefaultPartnerServiceErrorHandler), so its "(10001)" may come in either.
    const challenge = { 'www-authenticate': 'Bearer error="invalid_token"' };
    const bare =
      (statusText: string, body: string | null = null) =>
      () =>
        new Response(body, { status: 401, statusText, headers: challenge });

    it.each([
      [
        'the documented answer: the reason phrase, no body',
        bare('Unauthorized - MFA required'),
        null,
        'Unauthorized - MFA required',
      ],
      [
        'the reported words and code as the reason phrase',
        bare('Authentication failed. MFA required. (10001)'),
        10001,
        'Authentication failed. MFA required. (10001)',
      ],
      [
        'the reason phrase, a body of white space',
        bare('Unauthorized - MFA required', '\r\n'),
        null,
        'Unauthorized - MFA required',
      ],
      [
        'code 10001 in the error envelope',
        () =>
          jsonResponse(
            { code: '10001', description: 'x', data: [], source: 'PartnerFD' },
            { status: 401, bom: true },
          ),
        10001,
        'x',
      ],
      [
        'code 900421 in the error envelope (UNCONFIRMED at Microsoft)',
        () =>
          jsonResponse({ code: '900421', description: 'The token was rejected' }, { status: 401 }),
        900421,
        'The token was rejected',
      ],
    ])('%s', async (_, answer, partnerCenterCode, description) => {
      const { client, calls } = setup([answer]);
      const error = await failure(client.getOrganizationProfile());
      expect(error).toMatchObject({
        code: 'unauthorized',
        status: 401,
        partnerCenterCode,
        description,
      });
      expect(describePartnerCenterRefusal(error)?.key).toBe('mfa-enforcement');
      expect(calls).toHaveLength(1);
    });

    it.each([
      ['the standard reason phrase', 'Unauthorized'],
      ['the standard reason phrase in other case', 'UNAUTHORIZED'],
      ['no reason phrase (as over HTTP/2)', ''],
    ])('a 401 with the same challenge and %s stays the generic refusal', async (_, statusText) => {
      const { client } = setup([bare(statusText)]);
      const error = await failure(client.getOrganizationProfile());
      expect(error).toMatchObject({
        code: 'unauthorized',
        partnerCenterCode: null,
        description: 'Partner Center did not accept the access token',
      });
      expect(describePartnerCenterRefusal(error)).toBeUndefined();
    });

    it("a body says more than the reason phrase, as in the SDK: Partner Center's envelope wins", async () => {
      const { client } = setup([
        () =>
          new Response(JSON.stringify({ code: '400', description: 'Access denied' }), {
            status: 401,
            statusText: 'Unauthorized - MFA required',
            headers: { 'content-type': 'application/json', ...challenge },
          }),
      ]);
      const error = await failure(client.getOrganizationProfile());
      expect(error).toMatchObject({ partnerCenterCode: 400, description: 'Access denied' });
      expect(describePartnerCenterRefusal(error)).toBeUndefined();
    });
  });

  it('keeps its own words for an error page that is not Partner Center speaking', async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const { client } = setup(
      Array.from({ length: 3 }, () => () => new Response(page, { status: 502 })),
    );
    const error = await failure(client.getOrganizationProfile());
    expect(error).toMatchObject({ status: 502, partnerCenterCode: null });
    expect(error.description).not.toContain('html');
  });

  it.each([
    ['not JSON', () => new Response('<html>oops</html>', { status: 200 })],
    ['wrong shape', () => jsonResponse({ id: 42, companyProfile: 'x' })],
    ['invalid UTF-8', () => new Response(new Uint8Array([0x7b, 0xff, 0x7d]), { status: 200 })],
  ])(
    'turns a malformed response (%s) into malformed_response with the correlation id',
    async (_, response) => {
      const { client } = setup([response]);
      const error = await failure(client.getCustomer(customerId));
      expect(error).toMatchObject({ code: 'malformed_response', status: 200, correlationId });
    },
  );

  it('passes errors of the token service through unchanged', async () => {
    class NeedsReconsent extends Error {}
    const { client, calls } = setup([], {
      getAccessToken: vi.fn().mockRejectedValue(new NeedsReconsent('re-consent')),
    });
    await expect(client.getOrganizationProfile()).rejects.toBeInstanceOf(NeedsReconsent);
    expect(calls).toHaveLength(0);
  });
});
