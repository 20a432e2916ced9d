import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import {
  confirmSignInWords,
  isRecentSignIn,
  recentSignInWindow,
  signInAgainWords,
} from './recent-sign-in';
import type { SessionStanding } from './session-read';
import type { PortalUser } from './user';

const config = unitTestConfig({ SESSION_RECENT_SIGN_IN_SECONDS: '600' });
vi.mock('@/lib/config', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getConfig: () => config,
}));

vi.mock('@/components/sign-in-button', () => ({
  SignInButton: ({ label }: { label?: string }) => `[button: ${label ?? 'Sign in with Microsoft'}]`,
}));

// The request's session as the reader would find it; the redirect a page would answer.
const session = vi.hoisted(() => ({ standing: { user: null, ended: null } as SessionStanding }));
vi.mock('./session-read', () => ({ readSessionStanding: async () => session.standing }));
vi.mock('./sessions', () => ({ defaultSessionRegistry: () => ({}) }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => [] }),
  headers: async () => new Headers({ 'x-portal-path': '/settings/alerts' }),
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { to });
  },
  forbidden: () => {
    throw new Error('NEXT_FORBIDDEN');
  },
}));

const { recentSignInRefusal, requireRecentSignIn, signInAgainNoteWords } =
  await import('./session');

const admin: PortalUser = {
  tid: 't',
  oid: 'o',
  name: 'Ada Admin',
  upn: 'admin@contoso.onmicrosoft.com',
  roles: ['admin'],
};
const minute = 60_000;
/**
 * The session's sign-in `ms` ago, as the reader finds it (on credentials `credentialsMs` old:
 * the same, unless Entra signed the person in without asking for them); returns when Entra
 * last took the credentials.
 */
const signedInAgo = (ms: number, credentialsMs = ms) => {
  const credentialsAtMs = Date.now() - credentialsMs;
  session.standing = {
    user: admin,
    ended: null,
    credentialsAtMs,
    signInTimeStated: true,
    sessionStartedAtMs: Date.now() - ms,
  };
  return credentialsAtMs;
};
const twoHours = 2 * 60 * minute;

/** Where a call that redirects (as `redirect()` throws) sent the browser, or null. */
async function redirectOf(call: Promise<unknown>): Promise<URL | null> {
  const to = await call.then(
    () => null,
    (error: { to?: string }) => error.to ?? null,
  );
  return to === null ? null : new URL(to, 'http://portal.test');
}

async function renderSignIn(params: Record<string, string>): Promise<string> {
  const { default: SignInPage } = await import('@/app/auth/sign-in/page');
  return renderToStaticMarkup(await SignInPage({ searchParams: Promise.resolve(params) }));
}

describe('a recent sign-in', () => {
  it('is younger than the configured window, never at its end', () => {
    const at = Date.parse('2026-12-04T10:00:00Z');
    expect(isRecentSignIn(at, at + 10 * minute - 1, config)).toBe(true);
    expect(isRecentSignIn(at, at + 10 * minute, config)).toBe(false);
  });

  it('names the window in the units it was given', () => {
    const window = (seconds: number) =>
      recentSignInWindow(unitTestConfig({ SESSION_RECENT_SIGN_IN_SECONDS: String(seconds) }));
    expect(window(900)).toBe('15 minutes');
    expect(window(3600)).toBe('1 hour');
    expect(window(60)).toBe('1 minute');
    expect(window(90)).toBe('90 seconds');
    // The default, and the bounds: a window is at least 10 s and at most the longest session.
    expect(unitTestConfig().session.recentSignInSeconds).toBe(900);
    expect(() => unitTestConfig({ SESSION_RECENT_SIGN_IN_SECONDS: '5' })).toThrow(
      /SESSION_RECENT_SIGN_IN_SECONDS/,
    );
    expect(() => unitTestConfig({ SESSION_RECENT_SIGN_IN_SECONDS: '90000' })).toThrow(
      /SESSION_RECENT_SIGN_IN_SECONDS/,
    );
  });
});

