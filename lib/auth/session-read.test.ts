import { getServerSession } from 'next-auth';
import { encode, type JWT } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { buildAuthOptions } from './options';
import { readSessionStanding, readSessionUser, type RequestCookies } from './session-read';
import { encodeSessionJwt } from './session-jwt';
import {
  createMemorySessionRegistry,
  SessionStandingUnknown,
  type SessionRegistry,
} from './session-registry';
import { beginSession, revokeSession, sessionAudience } from './sessions';

const signInAt = Date.UTC(2026, 10, 30, 8, 0, 0);
const plain = unitTestConfig({ SESSION_MAX_HOURS: '8', SESSION_IDLE_MINUTES: '60' });
const secure = unitTestConfig({
  PORTAL_PUBLIC_URL: 'https://portal.example.test',
  SESSION_MAX_HOURS: '8',
  SESSION_IDLE_MINUTES: '60',
});
const person = {
  sub: 'oid-1',
  tid: plain.entra.homeTenantId,
  oid: 'oid-1',
  name: 'Adele',
  upn: 'admin@contoso.test',
  roles: ['admin'],
  aud: sessionAudience(plain),
};
const cookieName = 'next-auth.session-token';

const jar = (cookies: Record<string, string>): RequestCookies => ({
  getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })),
});

/** What next-auth's own session route makes of the same cookies, options and registry. */
async function nextAuthUser(
  cookies: Record<string, string>,
  config: typeof plain,
  sessions: ReturnType<typeof createMemorySessionRegistry>,
) {
  const session = await getServerSession(
    { headers: {}, cookies } as never,
    { getHeader: () => undefined, setHeader: () => undefined } as never,
    buildAuthOptions(config, sessions),
  );
  return session?.user ?? null;
}

/** A session cookie as a sign-in at `signInAt` mints it, in a fresh registry. */
async function signedIn(claims: Partial<JWT> = {}) {
  const sessions = createMemorySessionRegistry();
  const lifetime = await beginSession(Date.now(), sessions);
  const token = { ...person, ...lifetime, ...claims };
  const value = await encodeSessionJwt({
    token,
    secret: plain.sessionSecret,
    maxAge: 8 * 3600,
  });
  return { sessions, token, value };
}

afterEach(() => vi.useRealTimers());

