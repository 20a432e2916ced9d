import 'server-only';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { safeReturnPath } from './return-path';
import {
  confirmSignInAddress,
  confirmSignInWords,
  isRecentSignIn,
  sensitiveActionPages,
  signInAgainWords,
  type SensitiveAction,
} from './recent-sign-in';
import type { PortalRole } from './roles';
import { sessionEndReason, sessionEndWords } from './session-end';
import { readSessionStanding, type SessionStanding } from './session-read';
import { defaultSessionRegistry, type SessionRefusal } from './sessions';
import type { PortalUser } from './user';

/** Header the proxy sets with the requested path, so pages can send people back after sign-in. */
export const requestPathHeader = 'x-portal-path';

/**
 * The request's session, read and validated on the server once per render: the layout and the
 * page both ask, and each read decrypts the session JWT and checks the session registry
 * (bench/profile.ts showed it twice per page).
 */
const currentSession = cache(async (): Promise<SessionStanding> =>
  readSessionStanding(await cookies(), getConfig(), defaultSessionRegistry()),
);

/** The signed-in user, or null. */
export async function getCurrentUser(): Promise<PortalUser | null> {
  return (await currentSession()).user;
}

/**
 * Whether Entra said, at the signed-in session's sign-in, when it last took the person's
 * credentials (the id_token's `auth_time`); false when signed out.
 */
export async function signInTimeStated(): Promise<boolean> {
  const standing = await currentSession();
  return standing.user !== null && standing.signInTimeStated;
}

/**
 * For the sign-in page asked to confirm `action`: the signed-in user and why they must sign in
 * again, or null when no one is signed in or their sign-in is recent enough (nothing to confirm).
 */
export async function signInToConfirm(
  action: SensitiveAction,
): Promise<{ user: PortalUser; words: string } | null> {
  const standing = await currentSession();
  const stale = staleSignIn(standing);
  return (
    stale && standing.user && { user: standing.user, words: confirmSignInWords(action, ...stale) }
  );
}

/**
 * When a signed-in session's sign-in is too old for sensitive actions
 * (lib/auth/recent-sign-in.ts), the facts their words need; null when signed out or recent.
 */
function staleSignIn(standing: SessionStanding) {
  if (!standing.user) return null;
  const config = getConfig();
  const now = Date.now();
  if (isRecentSignIn(standing.credentialsAtMs, now, config)) return null;
  return [standing.credentialsAtMs, now, config, standing.sessionStartedAtMs] as const;
}

/**
 * For pages: the signed-in user, or a redirect to sign-in that returns to `returnTo` and says
 * why a session that was refused has ended (lib/auth/session-end.ts).
 */
export async function requireUser(returnTo?: string): Promise<PortalUser> {
  const { user, ended } = await currentSession();
  if (user) return user;
  redirect(signInAddress(returnTo ?? (await headers()).get(requestPathHeader), ended));
}

/** The sign-in page returning to `returnTo` (made safe), saying why a refused session ended. */
function signInAddress(returnTo: string | null, ended: SessionRefusal | null): string {
  const address = new URLSearchParams({
    callbackUrl: safeReturnPath(returnTo, getConfig().publicUrl),
  });
  const reason = sessionEndReason(ended);
  if (reason) address.set('ended', reason);
  return `/auth/sign-in?${address}`;
}

/** For pages: a user holding at least one of `roles`; others get the 403 page. */
export async function requireRole(
  roles: readonly PortalRole[],
  returnTo?: string,
): Promise<PortalUser> {
  const user = await requireUser(returnTo);
  if (!hasAnyRole(user, roles)) forbidden();
  return user;
}

