import { expect, test } from '@playwright/test';
import { signIn } from './support/fixtures';
import {
  contosoAdmin,
  expectSecurityHeaders,
  nonceOf,
  watchCspViolations,
} from './security-helpers';
import { connectPartnerCenter } from './support/onboarding';

const signedOutPages = [
  '/',
  '/auth/sign-in',
  '/auth/error',
  '/auth/mfa-required',
  '/auth/no-access',
  '/no-such-page',
];
const signedInPages = ['/', '/onboarding', '/customers', '/health', '/auth/error', '/no-such-page'];
const apiRoutes: { method: 'GET' | 'POST'; path: string }[] = [
  { method: 'GET', path: '/api/health/live' },
  { method: 'GET', path: '/api/health/ready' },
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/customers' },
  { method: 'GET', path: '/api/customers/x/users/export' },
  { method: 'GET', path: '/api/consent/start' },
  { method: 'POST', path: '/api/consent/callback' },
  { method: 'POST', path: '/api/consent/disconnect' },
  { method: 'POST', path: '/api/tokens/keep-alive' },
  { method: 'GET', path: '/api/auth/session' },
  { method: 'GET', path: '/api/auth/csrf' },
  { method: 'POST', path: '/auth/sign-out' },
];

test('every page and API route carries the security headers', async ({ request }) => {
  for (const path of signedOutPages) {
    const response = await request.get(path, { maxRedirects: 0 });
    expectSecurityHeaders(response.headers(), `GET ${path}`);
  }
  for (const { method, path } of apiRoutes) {
    const response = await request.fetch(path, { method, maxRedirects: 0 });
    expect(response.status(), `${method} ${path}`).toBeLessThan(500);
    expectSecurityHeaders(response.headers(), `${method} ${path}`);
  }
  // A redirect of the proxy itself (signed-out visitor of a protected page) too.
  const redirect = await request.get('/customers', { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect.headers(), 'proxy redirect');
  // Paths that only resemble the static files the proxy skips still go through it.
  for (const path of ['/robots.txtX', '/icon.svg/x', '/faviconXico']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
    expectSecurityHeaders(response.headers(), `GET ${path}`);
  }
});

test("robots.txt keeps search engines out of every page, and so do the static files' headers", async ({
  request,
}) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  for (const path of ['/robots.txt', '/icon.svg']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['x-robots-tag'], path).toBe('noindex, nofollow');
  }
});

test("the CSP nonce is fresh per request and is the one on the page's scripts", async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 5; i += 1) {
    const response = await request.get('/auth/sign-in');
    const nonce = nonceOf(response.headers()['content-security-policy']);
    expect(nonce).toBeDefined();
    nonces.add(nonce ?? '');
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(5);
});

test('no page reports a CSP violation, signed out and signed in, and the app still works', async ({
  page,
}) => {
  const violations = await watchCspViolations(page);
  for (const path of signedOutPages) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  await connectPartnerCenter(page, contosoAdmin, { ifNeeded: true });
  const customers = (await (await page.request.get('/api/customers?size=1')).json()) as {
    items: { id: string }[];
  };
  const customer = customers.items[0]?.id ?? 'none';
  for (const path of [...signedInPages, `/customers/${customer}`, `/customers/${customer}/users`]) {
    const response = await page.goto(path);
    expectSecurityHeaders(response?.headers() ?? {}, path);
    await page.waitForLoadState('networkidle');
  }
  // Hydration ran (a client component reacts): the sign-out button is interactive and works.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/auth/signed-out');
  expect(await violations()).toEqual([]);
});

test('cookies: session HttpOnly + SameSite=Lax (not Secure over http); consent cookie HttpOnly, Secure, SameSite=None, consent path only', async ({
  page,
  context,
}) => {
  await signIn(page, contosoAdmin);
  const session = (await context.cookies()).find((c) => c.name === 'next-auth.session-token');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
  // http here; over https next-auth uses the __Secure- prefix with Secure (useSecureCookies follows PORTAL_PUBLIC_URL).
  expect((await context.cookies()).some((c) => c.name.startsWith('__Secure-'))).toBe(false);

  const start = await page.request.get('/api/consent/start', { maxRedirects: 0 });
  expect(start.status()).toBe(302);
  const setCookie = start
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value)
    .find((v) => v.startsWith('pp-consent='));
  expect(setCookie).toBeDefined();
  const attributes = (setCookie ?? '').split(';').map((a) => a.trim().toLowerCase());
  expect(attributes).toEqual(
    expect.arrayContaining(['httponly', 'secure', 'samesite=none', 'path=/api/consent']),
  );
});
