import { NextResponse, type NextRequest } from 'next/server';
import { callbackUrlCookieNames, isUsableCallbackUrl } from '@/lib/auth/callback-url-guard';
import { isSessionCookie } from '@/lib/auth/cookies';
import { getConfig } from '@/lib/config';
import {
  allowedMethods,
  baseSecurityHeaders,
  limitedRouteOf,
  normalisedPath,
  malformedAddress,
  methodNotAllowed,
  contentSecurityPolicy,
  newNonce,
  payloadTooLarge,
  refusalResponse,
  requestLimits,
  tooManyRequests,
  unusableCallbackUrl,
  uriTooLong,
  type RateLimitSettings,
} from '@/lib/security';

/**
 * Runs before every page and route:
 * 1. refuses oversized addresses (414), undecodable ones (400) and declared bodies (413)
 *    before any work;
 *    answers wrong methods on route handlers with 405 and `Allow`;
 * 2. rate-limits sign-in and the consent callback per client address (429 with Retry-After),
 *    counted across every instance when the portal runs on PostgreSQL;
 * 3. sends signed-out visitors of a protected page to sign-in (cookie *presence* only: every
 *    page and route handler checks the session itself);
 * 4. puts a fresh CSP nonce on the request (Next reads it for its own scripts) and the
 *    security headers on every response.
 */
const publicPaths = ['/', '/auth'];

export async function proxy(request: NextRequest): Promise<Response> {
  const site = siteSettings();
  const nonce = newNonce();
  const csp = contentSecurityPolicy({
    nonce,
    formActionOrigins: site.formActionOrigins,
    development: process.env.NODE_ENV === 'development',
  });
  const secure = (response: Response) => withSecurityHeaders(response, csp, site.https);

  const refusal =
    sizeRefusal(request) ??
    methodRefusal(request) ??
    callbackUrlRefusal(request, site.publicUrl) ??
    (await rateRefusal(request, site.rateLimits, site.databaseUrl));
  if (refusal) return secure(refusal);

  const { pathname, search } = request.nextUrl;
  const isPublic = publicPaths.some(
    (p) => pathname === p || (p !== '/' && pathname.startsWith(`${p}/`)),
  );
  const hasSession = request.cookies.getAll().some((c) => isSessionCookie(c.name));
  if (!isPublic && !hasSession && !pathname.startsWith('/api/')) {
    // Built on the configured public URL, never on the Host header a client chose.
    const signIn = new URL('/auth/sign-in', site.publicUrl ?? request.url);
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return secure(NextResponse.redirect(signIn));
  }
  const headers = new Headers(request.headers);
  const plantedCookies = dropUnusableCallbackCookies(request, headers, site.publicUrl);
  // Pages read this to send a visitor back after sign-in when the session has expired.
  headers.set('x-portal-path', `${pathname}${search}`);
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers } });
  for (const name of plantedCookies)
    response.cookies.set({
      name,
      value: '',
      maxAge: 0,
      path: '/api/auth',
      secure: true,
      sameSite: 'none',
      httpOnly: true,
    });
  return secure(response);
}

/** next-auth answers an unusable `callbackUrl` parameter with a 500; refuse it with a 400 instead. */
function callbackUrlRefusal(request: NextRequest, publicUrl: string | undefined): Response | null {
  if (!normalisedPath(request.nextUrl.pathname).startsWith('/api/auth/')) return null;
  const value = request.nextUrl.searchParams.get('callbackUrl');
  if (value === null || isUsableCallbackUrl(value, publicUrl ?? request.url)) return null;
  return refusalResponse(request, unusableCallbackUrl());
}

/**
 * Removes an unusable `callback-url` cookie from the request (next-auth would answer every
 * session lookup with a 500 until it is cleared) and returns its names, to be deleted.
 */
function dropUnusableCallbackCookies(
  request: NextRequest,
  headers: Headers,
  publicUrl: string | undefined,
): string[] {
  const planted = request.cookies
    .getAll()
    .filter(
      (c) =>
        (callbackUrlCookieNames as readonly string[]).includes(c.name) &&
        !isUsableCallbackUrl(c.value, publicUrl ?? request.url),
    );
  if (planted.length === 0) return [];
  const kept = request.cookies.getAll().filter((c) => !planted.includes(c));
  if (kept.length > 0)
    headers.set('cookie', kept.map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join('; '));
  else headers.delete('cookie');
  return planted.map((c) => c.name);
}

