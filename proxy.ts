import { NextResponse, type NextRequest } from 'next/server';

/**
 * Coarse gate only: signed-out visitors of a protected page go to sign-in (and come back).
 * It looks at cookie *presence*; every page and route handler checks the session itself.
 */
const publicPaths = ['/', '/auth'];
const sessionCookies = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const isPublic = publicPaths.some((p) => pathname === p || (p !== '/' && pathname.startsWith(`${p}/`)));
  const hasSession = request.cookies.getAll().some((c) => sessionCookies.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
  if (!isPublic && !hasSession && !pathname.startsWith('/api/')) {
    const signIn = new URL('/auth/sign-in', request.url);
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  // Pages read this to send a visitor back after sign-in when the session has expired.
  const headers = new Headers(request.headers);
  headers.set('x-portal-path', `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