describe('readSessionUser: next-auth session route checks, without the route', () => {
  it('reads the signed-in user from the session cookie, as next-auth does', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const { sessions, value } = await signedIn();
    const cookies = { [cookieName]: value, unrelated: 'x' };
    const user = await readSessionUser(jar(cookies), plain, sessions);
    expect(user).toEqual({
      tid: person.tid,
      oid: 'oid-1',
      name: 'Adele',
      upn: 'admin@contoso.test',
      roles: ['admin'],
    });
    expect(await nextAuthUser(cookies, plain, sessions)).toEqual(user);
  });

  it("opens a cookie next-auth's own codec made, and one split into chunks", async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const { sessions, token } = await signedIn();
    const theirs = await encode({ token, secret: plain.sessionSecret, maxAge: 3600 });
    expect(await readSessionUser(jar({ [cookieName]: theirs }), plain, sessions)).toMatchObject({
      oid: 'oid-1',
    });
    // next-auth splits a cookie over 4 kB into `.0`, `.1`, …; the order of arrival does not matter.
    const cut = Math.floor(theirs.length / 2);
    const chunks = {
      [`${cookieName}.1`]: theirs.slice(cut),
      [`${cookieName}.0`]: theirs.slice(0, cut),
    };
    expect(await readSessionUser(jar(chunks), plain, sessions)).toMatchObject({ oid: 'oid-1' });
    expect(await nextAuthUser(chunks, plain, sessions)).toMatchObject({ oid: 'oid-1' });
  });

  it('on https reads only the __Secure- cookie, as next-auth sets it there', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const { sessions, value } = await signedIn({ aud: sessionAudience(secure) });
    expect(await readSessionUser(jar({ [cookieName]: value }), secure, sessions)).toBeNull();
    expect(
      await readSessionUser(jar({ [`__Secure-${cookieName}`]: value }), secure, sessions),
    ).toMatchObject({ oid: 'oid-1' });
    expect(
      await readSessionUser(jar({ [`__Secure-${cookieName}`]: value }), plain, sessions),
    ).toBeNull();
  });

  it('treats a forged, tampered, foreign or expired cookie as signed out, as next-auth does', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const { sessions, token, value } = await signedIn();
    const flipped = `${value.slice(0, -3)}${value.at(-3) === 'A' ? 'B' : 'A'}${value.slice(-2)}`;
    const foreign = await encodeSessionJwt({
      token,
      secret: `${plain.sessionSecret}-other`,
      maxAge: 3600,
    });
    const expired = await encodeSessionJwt({ token, secret: plain.sessionSecret, maxAge: -60 });
    for (const bad of ['', 'not-a-jwt', flipped, foreign, expired]) {
      const cookies = { [cookieName]: bad };
      expect(await readSessionUser(jar(cookies), plain, sessions), bad.slice(0, 20)).toBeNull();
      expect(await nextAuthUser(cookies, plain, sessions)).toBeNull();
    }
    expect(await readSessionUser(jar({}), plain, sessions)).toBeNull();
  });

  it('refuses a revoked, idle or outlived session, and claims no sign-in minted', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const revoked = await signedIn();
    await revokeSession(revoked.token, revoked.sessions);
    const revokedCookies = { [cookieName]: revoked.value };
    expect(await readSessionUser(jar(revokedCookies), plain, revoked.sessions)).toBeNull();
    expect(await nextAuthUser(revokedCookies, plain, revoked.sessions)).toBeNull();

    const noRoles = await signedIn({ roles: undefined });
    expect(
      await readSessionUser(jar({ [cookieName]: noRoles.value }), plain, noRoles.sessions),
    ).toBeNull();
    const noSid = await signedIn({ sid: undefined });
    expect(
      await readSessionUser(jar({ [cookieName]: noSid.value }), plain, noSid.sessions),
    ).toBeNull();

    const idle = await signedIn();
    const idleCookies = { [cookieName]: idle.value };
    vi.setSystemTime(signInAt + 61 * 60_000);
    expect(await readSessionUser(jar(idleCookies), plain, idle.sessions)).toBeNull();
    // Idle is for good: the same cookie stays refused, by either reader.
    expect(await nextAuthUser(idleCookies, plain, idle.sessions)).toBeNull();
  });

  it("refuses a session of a tenant that is no longer admitted, as next-auth's route does", async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const partner = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';
    const admitting = unitTestConfig({ PARTNER_TENANTS: partner });
    const { sessions, value } = await signedIn({ tid: partner });
    const cookies = { [cookieName]: value };
    expect(await readSessionUser(jar(cookies), admitting, sessions)).toMatchObject({
      tid: partner,
    });
    expect(await nextAuthUser(cookies, admitting, sessions)).toMatchObject({ tid: partner });
    // The operator removed the partner from PARTNER_TENANTS (and restarted): its sessions end.
    expect(await readSessionUser(jar(cookies), plain, sessions)).toBeNull();
    expect(await nextAuthUser(cookies, plain, sessions)).toBeNull();
  });

  it('refuses a session signed in to another deployment that shares AUTH_SECRET, or to none', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const staging = unitTestConfig({ PORTAL_PUBLIC_URL: 'http://localhost:3100' });
    expect(staging.sessionSecret).toBe(plain.sessionSecret);
    for (const aud of [sessionAudience(staging), undefined]) {
      const { sessions, token, value } = await signedIn({ aud });
      const signedInAt = sessions.lastUse(token.sid as string);
      vi.setSystemTime(Date.now() + 60_000);
      const cookies = { [cookieName]: value };
      expect(await readSessionUser(jar(cookies), plain, sessions)).toBeNull();
      expect(await nextAuthUser(cookies, plain, sessions)).toBeNull();
      // Refused before the lifetime check: it records no use in this deployment's registry.
      expect(sessions.lastUse(token.sid as string)).toBe(signedInAt);
    }
  });

  it('keeps a session in use until its absolute lifetime, then refuses it', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const { sessions, value } = await signedIn();
    const cookies = jar({ [cookieName]: value });
    for (let minutes = 50; minutes < 8 * 60; minutes += 50) {
      vi.setSystemTime(signInAt + minutes * 60_000);
      expect(await readSessionUser(cookies, plain, sessions)).not.toBeNull();
    }
    vi.setSystemTime(signInAt + 8 * 3600_000);
    expect(await readSessionUser(cookies, plain, sessions)).toBeNull();
  });
});

