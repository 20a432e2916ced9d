import 'server-only';
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { isSameOrigin } from '@/lib/security/origin';
import { isSecureSessionCookie, isSessionCookie } from './cookies';
import { decodeSessionJwt } from './session-jwt';
import { revokeSession } from './sessions';

/**
 * `POST /auth/sign-out`: revokes the session on the server (its id is refused by every
 * later request until it would have expired) and deletes the cookie. Only from the portal's
 * own pages, so another site cannot sign people out; `allowTypedUrl` also accepts an address
 * typed into the browser (`GET /api/auth/signout`).
 */
export async function endSession(
  request: NextRequest,
  { allowTypedUrl = false }: { allowTypedUrl?: boolean } = {},
): Promise<NextResponse> {
  const config = getConfig();
  if (!isSameOrigin(request, config.publicUrl, { allowTypedUrl })) {
    return NextResponse.json(
      { error: 'forbidden', message: 'Sign-out must come from the portal itself.' },
      { status: 403 },
    );
  }
  const secureCookie = request.cookies.getAll().some((c) => isSecureSessionCookie(c.name));
  // A cookie that does not decrypt has nothing to revoke; it is deleted all the same. The
  // portal's codec, not next-auth's: that one (jose 4) also tries PBES2 with up to 10,000
  // PBKDF2 rounds, ~4 ms of CPU for every forged cookie posted here.
  const token = await getToken({
    req: request,
    secret: config.sessionSecret,
    secureCookie,
    decode: decodeSessionJwt,
  }).catch(() => null);
  const reach = token ? await revokeSession(token) : 'no_session';
  const signedOut = new URL('/auth/signed-out', config.publicUrl);
  // The page says so when only this instance knows of the sign-out yet.
  if (reach === 'this_instance') signedOut.searchParams.set('recorded', 'this-server');
  const response = NextResponse.redirect(signedOut, 303);
  for (const cookie of request.cookies.getAll()) {
    if (isSessionCookie(cookie.name)) {
      response.cookies.set({
        name: cookie.name,
        value: '',
        maxAge: 0,
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.name.startsWith('__Secure-'),
      });
    }
  }
  return response;
}
