import 'server-only';
import { getToken } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { logEvent } from '@/lib/log';
import {
  isSessionCookie,
  isSignInStateCookie,
  replacedSessionCookie,
  signInFlowMaxAgeSeconds,
} from './cookies';
import { providerId } from './provider';
import { sessionLifetimeSchema, type SessionLifetime } from './session-lifetime';
import { usesSecureCookies } from './session-read';
import { decodeSessionJwt, encodeSessionJwt } from './session-jwt';
import { revokeSession } from './sessions';
import { mfaRequiredPath, noAccessPath, notEnrolledPath } from './user';

/**
 * A sign-in that replaces an open session (signing in again to confirm it is you before a
 * sensitive action, lib/auth/recent-sign-in.ts, or as someone else) ends the replaced session
 * on the server, as a sign-out does: a copy of its cookie, with the roles read at its sign-in,
 * is refused from then on. So does a sign-in the portal refuses (no role any more, no MFA):
 * Entra has just said who this is now, and the old session's roles no longer hold.
 *
 * Entra's callback is a cross-site form POST, which does not carry the `SameSite=Lax` session
 * cookie; so the sign-in's start (a same-origin POST, which does) notes the open session in a
 * cookie of its own for the callback (`replacedSessionCookie`). Only a callback next-auth
 * completed ends it: one that set a new session cookie or sent the person to a refusal page,
 * both after the code exchange and its checks. An error Entra posts (a cancelled sign-in) ends
 * nothing: anyone can post one, and it says nothing new about the person.
 */
export async function withReplacedSession(
  request: Request,
  route: readonly string[] | undefined,
  response: Response,
): Promise<Response> {
  const [action, provider] = route ?? [];
  if (provider !== providerId) return response;
  if (action === 'signin' && request.method === 'POST') return noteOpenSession(request, response);
  if (action === 'callback') return endNotedSession(request, response);
  return response;
}

/** The request's cookies and address only: its body has been read already. */
const cookiesOf = (request: Request) => new NextRequest(request.url, { headers: request.headers });

async function noteOpenSession(request: Request, response: Response): Promise<Response> {
  // Only a sign-in next-auth started (it sets its state cookie): not a refused CSRF check.
  if (!setsCookie(response, isSignInStateCookie)) return response;
  const config = getConfig();
  const open = await getToken({
    req: cookiesOf(request),
    secret: config.sessionSecret,
    secureCookie: usesSecureCookies(config),
    decode: decodeSessionJwt,
  }).catch(() => null);
  const lifetime = sessionLifetimeSchema.safeParse(open);
  if (!lifetime.success) return response;
  const cookie = replacedSessionCookie(usesSecureCookies(config));
  return withCookie(response, cookie, await sealLifetime(lifetime.data));
}

async function endNotedSession(request: Request, response: Response): Promise<Response> {
  const config = getConfig();
  const cookie = replacedSessionCookie(usesSecureCookies(config));
  const sealed = cookiesOf(request).cookies.get(cookie.name)?.value;
  if (!sealed) return response;
  if (startsSession(response) || refusesSignIn(response)) {
    const replaced = await decodeSessionJwt({
      token: sealed,
      secret: config.sessionSecret,
      salt: noteSalt,
    }).catch(() => null);
    if (replaced) await revokeQuietly(replaced);
  }
  // Whatever the callback decided, the note has done its work.
  return withCookie(response, { ...cookie, options: { ...cookie.options, maxAge: 0 } }, '');
}

/** Its own key (HKDF salt): the note never opens as a session cookie, nor one as a note. */
const noteSalt = 'portal.replaced-session';

function sealLifetime(lifetime: SessionLifetime): Promise<string> {
  return encodeSessionJwt({
    token: { sid: lifetime.sid, authTime: lifetime.authTime },
    secret: getConfig().sessionSecret,
    salt: noteSalt,
    maxAge: signInFlowMaxAgeSeconds,
  });
}

/**
 * `response` with the note's cookie added, every other header as next-auth wrote it. Not
 * through `NextResponse.cookies`: that re-serialises every Set-Cookie from a parsed copy, which
 * drops `Max-Age=0` and so turned next-auth's deletions of its state, PKCE and nonce cookies
 * into empty cookies kept until the browser closes.
 */
function withCookie(
  response: Response,
  cookie: ReturnType<typeof replacedSessionCookie>,
  value: string,
): Response {
  const { name, options } = cookie;
  const headers = new Headers(response.headers);
  headers.append(
    'set-cookie',
    `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAge}; HttpOnly; Secure; SameSite=None`,
  );
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/** Whether `response` sets a cookie `named` to a value (an empty value deletes it). */
function setsCookie(response: Response, named: (name: string) => boolean): boolean {
  return response.headers.getSetCookie().some((header) => {
    const [name = '', value = ''] = (header.split(';')[0] ?? '').split('=');
    return named(name.trim()) && value !== '';
  });
}

/** next-auth set the session cookie to a new session (an empty value clears it). */
function startsSession(response: Response): boolean {
  return setsCookie(response, isSessionCookie);
}

/** next-auth sends the person to a page where the portal refused the sign-in. */
function refusesSignIn(response: Response): boolean {
  const location = response.headers.get('location');
  if (!location) return false;
  const { pathname } = new URL(location, getConfig().publicUrl);
  return [mfaRequiredPath, noAccessPath, notEnrolledPath].includes(pathname);
}

async function revokeQuietly(replaced: unknown): Promise<void> {
  try {
    await revokeSession(replaced);
  } catch (error) {
    // The sign-in stands; the replaced session still ends at its own time.
    logEvent('error', 'replaced session not revoked', {
      outcome: 'failure',
      cause: error instanceof Error ? error.name : undefined,
    });
  }
}