describe('a sensitive action from a session signed in too long ago', () => {
  beforeEach(() => {
    signedInAgo(twoHours);
  });

  it("sends a browser's form post to sign in again, back to the action's page", async () => {
    const post = new Request('http://portal.test/api/consent/disconnect', {
      method: 'POST',
      headers: { 'sec-fetch-mode': 'navigate' },
    });
    const refusal = recentSignInRefusal(post, 'disconnect', signedInAgo(twoHours));
    expect(refusal?.status).toBe(303);
    const to = new URL(refusal!.headers.get('location')!);
    expect(to.origin).toBe('http://localhost:3000');
    expect(to.pathname).toBe('/auth/sign-in');
    expect(to.searchParams.get('confirm')).toBe('disconnect');
    expect(to.searchParams.get('callbackUrl')).toBe(
      '/onboarding/result?step=disconnect#disconnect',
    );
  });

  it('tells a script to sign in again, with a 403', async () => {
    const refusal = recentSignInRefusal(
      new Request('http://portal.test/api/consent/disconnect', { method: 'POST' }),
      'disconnect',
      signedInAgo(twoHours),
    );
    expect(refusal?.status).toBe(403);
    expect(await refusal!.json()).toEqual({
      error: 'sign_in_again',
      message: expect.stringContaining('recent sign-in'),
    });
  });

  it('redirects a server action to sign in again', async () => {
    const to = await redirectOf(requireRecentSignIn('alert-targets'));
    expect(to?.pathname).toBe('/auth/sign-in');
    expect(to?.searchParams.get('confirm')).toBe('alert-targets');
    expect(to?.searchParams.get('callbackUrl')).toBe('/settings/alerts');
  });

  it('is announced on the page, in the configuration’s numbers', async () => {
    expect(await signInAgainNoteWords('alert-targets')).toBe(
      'Changing alert targets needs a sign-in within the last 10 minutes; you signed in 2 h ago, so you will be asked to sign in again first.',
    );
    // A window shorter than a minute is told in seconds, not as "just now".
    const shortWindow = unitTestConfig({ SESSION_RECENT_SIGN_IN_SECONDS: '30' });
    expect(
      confirmSignInWords('disconnect', Date.now() - 40_000, Date.now(), shortWindow),
    ).toContain('within the last 30 seconds, and yours was 40 seconds ago.');
    // A single sign-on sign-in that this very page follows: not "0 seconds ago".
    const now = Date.now();
    expect(signInAgainWords('alert-targets', now - 19_000, now, shortWindow, now)).toContain(
      'Microsoft last checked it was you 19 seconds ago (your sign-in just now went through',
    );
  });

  it('says so when the latest sign-in went through on older credentials, so signing in again is no loop', async () => {
    // A sign-in a minute ago that Entra let through on credentials taken two hours before.
    signedInAgo(minute, twoHours);
    expect(await signInAgainNoteWords('disconnect')).toBe(
      'Disconnecting Partner Center needs a sign-in within the last 10 minutes; Microsoft last checked it was you 2 h ago (your sign-in 1 min ago went through without asking again), so you will be asked to sign in again first.',
    );
    expect(await renderSignIn({ confirm: 'disconnect', callbackUrl: '/onboarding' })).toContain(
      'and Microsoft last checked it was you 2 h ago: your sign-in 1 min ago went through without asking again (single sign-on). Sign in again, with your credentials, to confirm it is you',
    );
    expect(await redirectOf(requireRecentSignIn('disconnect'))).not.toBeNull();
    // Long after such a sign-in, it still says so: the words do not depend on the window.
    signedInAgo(3 * 60 * minute, 5 * 60 * minute);
    expect(await signInAgainNoteWords('disconnect')).toContain(
      'Microsoft last checked it was you 5 h ago (your sign-in 3 h ago went through without asking again)',
    );
    // A sign-in with the credentials starts its session moments after Entra took them: the
    // plain words, also at the very end of the window.
    signedInAgo(10 * minute - 1_000, 10 * minute + 2_000);
    expect(await signInAgainNoteWords('disconnect')).toBe(
      'Disconnecting Partner Center needs a sign-in within the last 10 minutes; you signed in 10 min ago, so you will be asked to sign in again first.',
    );
    const shortWindow = unitTestConfig({ SESSION_RECENT_SIGN_IN_SECONDS: '30' });
    expect(
      confirmSignInWords(
        'disconnect',
        Date.now() - 31_000,
        Date.now(),
        shortWindow,
        Date.now() - 29_000,
      ),
    ).toContain('within the last 30 seconds, and yours was 31 seconds ago.');
    expect(confirmSignInWords('disconnect', Date.now() - 1_000, Date.now(), shortWindow)).toContain(
      'and yours was 1 second ago.',
    );
  });

  it('gets a sign-in page that says why and who is signed in', async () => {
    const html = await renderSignIn({
      confirm: 'disconnect',
      callbackUrl: '/onboarding/result?step=disconnect#disconnect',
    });
    expect(html).toContain('Confirm it is you');
    expect(html).toContain(
      'Disconnecting Partner Center needs a sign-in within the last 10 minutes, and yours was 2 h ago.',
    );
    expect(html).toContain('nothing has been changed yet');
    expect(html).toContain('[button: Sign in again]');
    expect(html).toMatch(/admin@<wbr\/>contoso<wbr\/>\.onmicrosoft\.com/);
    // Cancel goes back to the page, as the sign-in would.
    expect(html).toContain('href="/onboarding/result?step=disconnect#disconnect"');
  });
});

describe('a sensitive action from a recent sign-in', () => {
  beforeEach(() => {
    signedInAgo(9 * minute);
  });

  it('goes ahead', async () => {
    const post = new Request('http://portal.test/api/consent/disconnect', {
      method: 'POST',
      headers: { 'sec-fetch-mode': 'navigate' },
    });
    expect(recentSignInRefusal(post, 'disconnect', signedInAgo(9 * minute))).toBeNull();
    await expect(requireRecentSignIn('alert-targets')).resolves.toBeUndefined();
    expect(await signInAgainNoteWords('disconnect')).toBeNull();
  });

  it('skips the sign-in page: there is nothing to confirm', async () => {
    const to = await redirectOf(
      renderSignIn({ confirm: 'disconnect', callbackUrl: '/onboarding' }),
    );
    expect(to?.pathname).toBe('/onboarding');
  });
});

describe('the sign-in page for a confirmation', () => {
  it('sends on whoever is signed in when it names no action it knows', async () => {
    signedInAgo(twoHours);
    for (const confirm of ['', 'delete-everything']) {
      const to = await redirectOf(renderSignIn({ confirm, callbackUrl: '/health' }));
      expect(to?.pathname).toBe('/health');
    }
  });

  it('is the plain sign-in page for someone signed out', async () => {
    session.standing = { user: null, ended: null };
    const html = await renderSignIn({ confirm: 'disconnect', callbackUrl: '/onboarding' });
    expect(html).toContain('Sign in to the Partner Portal');
    expect(html).not.toContain('Confirm it is you');
  });

  it('sends a server action of someone signed out to sign in, back to its page', async () => {
    session.standing = { user: null, ended: 'idle' };
    const to = await redirectOf(requireRecentSignIn('alert-targets'));
    expect(to?.pathname).toBe('/auth/sign-in');
    expect(to?.searchParams.get('callbackUrl')).toBe('/settings/alerts');
    expect(to?.searchParams.get('ended')).toBe('idle');
  });
});
