import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JWT } from 'next-auth/jwt';
import { unitTestConfig } from '@/test/support/unit-config';
import { buildAuthOptions } from './options';
import { providerId, signInRedirectUri } from './provider';
import { createMemorySessionRegistry } from './session-registry';
import { revokeSession, SessionEnded } from './sessions';

const config = unitTestConfig({
  SESSION_MAX_HOURS: '8',
  SESSION_IDLE_MINUTES: '60',
  PARTNER_TENANTS: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22',
});
const sessions = createMemorySessionRegistry();
const options = buildAuthOptions(config, sessions);
const user = {
  id: 'oid-1',
  tid: config.entra.homeTenantId,
  oid: 'oid-1',
  name: 'Adele',
  upn: 'admin@contoso.test',
  roles: ['admin'],
  mfa: true,
};
const signInAt = Date.UTC(2026, 10, 30, 8, 0, 0);

type JwtArgs = Parameters<NonNullable<NonNullable<typeof options.callbacks>['jwt']>>[0];
const jwt = (args: Partial<JwtArgs>) =>
  options.callbacks!.jwt!({ token: {} as JWT, account: null, ...args } as JwtArgs);

afterEach(() => vi.useRealTimers());

describe('next-auth options: the session lifecycle', () => {
  it('a sign-in writes identity, roles and the lifetime; nothing else', async () => {
    vi.useFakeTimers({ now: signInAt });
    const token = await jwt({ user: user as never, trigger: 'signIn' });
    expect(Object.keys(token).sort()).toEqual([
      'aud',
      'authTime',
      'name',
      'oid',
      'roles',
      'sid',
      'sub',
      'tid',
      'upn',
    ]);
    expect(token.authTime).toBe(signInAt / 1000);
    expect(options.session?.maxAge).toBe(8 * 3600);
    expect(options.jwt?.maxAge).toBe(8 * 3600);
  });

  it("a sign-in whose id_token said when Entra took the credentials keeps that time, on the portal's clock", async () => {
    vi.useFakeTimers({ now: signInAt });
    // Entra let the person in on credentials taken 2 h before (single sign-on, prompt=login
    // dropped on the way): `iat` − `auth_time` = 7,200 s, whatever Entra's clock says.
    const token = await jwt({
      user: { ...user, credentialsAgeSeconds: 7_200 } as never,
      trigger: 'signIn',
    });
    expect(token.authTime).toBe(signInAt / 1000);
    expect(token.credentialsAt).toBe(signInAt / 1000 - 7_200);
    // Entra said nothing (no optional claim): nothing is written, the sign-in time stands.
    const unsaid = await jwt({ user: { ...user, credentialsAgeSeconds: null } as never });
    expect(unsaid).not.toHaveProperty('credentialsAt');
  });

  it('reading or updating the session never changes roles or extends the lifetime', async () => {
    vi.useFakeTimers({ now: signInAt });
    const token = await jwt({ user: user as never, trigger: 'signIn' });
    vi.setSystemTime(signInAt + 30 * 60_000);
    const updated = await jwt({
      token,
      trigger: 'update',
      session: {
        roles: ['admin', 'ops'],
        authTime: Date.now() / 1000,
        credentialsAt: Date.now() / 1000,
      },
    });
    expect(updated).toEqual(token);
  });

  it('refuses the session after its absolute lifetime, even when used all along', async () => {
    vi.useFakeTimers({ now: signInAt });
    const token = await jwt({ user: user as never, trigger: 'signIn' });
    for (let minutes = 50; minutes < 8 * 60; minutes += 50) {
      vi.setSystemTime(signInAt + minutes * 60_000);
      await expect(jwt({ token })).resolves.toBe(token);
    }
    vi.setSystemTime(signInAt + 8 * 3600_000);
    await expect(jwt({ token })).rejects.toBeInstanceOf(SessionEnded);
  });

  it('refuses an idle session, and keeps refusing it', async () => {
    vi.useFakeTimers({ now: signInAt });
    const token = await jwt({ user: user as never, trigger: 'signIn' });
    vi.setSystemTime(signInAt + 61 * 60_000);
    await expect(jwt({ token })).rejects.toMatchObject({ verdict: 'idle' });
    vi.setSystemTime(signInAt + 62 * 60_000);
    await expect(jwt({ token })).rejects.toMatchObject({ verdict: 'revoked' });
  });

  it('refuses a revoked session and a token no sign-in minted', async () => {
    vi.useFakeTimers({ now: signInAt });
    const token = await jwt({ user: user as never, trigger: 'signIn' });
    await revokeSession(token, sessions);
    await expect(jwt({ token })).rejects.toMatchObject({ verdict: 'revoked' });
    // This deployment's and an admitted tenant's, but without the lifetime a sign-in writes.
    const aud = new URL(config.publicUrl).origin;
    await expect(
      jwt({ token: { tid: user.tid, oid: 'x', roles: ['admin'], aud } as JWT }),
    ).rejects.toMatchObject({ verdict: 'malformed' });
  });

  it('a sign-in from a tenant that is not admitted gets no session', async () => {
    const decision = await options.callbacks!.signIn!({
      user: { ...user, tid: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9' } as never,
      account: null,
    });
    expect(decision).toBe('/auth/not-enrolled?tenant=5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9');
    expect(
      await options.callbacks!.signIn!({
        user: { ...user, tid: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22' } as never,
        account: null,
      }),
    ).toBe(true);
  });

  it('redirects stay on the portal whatever next-auth is handed', async () => {
    const redirect = (url: string) =>
      options.callbacks!.redirect!({ url, baseUrl: 'http://localhost:3000' });
    expect(await redirect('/health')).toBe('http://localhost:3000/health');
    expect(await redirect('http://localhost:3000.evil.com/')).toBe('http://localhost:3000/');
    expect(await redirect('http://a:b')).toBe('http://localhost:3000/');
  });
});

// next-auth's own reading of NEXTAUTH_URL, from which it builds every callback address (not in
// its package's exports, so loaded from its folder).
const require = createRequire(import.meta.url);
const { default: nextAuthParseUrl } = require(
  path.join(path.dirname(require.resolve('next-auth')), 'utils', 'parse-url.js'),
) as { default: (url?: string) => { base: string } };

describe('next-auth options: one public address', () => {
  // With NEXTAUTH_URL left at an instance's own address beside PORTAL_PUBLIC_URL, next-auth sent
  // Entra one redirect_uri and the code exchange another, which Entra refuses: no sign-in.
  it("gives next-auth the configuration's public address, the one the code exchange sends", () => {
    const before = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = 'http://localhost:3300';
    try {
      // Written as people write it: next-auth keeps only the origin of it.
      const own = unitTestConfig({ PORTAL_PUBLIC_URL: 'https://Portal.Contoso.test:443/' });
      buildAuthOptions(own, createMemorySessionRegistry());
      const nextAuthBase = nextAuthParseUrl(process.env.NEXTAUTH_URL).base;
      expect(`${nextAuthBase}/callback/${providerId}`).toBe(signInRedirectUri(own));
      expect(signInRedirectUri(own)).toBe('https://portal.contoso.test/api/auth/callback/azure-ad');
    } finally {
      if (before === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = before;
    }
  });
});
