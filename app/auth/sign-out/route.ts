import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';

const sessionCookiePrefixes = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/**
 * Ends the session: deletes the (encrypted, token-free) session cookie. POST only, and only
 * from the portal's own pages (Origin check), so another site cannot sign people out.
 */
export function POST(request: NextRequest): NextResponse {
  const expected = new URL(getConfig().publicUrl).origin;
  const origin = request.headers.get('origin');
  if (origin !== expected && origin !== request.nextUrl.origin) {
    return NextResponse.json({ error: 'forbidden', message: 'Sign-out must come from the portal itself.' }, { status: 403 });
  }
  const response = NextResponse.redirect(new URL('/', expected), 303);
  for (const cookie of request.cookies.getAll()) {
    if (sessionCookiePrefixes.some((p) => cookie.name === p || cookie.name.startsWith(`${p}.`))) {
      response.cookies.set({ name: cookie.name, value: '', maxAge: 0, path: '/', httpOnly: true, sameSite: 'lax', secure: cookie.name.startsWith('__Secure-') });
    }
  }
  return response;
}