// A page sends a refused session to sign in saying why (lib/auth/session.ts, requireUser).
describe('readSessionStanding: why a session was refused', () => {
  const standing = async (
    cookieValue: string | null,
    sessions: SessionRegistry,
    config: typeof plain = plain,
  ) =>
    readSessionStanding(
      jar(cookieValue === null ? {} : { [cookieName]: cookieValue }),
      config,
      sessions,
    );

  it('names the refusal of each ended session, and gives the user of an open one', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const open = await signedIn();
    expect(await standing(open.value, open.sessions)).toMatchObject({
      user: { oid: 'oid-1' },
      ended: null,
      // When the sign-in happened, for actions that ask for a recent one (recent-sign-in.ts).
      credentialsAtMs: Math.floor(signInAt / 1000) * 1000,
    });

    await revokeSession(open.token, open.sessions);
    expect(await standing(open.value, open.sessions)).toEqual({ user: null, ended: 'revoked' });

    const idle = await signedIn();
    vi.setSystemTime(signInAt + 61 * 60_000);
    expect(await standing(idle.value, idle.sessions)).toEqual({ user: null, ended: 'idle' });
    // From then on it is a signed-out session (the sign-in page's words cover both).
    expect(await standing(idle.value, idle.sessions)).toEqual({ user: null, ended: 'revoked' });

    vi.setSystemTime(signInAt);
    const outlived = await signedIn();
    vi.setSystemTime(signInAt + 8 * 3600_000);
    expect(await standing(outlived.value, outlived.sessions)).toEqual({
      user: null,
      ended: 'expired',
    });
  });

  it('dates the sign-in by when Entra took the credentials, when it said so; else by the sign-in', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const unsaid = await signedIn();
    expect(await standing(unsaid.value, unsaid.sessions)).toMatchObject({
      credentialsAtMs: signInAt,
      signInTimeStated: false,
    });
    const sessions = createMemorySessionRegistry();
    const fresh = await beginSession(Date.now(), sessions, 4);
    const ssoOnly = await beginSession(Date.now(), sessions, 7_200);
    const read = async (lifetime: typeof fresh) =>
      standing(
        await encodeSessionJwt({
          token: { ...person, ...lifetime },
          secret: plain.sessionSecret,
          maxAge: 8 * 3600,
        }),
        sessions,
      );
    expect(await read(fresh)).toMatchObject({
      credentialsAtMs: signInAt - 4_000,
      signInTimeStated: true,
    });
    // Signed in a moment ago, on credentials two hours old: that is what a recent sign-in counts.
    expect(await read(ssoOnly)).toMatchObject({
      user: { oid: 'oid-1' },
      credentialsAtMs: signInAt - 7_200_000,
      signInTimeStated: true,
      sessionStartedAtMs: signInAt,
    });
  });

  it('says the session cannot be checked when the registry cannot rule out a sign-out', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const { value } = await signedIn();
    const unreachable: SessionRegistry = {
      touch: async () => null,
      isRevoked: async () => {
        throw new SessionStandingUnknown();
      },
      revoke: async () => false,
    };
    expect(await standing(value, unreachable)).toEqual({ user: null, ended: 'unverifiable' });
  });

  it("names a tenant no longer admitted, and another deployment's session as malformed", async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const partner = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';
    const dropped = await signedIn({ tid: partner });
    expect(await standing(dropped.value, dropped.sessions)).toEqual({
      user: null,
      ended: 'not_admitted',
    });
    const staging = unitTestConfig({ PORTAL_PUBLIC_URL: 'http://localhost:3100' });
    const other = await signedIn({ aud: sessionAudience(staging) });
    expect(await standing(other.value, other.sessions)).toEqual({
      user: null,
      ended: 'other_portal',
    });
    const noRoles = await signedIn({ roles: undefined });
    expect(await standing(noRoles.value, noRoles.sessions)).toEqual({
      user: null,
      ended: 'malformed',
    });
  });

  it('tells nothing about no cookie, or one it cannot open', async () => {
    vi.useFakeTimers({ now: signInAt, toFake: ['Date'] });
    const { sessions, token } = await signedIn();
    const foreign = await encodeSessionJwt({
      token,
      secret: `${plain.sessionSecret}-other`,
      maxAge: 3600,
    });
    for (const cookie of [null, 'not-a-jwt', foreign])
      expect(await standing(cookie, sessions)).toEqual({ user: null, ended: null });
  });
});
