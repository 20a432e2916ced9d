import { expect, test } from '@playwright/test';
import { decode } from 'next-auth/jwt';
import { readE2eAuthSecret, signIn } from './support/fixtures';

/** A signed JWT (header.payload.signature, both JSON: `eyJ`), e.g. an id or access token. */
const jwsPattern = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/;
/** The emulator's opaque refresh tokens and authorization codes (emulator/src/entra/store.ts). */
const opaquePattern = /1\.AEmu(Code)?\./;
const pages = [
  '/',
  '/onboarding',
  '/customers',
  '/health',
  '/auth/sign-in',
  '/auth/mfa-required',
  '/auth/no-access',
  '/auth/error',
  '/no-such-page',
];

test('the session cookie and the HTML of every page carry no token', async ({ page, context }) => {
  await signIn(page, 'admin@contosopartner.onmicrosoft.com');
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'next-auth.session-token');
  expect(session, 'session cookie').toBeDefined();
  expect(session?.httpOnly).toBe(true);
  // The cookie is an encrypted JWE (5 parts), not a signed token someone could replay elsewhere.
  expect(session?.value.split('.')).toHaveLength(5);
  for (const cookie of cookies) {
    expect(cookie.value, cookie.name).not.toMatch(jwsPattern);
    expect(cookie.value, cookie.name).not.toMatch(opaquePattern);
  }
  const claims = await decode({ token: session?.value, secret: readE2eAuthSecret() });
  expect(claims).not.toBeNull();
  const { tid, oid, upn, roles } = claims ?? {};
  expect({ tid, oid, upn, roles }).toEqual({
    tid: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
    oid: 'a1000000-0000-4000-8000-000000000001',
    upn: 'admin@contosopartner.onmicrosoft.com',
    roles: ['admin'],
  });
  // Identity, roles and the session's lifetime (a random id, the sign-in time and when Entra
  // took the credentials, from the id_token's auth_time), nothing else.
  const allowedKeys = [
    'sub',
    'tid',
    'oid',
    'name',
    'upn',
    'roles',
    'sid',
    'authTime',
    'credentialsAt',
    // The deployment the session was signed in to (its public origin).
    'aud',
    'iat',
    'exp',
    'jti',
  ];
  expect(Object.keys(claims ?? {}).filter((k) => !allowedKeys.includes(k))).toEqual([]);
  expect(JSON.stringify(claims)).not.toMatch(jwsPattern);
  expect(JSON.stringify(claims)).not.toMatch(opaquePattern);

  for (const path of pages) {
    const response = await page.goto(path);
    const html = (await response?.text()) ?? '';
    expect(html.length, path).toBeGreaterThan(100);
    expect(html, path).not.toMatch(jwsPattern);
    expect(html, path).not.toMatch(opaquePattern);
    expect(html, path).not.toMatch(/access_token|refresh_token|id_token/);
  }
  const sessionJson = await (await page.request.get('/api/auth/session')).text();
  expect(sessionJson).toContain('admin@contosopartner.onmicrosoft.com');
  expect(sessionJson).not.toMatch(jwsPattern);
  expect(sessionJson).not.toMatch(/token/i);
});