export function hasAnyRole(user: PortalUser, roles: readonly PortalRole[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}

export type ApiAuthResult =
  { ok: true; user: PortalUser; credentialsAtMs: number } | { ok: false; response: NextResponse };

/**
 * A route a browser navigates to (a download link): signed out, the browser's navigation goes
 * to sign in, returning to `returnTo` (the page the link was on) and saying why, instead of
 * showing or saving a JSON body. Scripts (no `Sec-Fetch-Mode: navigate`) get the 401 JSON.
 */
export interface SignedOutNavigation {
  request: Request;
  returnTo: string;
}

/**
 * For route handlers: 401 JSON when signed out (or a redirect to sign in, for a browser's
 * navigation to a route that says where to return: `SignedOutNavigation`), 403 JSON without
 * one of `roles` (none given: any signed-in user). Usage:
 * `const auth = await authorizeApi(['ops']); if (!auth.ok) return auth.response;`
 */
export async function authorizeApi(
  roles: readonly PortalRole[] = [],
  signedOut?: SignedOutNavigation,
): Promise<ApiAuthResult> {
  const standing = await currentSession();
  const { user, ended } = standing;
  if (!user) {
    if (signedOut?.request.headers.get('sec-fetch-mode') === 'navigate')
      return {
        ok: false,
        response: new NextResponse(null, {
          status: 303,
          headers: {
            // On the public address, as every redirect of the portal's routes: the request's own
            // may be an instance's, behind the load balancer.
            location: new URL(signInAddress(signedOut.returnTo, ended), getConfig().publicUrl).href,
            'cache-control': 'no-store',
          },
        }),
      };
    // A script whose session was refused is told why, as a browser's sign-in page is.
    const reason = sessionEndReason(ended);
    return {
      ok: false,
      response: NextResponse.json(
        reason
          ? {
              error: 'unauthenticated',
              ended: reason,
              message: sessionEndWords(reason, getConfig().session),
            }
          : { error: 'unauthenticated', message: 'Sign in to use this endpoint.' },
        { status: 401 },
      ),
    };
  }
  if (roles.length > 0 && !hasAnyRole(user, roles)) {
    return {
      ok: false,
      response: NextResponse.json(
        { error: 'forbidden', message: 'Your role does not allow this.' },
        { status: 403 },
      ),
    };
  }
  return { ok: true, user, credentialsAtMs: standing.credentialsAtMs };
}

/**
 * For a page offering a sensitive action: null while the session's sign-in is recent enough
 * for it, else the words of the note to show beside the action (`SignInAgainNote`).
 */
export async function signInAgainNoteWords(action: SensitiveAction): Promise<string | null> {
  const stale = staleSignIn(await currentSession());
  return stale && signInAgainWords(action, ...stale);
}

/**
 * For server actions, after their role check: a redirect to sign in again, coming back to the
 * action's page, unless the session's sign-in is recent enough for `action`.
 */
export async function requireRecentSignIn(action: SensitiveAction): Promise<void> {
  const standing = await currentSession();
  const returnTo = sensitiveActionPages[action];
  if (!standing.user) redirect(signInAddress(returnTo, standing.ended));
  if (staleSignIn(standing)) redirect(confirmSignInAddress(action, returnTo, getConfig()));
}

/**
 * For route handlers, after `authorizeApi`, with its `credentialsAtMs` (a route handler's session
 * read is not cached: reading it here again would decrypt and check it twice): null when the
 * sign-in is recent enough for `action`; else a browser's form post goes to sign in again (303)
 * and a script gets a 403 saying why. Nothing has been read of the request's body.
 */
export function recentSignInRefusal(
  request: Request,
  action: SensitiveAction,
  credentialsAtMs: number,
): NextResponse | null {
  const config = getConfig();
  if (isRecentSignIn(credentialsAtMs, Date.now(), config)) return null;
  if (request.headers.get('sec-fetch-mode') === 'navigate')
    return new NextResponse(null, {
      status: 303,
      headers: {
        location: new URL(
          confirmSignInAddress(action, sensitiveActionPages[action], config),
          config.publicUrl,
        ).href,
        'cache-control': 'no-store',
      },
    });
  return NextResponse.json(
    {
      error: 'sign_in_again',
      message: 'This action needs a recent sign-in: sign in again, then repeat it.',
    },
    { status: 403 },
  );
}
