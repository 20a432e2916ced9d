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
      expect(revoked.revokeSession).toHaveBeenCalledWith(expect.objectContaining(lifetime));
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

describe('POST bodies to /api/auth/*', () => {
  const callback = 'http://localhost:3000/api/auth/callback/azure-ad';
  const params = { params: Promise.resolve({ nextauth: ['callback', 'azure-ad'] }) };
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  /** A body sent in chunks with no Content-Length (what the proxy cannot see), counting reads. */
  function chunked(chunks: number, chunkBytes: number) {
    const pulled = { count: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.count === chunks) return controller.close();
        pulled.count += 1;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
      },
    });
    return { body, pulled };
  }
  const post = (body: BodyInit) =>
    new Request(callback, { method: 'POST', headers: form, body, duplex: 'half' } as RequestInit);

  it('refuses a streamed body over 64 KiB with the 413 other routes give, reading no further', async () => {
    const { body, pulled } = chunked(1024, 1024); // 1 MiB, no Content-Length
    const request = post(body);
    expect(request.headers.get('content-length')).toBeNull();
    const response = await handleAuthRequest(request, params);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'payload_too_large' });
    expect(nextAuth.handler).not.toHaveBeenCalled();
    // Stopped just past the limit: 65 chunks of 1 KiB, not the megabyte.
    expect(pulled.count).toBeLessThanOrEqual(66);
  });

  it('hands next-auth a streamed body within the limit, read once', async () => {
    const { body } = chunked(4, 1024);
    await handleAuthRequest(post(body), params);
    expect(nextAuth.handler).toHaveBeenCalledOnce();
    const [given] = nextAuth.handler.mock.calls[0] as unknown as [Request];
    expect(given.method).toBe('POST');
    expect(given.headers.get('content-type')).toBe(form['content-type']);
    expect(await given.text()).toBe('a'.repeat(4096));
  });

  it("still names Entra's refusal from its error form_post on the error page", async () => {
    nextAuth.handler.mockResolvedValueOnce(
      new Response(null, { status: 302, headers: { location: '/api/auth/error?error=Callback' } }),
    );
    const response = await handleAuthRequest(
      post(
        new URLSearchParams({
          error: 'access_denied',
          error_description:
            'AADSTS50105: not assigned. Correlation ID: 0f8fad5b-d9cb-469f-a165-70867728950e',
        }).toString(),
      ),
      params,
    );
    expect(response.headers.get('location')).toBe(
      '/auth/error?error=Callback&aadsts=50105&cid=0f8fad5b-d9cb-469f-a165-70867728950e',
    );
  });
});

