import { randomBytes } from 'node:crypto';
import { expect, test, type APIResponse } from '@playwright/test';
import { SignJWT } from 'jose';
import { encode } from 'next-auth/jwt';
import { portalApp } from '../emulator/src/seed/identities';
import { generateCases, type BadRequest } from './bad-input-cases';
import { contosoAdmin, vaultSnapshot } from './security-helpers';
import { connectPartnerCenter } from './support/onboarding';
import { portalUrl, readE2eAuthSecret, readE2eEndpoints } from './support/fixtures';
import { e2eMonitorToken, e2eSignInPerMinute } from './support/environment';

test.describe.configure({ mode: 'serial' });

let adminCookie = '';
let customerId = '';
let vaultBefore: Record<string, string[]> = {};

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await connectPartnerCenter(page, contosoAdmin, { ifNeeded: true });
  adminCookie = (await page.context().cookies())
    .filter((c) => c.name.includes('next-auth'))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  const customers = (await (await page.request.get('/api/customers?size=1')).json()) as {
    items: { id: string }[];
  };
  customerId = customers.items[0]?.id ?? '';
  expect(customerId).not.toBe('');
  await page.close();
  vaultBefore = await vaultSnapshot();
  expect(Object.keys(vaultBefore).length).toBeGreaterThan(0);
});

