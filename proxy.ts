import { NextResponse, type NextRequest } from 'next/server';
import { isSessionCookie } from '@/lib/auth/cookies';
import { getConfig } from '@/lib/config';
import {
  allowedMethods, baseSecurityHeaders, checkRateLimit, normalisedPath, malformedAddress, methodNotAllowed, contentSecurityPolicy, newNonce, payloadTooLarge, refusalResponse,
  requestLimits, tooManyRequests, uriTooLong, type RateLimitSettings,
} from '@/lib/security';

/**
 * Runs before every page and route:
 * 1. refuses oversized addresses (414), undecodable ones (400) and declared bodies (413)
 *    before any work;
 *    answers wrong methods on route handlers with 405 and `Allow`;
 * 2. rate-limits sign-in and the consent callback per client address (429 with Retry-After);
 * 3. sends signed-out visitors of a protected page to sign-in (cookie *presence* only: every
 *    page and route handler checks the session itself);
 * 4. puts a fresh CSP nonce on the request (Next reads it for its own scripts) and the
 *    security headers on every response.
 */
const publicPaths = ['/', '/auth'];

export function proxy(request: NextRequest): Response {
  const site = siteSettings();
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, formActionOrigins: site.formActionOrigins, development: process.env.NODE_ENV === 'development' });
  const secure = (response: Response) => withSecurityHeaders(response, csp, site.https);

  const refusal = sizeRefusal(request) ?? methodRefusal(request) ?? rateRefusal(request, site.rateLimits);
  if (refusal) return secure(refusal);

  const { pathname, search } = request.nextUrl;
  const isPublic = publicPaths.some((p) => pathname === p || (p !== '/' && pathname.startsWith(`${p}/`)));
  const hasSession = request.cookies.getAll().some((c) => isSessionCookie(c.name));
  if (!isPublic && !hasSession && !pathname.startsWith('/api/')) {
    // Built on the configured public URL, never on the Host header a client chose.
    const signIn = new URL('/auth/sign-in', site.publicUrl ?? request.url);
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return secure(NextResponse.redirect(signIn));
  }
  const headers = new Headers(request.headers);
  // Pages read this to send a visitor back after sign-in when the session has expired.
  headers.set('x-portal-path', `${pathname}${search}`);
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  return secure(NextResponse.next({ request: { headers } }));
}

function sizeRefusal(request: NextRequest): Response | null {
  const { pathname, search } = new URL(request.url);
  if (pathname.length > requestLimits.maxPathChars) return refusalResponse(request, uriTooLong(requestLimits.maxPathChars));
  if (Math.max(search.length - 1, 0) > requestLimits.maxQueryChars) return refusalResponse(request, uriTooLong(requestLimits.maxQueryChars));
  // Next decodes route params itself and answers a bare 500 when that throws.
  if (!decodes(pathname)) return refusalResponse(request, malformedAddress());
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > requestLimits.maxBodyBytes) return refusalResponse(request, payloadTooLarge(requestLimits.maxBodyBytes));
  return null;
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function methodRefusal(request: NextRequest): Response | null {
  const allowed = allowedMethods(normalisedPath(request.nextUrl.pathname));
  if (!allowed || allowed.includes(request.method)) return null;
  return refusalResponse(request, methodNotAllowed(allowed));
}

function rateRefusal(request: NextRequest, settings: RateLimitSettings): Response | null {
  const decision = checkRateLimit(request, settings);
  if (!decision || decision.allowed) return null;
  const refusal = tooManyRequests(decision.retryAfterSeconds);
  // next-auth's signIn() posts with this header and navigates to the `url` it gets back.
  if (request.headers.get('x-auth-return-redirect')) {
    return Response.json({ error: refusal.error, message: refusal.message, url: '/auth/error?error=RateLimited' }, { status: 429, headers: { 'retry-after': String(decision.retryAfterSeconds), 'cache-control': 'no-store' } });
  }
  return refusalResponse(request, refusal);
}

function withSecurityHeaders(response: Response, csp: string, https: boolean): Response {
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(baseSecurityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

/** What the proxy needs from the configuration; safe defaults if it cannot load (start-up reports that). */
function siteSettings(): { publicUrl?: string; https: boolean; formActionOrigins: string[]; rateLimits: RateLimitSettings } {
  try {
    const config = getConfig();
    return {
      publicUrl: config.publicUrl,
      https: config.publicUrl.startsWith('https://'),
      formActionOrigins: [new URL(config.entra.authorityHost).origin],
      rateLimits: { trustedProxyCount: config.security.trustedProxyCount, signInPerMinute: config.security.signInPerMinute, consentCallbackPerMinute: config.security.consentCallbackPerMinute },
    };
  } catch {
    return { https: false, formActionOrigins: [], rateLimits: { trustedProxyCount: 0, signInPerMinute: 30, consentCallbackPerMinute: 10 } };
  }
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