describe('a sign-in that replaces an open session', () => {
  const start = { params: Promise.resolve({ nextauth: ['signin', 'azure-ad'] }) };
  const callback = { params: Promise.resolve({ nextauth: ['callback', 'azure-ad'] }) };
  const noteName = 'portal.replaced-session';
  const openSession = () =>
    encodeSessionJwt({
      token: { sub: 'oid-1', tid: config.entra.homeTenantId, oid: 'oid-1', ...lifetime },
      secret: config.sessionSecret,
      maxAge: 3600,
    });
  /**
   * next-auth's answer to the callback: a redirect that sets the session cookie to `value` and
   * deletes the flow's check cookies (`Max-Age=0`, as next-auth/core/lib/oauth/checks.js does).
   */
  const signedIn = (value: string) => {
    const headers = new Headers({ location: '/onboarding/result' });
    headers.append('set-cookie', 'next-auth.state=; Path=/api/auth; Max-Age=0; HttpOnly; Secure');
    headers.append('set-cookie', `${cookieName}=${value}; Path=/; HttpOnly; SameSite=Lax`);
    return new Response(null, { status: 302, headers });
  };
  const post = (path: string, cookie: string | null, body?: string) =>
    new Request(`http://localhost:3000/api/auth/${path}`, {
      method: 'POST',
      headers: cookie ? { cookie } : {},
      body: body ?? (path.startsWith('callback') ? 'code=c&state=s' : 'csrfToken=t&json=true'),
    });
  const setCookie = (response: Response, name: string) =>
    response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

  /**
   * The sign-in's start (same-origin: the session cookie comes along); the note it sets.
   * next-auth starts it by setting its state cookie; `started: false`, it refused (its CSRF check).
   */
  async function startSignIn(session: string | null, started = true): Promise<string | undefined> {
    nextAuth.handler.mockResolvedValueOnce(
      Response.json(
        { url: 'https://login.example/authorize' },
        started
          ? { headers: { 'set-cookie': 'next-auth.state=sealed; Path=/api/auth; Max-Age=900' } }
          : {},
      ),
    );
    const response = await handleAuthRequest(
      post('signin/azure-ad', session && `${cookieName}=${session}`),
      start,
    );
    expect(await response.json()).toEqual({ url: 'https://login.example/authorize' });
    return setCookie(response, noteName);
  }

  /** Entra's callback (cross-site: only the note comes along), answered by next-auth with `answer`. */
  async function callBack(note: string | undefined, answer: Response): Promise<Response> {
    nextAuth.handler.mockResolvedValueOnce(answer);
    return handleAuthRequest(post('callback/azure-ad', note?.split(';')[0] ?? null), callback);
  }

  it("notes the open session at the start, scoped to the callback, and ends it when Entra's callback starts a new one", async () => {
    const note = await startSignIn(await openSession());
    expect(note).toMatch(/; Path=\/api\/auth\/callback; .*HttpOnly/i);
    expect(note).toMatch(/SameSite=none/i);
    expect(note).toMatch(/Secure/);
    // Neither the session id nor the session cookie itself is in the note.
    expect(note).not.toContain(lifetime.sid);
    const response = await callBack(note, signedIn('the-new-session'));
    expect(response.status).toBe(302);
    expect(setCookie(response, cookieName)).toContain('the-new-session');
    expect(revoked.revokeSession).toHaveBeenCalledOnce();
    expect(revoked.revokeSession.mock.calls[0]?.[0]).toMatchObject({
      sid: lifetime.sid,
      authTime: lifetime.authTime,
    });
    // The note is cleared, and next-auth's own deletions stay deletions.
    expect(setCookie(response, noteName)).toMatch(/^portal\.replaced-session=;.*Max-Age=0/i);
    expect(setCookie(response, 'next-auth.state')).toMatch(/^next-auth\.state=;.*Max-Age=0/);
  });

  it('ends it too when the portal refuses the new sign-in: Entra no longer gives the role', async () => {
    const note = await startSignIn(await openSession());
    await callBack(
      note,
      // next-auth redirects to the path the signIn callback returned, as given (relative).
      new Response(null, { status: 302, headers: { location: '/auth/no-access?account=sealed' } }),
    );
    expect(revoked.revokeSession).toHaveBeenCalledOnce();
    expect(revoked.revokeSession.mock.calls[0]?.[0]).toMatchObject({ sid: lifetime.sid });
  });

  it('ends nothing when Entra posts an error: anyone can post one', async () => {
    const note = await startSignIn(await openSession());
    nextAuth.handler.mockResolvedValueOnce(
      new Response(null, { status: 302, headers: { location: '/api/auth/error?error=Callback' } }),
    );
    const error = new URLSearchParams({
      error: 'access_denied',
      error_description:
        'AADSTS50105: not assigned. Correlation ID: 0f8fad5b-d9cb-469f-a165-70867728950e',
    });
    const response = await handleAuthRequest(
      post('callback/azure-ad', note!.split(';')[0]!, error.toString()),
      callback,
    );
    expect(response.headers.get('location')).toMatch(/^\/auth\/error\?.*aadsts=50105/);
    expect(revoked.revokeSession).not.toHaveBeenCalled();
    expect(setCookie(response, noteName)).toMatch(/Max-Age=0/i);
  });

  it('notes nothing without an open session or a started sign-in, and ends nothing without a note it can open', async () => {
    expect(await startSignIn(null)).toBeUndefined();
    expect(await startSignIn(await openSession(), false)).toBeUndefined();
    expect(await startSignIn('not-a-session')).toBeUndefined();
    await callBack(undefined, signedIn('the-new-session'));
    await callBack(`${noteName}=forged`, signedIn('the-new-session'));
    // The session cookie itself is no note: another key opens notes.
    await callBack(`${noteName}=${await openSession()}`, signedIn('the-new-session'));
    expect(revoked.revokeSession).not.toHaveBeenCalled();
  });

  it("leaves the session alone when next-auth's session endpoint re-issues its cookie", async () => {
    nextAuth.handler.mockResolvedValueOnce(signedIn('the-same-session-re-encoded'));
    const request = new Request('http://localhost:3000/api/auth/session', {
      headers: { cookie: `${cookieName}=${await openSession()}` },
    });
    const response = await handleAuthRequest(request, {
      params: Promise.resolve({ nextauth: ['session'] }),
    });
    expect(revoked.revokeSession).not.toHaveBeenCalled();
    expect(setCookie(response, noteName)).toBeUndefined();
  });

  it('still signs in when the replaced session cannot be revoked', async () => {
    const note = await startSignIn(await openSession());
    revoked.revokeSession.mockRejectedValueOnce(new Error('database away'));
    const response = await callBack(note, signedIn('the-new-session'));
    expect(response.status).toBe(302);
    expect(setCookie(response, cookieName)).toContain('the-new-session');
  });
});