/** Forged credentials: none of them may be taken for a session, a monitor or a consent. */
async function forgeries() {
  const sessionClaims = {
    sub: 'x',
    tid: 't',
    oid: 'o',
    name: 'Mallory',
    upn: 'mallory@evil.example',
    roles: ['admin'],
  };
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const hs256 = await new SignJWT({ roles: ['admin'] })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode('guess'));
  const forgedSessions = [
    randomBytes(24).toString('hex'),
    // JWE-shaped, and a real next-auth token encrypted with another secret.
    `${b64({ alg: 'dir', enc: 'A256GCM' })}..${randomBytes(12).toString('base64url')}.${randomBytes(40).toString('base64url')}.${randomBytes(16).toString('base64url')}`,
    await encode({ token: sessionClaims, secret: 'not-the-portal-secret-not-the-portal-secret' }),
    `${b64({ alg: 'none' })}.${b64(sessionClaims)}.`,
    hs256,
    '%00%0d%0a',
    // Encrypted with the portal's own secret but minted by no sign-in (no session id, no
    // sign-in time): an older cookie format or a forgery, never a session.
    await encode({ token: sessionClaims, secret: readE2eAuthSecret() }),
  ];
  const forgedBearers = [
    'Bearer',
    'Bearer ',
    `Bearer ${hs256}`,
    `Bearer ${'a'.repeat(40)}`,
    `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    `bearer ${portalApp.clientSecret}`,
    'Bearer a b c',
    `Bearer ${'x'.repeat(5000)}`,
  ];
  const forgedConsentCookies = [
    '',
    'garbage',
    forgedSessions[1] ?? '',
    await encode({
      token: { state: 'x'.repeat(40), nonce: 'y'.repeat(40) },
      secret: readE2eAuthSecret(),
    }),
    'a'.repeat(3000),
  ];
  return { forgedSessions, forgedBearers, forgedConsentCookies };
}

/** What may never reach a client: stack frames, source paths, the portal's secrets. */
function expectNothingLeaks(text: string, what: string): void {
  expect(text, what).not.toMatch(
    /\n\s+at [\w$.<>]+ \(|node_modules|\.tsx?:\d+:\d+|webpack-internal|ECONNREFUSED/,
  );
  expect(text, what).not.toContain(readE2eAuthSecret());
  expect(text, what).not.toContain(portalApp.clientSecret);
  expect(text, what).not.toMatch(/eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{20,}/);
}

/** A refusal says why: JSON `{error, message}` or an HTML page with a heading. */
function expectClearMessage(response: APIResponse, body: string, what: string): void {
  const type = response.headers()['content-type'] ?? '';
  if (type.includes('json')) {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    expect(
      typeof parsed.message === 'string' && parsed.message.length >= 10 ? parsed.message : '',
      `${what}: message`,
    ).not.toBe('');
  } else {
    expect(body, `${what}: a page that says what happened`).toMatch(/<h1[^>]*>[^<]{3,}/);
  }
}

async function send(
  request: import('@playwright/test').APIRequestContext,
  c: BadRequest,
  index: number,
): Promise<APIResponse> {
  const headers: Record<string, string> = {
    // A distinct client per case: the rate limits count per IPv4 address and per IPv6 /64,
    // so each case gets its own /64 (2001:db8:<n>::/64), and this suite checks the handlers,
    // not the limiter (the test below checks that).
    'x-forwarded-for': `2001:db8:${index.toString(16)}::1`,
    ...(c.credential === 'admin' ? { cookie: adminCookie } : {}),
    ...c.headers,
  };
  return request.fetch(c.path, {
    method: c.method,
    headers,
    data: c.body,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

test('at least 200 hostile requests: 4xx with a message or the normal flow, never 5xx, no leak, no vault change', async ({
  request,
}) => {
  test.setTimeout(300_000);
  const cases = generateCases({
    customerId,
    ...(await forgeries()),
    portalOrigin: new URL(portalUrl).origin,
  });
  expect(cases.length).toBeGreaterThanOrEqual(200);
  const failures: string[] = [];
  for (const [index, c] of cases.entries()) {
    const what = `#${index} ${c.name}`;
    const response = await send(request, c, index + 1);
    const status = response.status();
    const body = await response.text();
    const location = response.headers().location;
    try {
      expect(status, `${what}: status`).toBeLessThan(500);
      if (c.expect === 'refused') {
        expect(status, `${what}: refused`).toBeGreaterThanOrEqual(400);
        // A 404 decided in a layout comes as Next's error shell, whose page is in the RSC
        // payload the browser renders: the message is then what `mustShow` names.
        if (!c.mustShow) expectClearMessage(response, body, what);
      }
      if (c.mustShow) expect(body, `${what}: shows`).toMatch(c.mustShow);
      if (c.redirectsTo)
        expect(location && new URL(location, portalUrl).href, `${what}: redirects home`).toBe(
          new URL(c.redirectsTo, portalUrl).href,
        );
      if (location)
        expect(
          new URL(location, portalUrl).origin === new URL(portalUrl).origin ||
            location.startsWith(new URL(readEntraAuthority()).origin),
          `${what}: redirect ${location}`,
        ).toBe(true);
      expect(Object.keys(response.headers()), `${what}: no injected header`).not.toContain('pwn');
      expect(response.headers()['set-cookie'] ?? '', `${what}: no injected cookie`).not.toContain(
        'pwn=',
      );
      expectNothingLeaks(body, what);
    } catch (error) {
      failures.push(
        `${what} -> ${status} ${location ?? ''} ${body.slice(0, 160).replace(/\s+/g, ' ')}\n   ${(error as Error).message.split('\n')[0]}`,
      );
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
  expect(await vaultSnapshot(), 'the vault is unchanged').toEqual(vaultBefore);
  // Still serving, and the Admin session still works.
  expect((await request.get('/api/health/live')).status()).toBe(200);
  expect(
    (await request.get('/api/customers?size=1', { headers: { cookie: adminCookie } })).status(),
  ).toBe(200);
  // Every audit event they caused was stored: one the database refused for its content (a NUL
  // from a hostile id once was) is lost, and leaves the database dependency degraded.
  const database = async () => {
    const response = await request.get('/api/health', {
      headers: { authorization: `Bearer ${e2eMonitorToken}` },
    });
    const report = (await response.json()) as {
      dependencies: { name: string; state: string; checkedAt: string; error: unknown }[];
    };
    return report.dependencies.find((d) => d.name === 'database');
  };
  const before = (await database())?.checkedAt;
  // A probe taken after the last request, not one cached from before.
  await expect
    .poll(async () => (await database())?.checkedAt, { timeout: 30_000 })
    .not.toBe(before);
  expect(await database()).toMatchObject({ state: 'ok', error: null });
});