function sizeRefusal(request: NextRequest): Response | null {
  const { pathname, search } = new URL(request.url);
  if (pathname.length > requestLimits.maxPathChars)
    return refusalResponse(request, uriTooLong(requestLimits.maxPathChars));
  if (Math.max(search.length - 1, 0) > requestLimits.maxQueryChars)
    return refusalResponse(request, uriTooLong(requestLimits.maxQueryChars));
  // Next decodes route params itself and answers a bare 500 when that throws.
  if (!decodes(pathname)) return refusalResponse(request, malformedAddress());
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > requestLimits.maxBodyBytes)
    return refusalResponse(request, payloadTooLarge(requestLimits.maxBodyBytes));
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

async function rateRefusal(
  request: NextRequest,
  settings: RateLimitSettings,
  databaseUrl: string | undefined,
): Promise<Response | null> {
  // Only sign-in and the consent callback are limited: their limiters, and the PostgreSQL
  // client they count through, load at the first such request, not before a server's first page.
  if (!limitedRouteOf(request.method, request.nextUrl.pathname)) return null;
  const [{ checkRateLimit }, { sharedRateStore }] = await Promise.all([
    import('@/lib/security/rate-limits'),
    import('@/lib/security/shared-rate-store'),
  ]);
  const decision = await checkRateLimit(request, settings, sharedRateStore(databaseUrl));
  if (!decision || decision.allowed) return null;
  const refusal = tooManyRequests(decision.retryAfterSeconds);
  // next-auth's signIn() posts with fetch (Sec-Fetch-Dest: empty; newer clients also send
  // X-Auth-Return-Redirect) and navigates to the `url` it gets back, or to its callback URL
  // when there is none, which would leave the person on the start page without a word.
  if (
    request.headers.get('x-auth-return-redirect') ||
    request.headers.get('sec-fetch-dest') === 'empty'
  ) {
    return Response.json(
      { error: refusal.error, message: refusal.message, url: '/auth/error?error=RateLimited' },
      {
        status: 429,
        headers: { 'retry-after': String(decision.retryAfterSeconds), 'cache-control': 'no-store' },
      },
    );
  }
  return refusalResponse(request, refusal);
}

function withSecurityHeaders(response: Response, csp: string, https: boolean): Response {
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(baseSecurityHeaders({ https })))
    response.headers.set(name, value);
  return response;
}

/** What the proxy needs from the configuration; safe defaults if it cannot load (start-up reports that). */
function siteSettings(): {
  publicUrl?: string;
  https: boolean;
  formActionOrigins: string[];
  rateLimits: RateLimitSettings;
  databaseUrl?: string;
} {
  try {
    const config = getConfig();
    return {
      publicUrl: config.publicUrl,
      https: config.publicUrl.startsWith('https://'),
      formActionOrigins: [new URL(config.entra.authorityHost).origin],
      rateLimits: {
        trustedProxyCount: config.security.trustedProxyCount,
        signInPerMinute: config.security.signInPerMinute,
        consentCallbackPerMinute: config.security.consentCallbackPerMinute,
      },
      databaseUrl: config.database.url,
    };
  } catch {
    return {
      https: false,
      formActionOrigins: [],
      rateLimits: { trustedProxyCount: 0, signInPerMinute: 30, consentCallbackPerMinute: 10 },
    };
  }
}

// Skips exactly the static files there are (their headers come from next.config.js): escaped
// dots and an end anchor on each name, or `/robots.txtX` and `/icon.svg/x` would skip the proxy
// too and their 404 pages go out without the CSP. There is no favicon.ico (app/icon.svg is the
// icon), so /favicon.ico is a 404 like any other. Next compiles this case-sensitively.
export const config = {
  matcher: ['/((?!_next/static/|_next/image$|icon\\.svg$|robots\\.txt$).*)'],
};
