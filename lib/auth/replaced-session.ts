import 'server-only';
import { getToken } from 'next-auth/jwt';
import { NextRequest, NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { logEvent } from '@/lib/log';
import { isSessionCookie, replacedSessionCookie } from './cookies';
import { sessionLifetimeSchema } from './session-lifetime';
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
export async function withReplacedSession(request: Request, response: Response): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (request.method === 'POST' && path.endsWith('/signin/azure-ad'))
    return noteOpenSession(request, response);
  if (path.endsWith('/callback/azure-ad')) return endNotedSession(request, response);
  return response;
}

/** The request's cookies and address only: its body has been read already. */
const cookiesOf = (request: Request) => new NextRequest(request.url, { headers: request.headers });

async function noteOpenSession(request: Request, response: Response): Promise<Response> {
  const config = getConfig();
  const open = await getToken({
    req: cookiesOf(request),
    secret: config.sessionSecret,
    secureCookie: usesSecureCookies(config),
    decode: decodeSessionJwt,
  }).catch(() => null);
  const lifetime = sessionLifetimeSchema.safeParse(open);
  if (!lifetime.success) return response;
  const { name, options } = replacedSessionCookie(usesSecureCookies(config));
  const noted = new NextResponse(response.body, response);
  noted.cookies.set(name, await sealLifetime(lifetime.data), options);
  return noted;
}

async function endNotedSession(request: Request, response: Response): Promise<Response> {
  const config = getConfig();
  const { name, options } = replacedSessionCookie(usesSecureCookies(config));
  const sealed = cookiesOf(request).cookies.get(name)?.value;
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
  const cleared = new NextResponse(response.body, response);
  cleared.cookies.set(name, '', { ...options, maxAge: 0 });
  return cleared;
}

/** Its own key (HKDF salt): the note never opens as a session cookie, nor one as a note. */
const noteSalt = 'portal.replaced-session';

function sealLifetime(lifetime: { sid: string; authTime: number }): Promise<string> {
  return encodeSessionJwt({
    token: { sid: lifetime.sid, authTime: lifetime.authTime },
    secret: getConfig().sessionSecret,
    salt: noteSalt,
    maxAge: replacedSessionCookie(false).options.maxAge,
  });
}

/** next-auth set the session cookie to a new session (an empty value clears it). */
function startsSession(response: Response): boolean {
  return response.headers.getSetCookie().some((header) => {
    const [name = '', value = ''] = (header.split(';')[0] ?? '').split('=');
    return isSessionCookie(name.trim()) && value !== '';
  });
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