test('every listed method is served; each route handler is reachable', async ({ request }) => {
  const served: [string, string][] = [
    ['GET', '/api/health/live'],
    ['GET', '/api/health/ready'],
    ['GET', '/api/customers'],
    ['GET', `/api/customers/${customerId}/users/export`],
    ['GET', '/api/auth/session'],
  ];
  for (const [method, path] of served) {
    const response = await request.fetch(path, {
      method,
      headers: { cookie: adminCookie },
      maxRedirects: 0,
    });
    expect(response.status(), `${method} ${path}`).toBe(200);
  }
});

test('rate limits: the 11th consent callback from one address in a minute is a 429 with Retry-After; other addresses are served', async ({
  request,
}) => {
  const from = (address: string) =>
    request.post('/api/consent/callback', {
      headers: { 'x-forwarded-for': address, 'content-type': 'application/x-www-form-urlencoded' },
      data: 'code=x&state=y',
      maxRedirects: 0,
    });
  const statuses: number[] = [];
  for (let i = 0; i < 11; i += 1) statuses.push((await from('192.0.2.77')).status());
  expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
  const limited = await from('192.0.2.77');
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(await limited.json()).toMatchObject({
    error: 'rate_limited',
    message: expect.stringMatching(/Wait \d+ seconds/),
  });
  expect((await from('192.0.2.78')).status()).toBe(303);

  // Sign-in start: a browser gets the 429 page; next-auth's signIn() gets a URL to the explanation.
  for (let i = 0; i < e2eSignInPerMinute; i += 1)
    await request.post('/api/auth/signin/azure-ad', {
      headers: { 'x-forwarded-for': '192.0.2.99' },
      maxRedirects: 0,
    });
  const page = await request.post('/api/auth/signin/azure-ad', {
    headers: { 'x-forwarded-for': '192.0.2.99', accept: 'text/html', 'sec-fetch-dest': 'document' },
    maxRedirects: 0,
  });
  expect(page.status()).toBe(429);
  expect(await page.text()).toContain('Too many attempts');
  const fetchCall = await request.post('/api/auth/signin/azure-ad', {
    headers: { 'x-forwarded-for': '192.0.2.99', 'x-auth-return-redirect': '1' },
    maxRedirects: 0,
  });
  expect(fetchCall.status()).toBe(429);
  expect(await fetchCall.json()).toMatchObject({ url: '/auth/error?error=RateLimited' });
  // next-auth v4's browser client sends no such header, only the fetch's Sec-Fetch-Dest.
  const browserFetch = await request.post('/api/auth/signin/azure-ad', {
    headers: { 'x-forwarded-for': '192.0.2.99', 'sec-fetch-dest': 'empty' },
    maxRedirects: 0,
  });
  expect(browserFetch.status()).toBe(429);
  expect(await browserFetch.json()).toMatchObject({ url: '/auth/error?error=RateLimited' });
});

test('keep-alive: an Admin from the portal runs it and gets a summary without token values', async ({
  request,
}) => {
  const response = await request.post('/api/tokens/keep-alive', {
    headers: { cookie: adminCookie, origin: new URL(portalUrl).origin },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    summary: { tenants: number };
    tenants: { tenantId: string; outcome: string }[];
  };
  expect(body.summary.tenants).toBeGreaterThan(0);
  expect(body.tenants.map((t) => t.outcome)).toEqual(expect.arrayContaining(['skipped']));
  expectNothingLeaks(JSON.stringify(body), 'keep-alive summary');
  expect(JSON.stringify(body)).not.toMatch(/1\.AEmu|refresh_token|access_token/);
});

/** The consent start may redirect to Entra: the emulator's login origin in this run. */
function readEntraAuthority(): string {
  return readE2eEndpoints().loginUrl;
}
