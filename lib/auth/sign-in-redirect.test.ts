import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import type { SessionStanding } from './session-read';
import type { PortalUser } from './user';

const config = unitTestConfig({ SESSION_IDLE_MINUTES: '45' });
vi.mock('@/lib/config', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getConfig: () => config,
}));

vi.mock('@/components/sign-in-button', () => ({ SignInButton: () => null }));

// The request's session as the reader would find it; the redirect a page would answer.
const session = vi.hoisted(() => ({ standing: { user: null, ended: null } as SessionStanding }));
vi.mock('./session-read', () => ({ readSessionStanding: async () => session.standing }));
vi.mock('./sessions', () => ({ defaultSessionRegistry: () => ({}) }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => [] }),
  headers: async () => new Headers({ 'x-portal-path': '/customers?search=contoso' }),
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { to });
  },
  forbidden: () => {
    throw new Error('NEXT_FORBIDDEN');
  },
}));

const { authorizeApi, requireUser } = await import('./session');

async function redirectOf(): Promise<URL> {
  const thrown = await requireUser().then(
    () => null,
    (error: { to?: string }) => error.to,
  );
  return new URL(thrown ?? 'about:blank', 'http://portal.test');
}

async function render(params: Record<string, string | string[]>): Promise<string> {
  const { default: SignInPage } = await import('@/app/auth/sign-in/page');
  return renderToStaticMarkup(await SignInPage({ searchParams: Promise.resolve(params) }));
}

describe('a page whose session was refused sends it to sign in saying why', () => {
  beforeEach(() => {
    session.standing = { user: null, ended: null };
  });

  it('carries the reason with the page to return to', async () => {
    session.standing = { user: null, ended: 'idle' };
    const to = await redirectOf();
    expect(to.pathname).toBe('/auth/sign-in');
    expect(to.searchParams.get('callbackUrl')).toBe('/customers?search=contoso');
    expect(to.searchParams.get('ended')).toBe('idle');
  });

  it('carries none for no session, or a refusal signing in does not explain', async () => {
    for (const ended of [null, 'malformed', 'other_portal'] as const) {
      session.standing = { user: null, ended };
      const to = await redirectOf();
      expect(to.searchParams.get('callbackUrl')).toBe('/customers?search=contoso');
      expect(to.searchParams.has('ended')).toBe(false);
    }
  });

  it('says why on the sign-in page, in the configuration’s numbers', async () => {
    const html = await render({ callbackUrl: '/customers', ended: 'idle' });
    expect(html).toContain('Session ended');
    expect(html).toContain('data-testid="session-ended"');
    expect(html).toContain('Your session ended after 45 minutes without use');
    expect(await render({ ended: 'unverifiable' })).toContain('its database is not answering');
  });

  it('says nothing of a session for a plain visit, or a reason it does not know', async () => {
    const visits: Record<string, string | string[]>[] = [
      {},
      { ended: 'hacked' },
      { ended: ['Your account <b>was</b> taken'] },
    ];
    for (const params of visits) {
      const html = await render(params);
      expect(html).toContain('Sign in to the Partner Portal');
      expect(html).not.toContain('Session ended');
      expect(html).not.toContain('session-ended');
      expect(html).not.toContain('hacked');
      expect(html).not.toContain('taken');
    }
  });
});

describe('a download link followed without a session signs in and returns to its page', () => {
  const navigation = (headers: Record<string, string> = { 'sec-fetch-mode': 'navigate' }) =>
    new Request('http://portal.test/api/customers/c-1/users/export?q=ad', { headers });
  const usersPage = '/customers/c-1/users?q=ad';

  it("sends a browser's navigation to sign in, saying why, back to the list", async () => {
    session.standing = { user: null, ended: 'idle' };
    const auth = await authorizeApi(['admin'], { request: navigation(), returnTo: usersPage });
    expect(auth.ok).toBe(false);
    if (auth.ok) return;
    expect(auth.response.status).toBe(303);
    const to = new URL(auth.response.headers.get('location')!, 'http://portal.test');
    expect(to.pathname).toBe('/auth/sign-in');
    expect(to.searchParams.get('callbackUrl')).toBe(usersPage);
    expect(to.searchParams.get('ended')).toBe('idle');
  });

  it('answers scripts, and routes that name no page, with the 401 JSON', async () => {
    session.standing = { user: null, ended: 'revoked' };
    for (const auth of [
      await authorizeApi(['admin'], { request: navigation({}), returnTo: usersPage }),
      await authorizeApi(['admin']),
    ]) {
      expect(auth.ok).toBe(false);
      if (auth.ok) continue;
      expect(auth.response.status).toBe(401);
      expect(await auth.response.json()).toEqual({
        error: 'unauthenticated',
        ended: 'revoked',
        message: expect.stringContaining('it was signed out'),
      });
    }
  });

  it('tells a script without a session, or with one it does not explain, only to sign in', async () => {
    for (const ended of [null, 'other_portal'] as const) {
      session.standing = { user: null, ended };
      const auth = await authorizeApi(['admin']);
      if (auth.ok) throw new Error('signed in');
      expect(auth.response.status).toBe(401);
      expect(await auth.response.json()).toEqual({
        error: 'unauthenticated',
        message: 'Sign in to use this endpoint.',
      });
    }
  });

  it('returns only to a page of the portal', async () => {
    const auth = await authorizeApi([], {
      request: navigation(),
      returnTo: 'https://evil.example/steal',
    });
    if (auth.ok) throw new Error('signed in');
    const to = new URL(auth.response.headers.get('location')!, 'http://portal.test');
    expect(to.searchParams.get('callbackUrl')).toBe('/');
  });

  it('lets the signed-in through, and keeps the 403 for a role that may not', async () => {
    const user: PortalUser = { tid: 't', oid: 'o', name: 'N', upn: 'n@x', roles: ['salesAgent'] };
    const credentialsAtMs = Date.now() - 60_000;
    session.standing = {
      user,
      ended: null,
      credentialsAtMs,
      signInTimeStated: true,
      sessionStartedAtMs: credentialsAtMs,
    };
    // With when the session signed in, for actions that ask for a recent sign-in.
    expect(
      await authorizeApi(['salesAgent'], { request: navigation(), returnTo: usersPage }),
    ).toEqual({ ok: true, user, credentialsAtMs });
    const refused = await authorizeApi(['admin'], { request: navigation(), returnTo: usersPage });
    expect(refused.ok ? 200 : refused.response.status).toBe(403);
  });
});
