import { hkdfSync } from 'node:crypto';
import { EncryptJWT } from 'jose';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';

const config = unitTestConfig({ SESSION_MAX_HOURS: '8', SESSION_IDLE_MINUTES: '60' });
vi.mock('@/lib/config', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getConfig: () => config,
}));

const revoked = vi.hoisted(() => ({ revokeSession: vi.fn() }));
vi.mock('./sessions', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  revokeSession: revoked.revokeSession,
}));

// What next-auth 4 answers `GET /api/auth/signout` when `pages.signOut` is set
// (next-auth/core/index.js, `case "signout"`): a redirect to that page, the session untouched.
const nextAuth = vi.hoisted(() => ({
  handler: vi.fn(
    async () => new Response(null, { status: 302, headers: { location: '/auth/signed-out' } }),
  ),
}));
vi.mock('next-auth', () => ({ default: nextAuth.handler }));

const { handleAuthRequest } = await import('./sign-in-route');
const { encodeSessionJwt } = await import('./session-jwt');

const cookieName = 'next-auth.session-token';
const lifetime = { sid: 'sid-of-a-live-session-0123', authTime: Math.floor(Date.now() / 1000) };

async function signOutAddress(site: 'none' | 'same-origin' | 'cross-site') {
  const cookie = await encodeSessionJwt({
    token: {
      sub: 'oid-1',
      tid: config.entra.homeTenantId,
      oid: 'oid-1',
      roles: ['admin'],
      ...lifetime,
    },
    secret: config.sessionSecret,
    maxAge: 3600,
  });
  const request = new Request('http://localhost:3000/api/auth/signout', {
    headers: { cookie: `${cookieName}=${cookie}`, 'sec-fetch-site': site },
  });
  return handleAuthRequest(request, { params: Promise.resolve({ nextauth: ['signout'] }) });
}

beforeEach(() => {
  vi.clearAllMocks();
  revoked.revokeSession.mockResolvedValue('everywhere');
});

describe('GET /api/auth/signout', () => {
  it('typed into the address bar, or from a portal page, really ends the session', async () => {
    for (const site of ['none', 'same-origin'] as const) {
      revoked.revokeSession.mockClear();
      const response = await signOutAddress(site);
      expect(revoked.revokeSession).toHaveBeenCalledWith(expect.objectContaining(lifetime), config);
      expect(new URL(response.headers.get('location')!).pathname).toBe('/auth/signed-out');
      expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${cookieName}=;`));
    }
    expect(nextAuth.handler).not.toHaveBeenCalled();
  });

  it('from another site ends nothing and never lands on "You are signed out"', async () => {
    const response = await signOutAddress('cross-site');
    expect(revoked.revokeSession).not.toHaveBeenCalled();
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
  });

  it('opens the cookie with the portal codec only: no PBES2 (10,000 PBKDF2 rounds a request)', async () => {
    // next-auth's own decoder (jose 4) accepts any key-management algorithm, PBES2 too, with
    // the derived key as its password: a forged cookie costs ~4 ms of CPU before it fails.
    const key = new Uint8Array(
      hkdfSync('sha256', config.sessionSecret, '', 'NextAuth.js Generated Encryption Key', 32),
    );
    const cookie = await new EncryptJWT({ sub: 'oid-1', ...lifetime })
      .setProtectedHeader({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM' })
      .setKeyManagementParameters({ p2c: 10_000 })
      .setExpirationTime('1h')
      .encrypt(key);
    const request = new Request('http://localhost:3000/api/auth/signout', {
      headers: { cookie: `${cookieName}=${cookie}`, 'sec-fetch-site': 'same-origin' },
    });
    await handleAuthRequest(request, { params: Promise.resolve({ nextauth: ['signout'] }) });
    expect(revoked.revokeSession).not.toHaveBeenCalled();
  });

  it('from a browser that does not say where it came from, ends nothing and offers the button', async () => {
    const request = new Request('http://localhost:3000/api/auth/signout', {
      headers: { cookie: `${cookieName}=anything` },
    });
    const response = await handleAuthRequest(request, {
      params: Promise.resolve({ nextauth: ['signout'] }),
    });
    expect(revoked.revokeSession).not.toHaveBeenCalled();
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!).pathname).toBe('/auth/signed-out');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('leaves every other next-auth endpoint to next-auth', async () => {
    const request = new Request('http://localhost:3000/api/auth/session');
    await handleAuthRequest(request, { params: Promise.resolve({ nextauth: ['session'] }) });
    expect(nextAuth.handler).toHaveBeenCalledOnce();
  });
});
