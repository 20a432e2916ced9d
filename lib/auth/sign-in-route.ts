import 'server-only';
import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import {
  signInFailureFromForm,
  withSignInFailureIds,
  type SignInFailureIds,
} from '@/lib/entra/sign-in-failure';
import { getConfig } from '@/lib/config';
import {
  PayloadTooLargeError,
  payloadTooLarge,
  readBoundedText,
  refusalResponse,
} from '@/lib/security';
import { getAuthOptions } from './options';
import { withReplacedSession } from './replaced-session';
import { withSignInRefusals } from './sign-in-refusal';
import { endSession } from './sign-out';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints (sign-in start, Entra callback, session, csrf). A body is read here
 * once, bounded (`413` past 64 KiB, declared or streamed), and next-auth is handed that copy.
 * Entra refuses a sign-in in two places: in its error form_post to the callback, read here
 * from that body, and in the code exchange, noted by the provider; either way the failure
 * redirect goes to `/auth/error` with the ids.
 */
export async function handleAuthRequest(
  request: Request,
  context: RouteContext,
): Promise<Response> {
  // next-auth answers `GET /api/auth/signout` with a redirect to the signed-out page
  // (`pages.signOut`) and leaves the session alive: the page would say "You are signed out"
  // to someone who still is. Typed or from the portal, it signs out; from another site, a 403.
  // A browser that does not say where the request came from (no Sec-Fetch-Site: Safari before
  // 16.4 sends no Origin on a cross-site link either) goes to the signed-out page, which offers
  // the Sign out button while the session lives: a link on another site ends nothing.
  if (request.method === 'GET' && (await context.params).nextauth?.[0] === 'signout') {
    if (!request.headers.has('sec-fetch-site'))
      return Response.redirect(new URL('/auth/signed-out', getConfig().publicUrl), 303);
    return endSession(request instanceof NextRequest ? request : new NextRequest(request), {
      allowTypedUrl: true,
    });
  }
  let body: string | null;
  try {
    body = request.body ? await readBoundedText(request) : null;
  } catch (error) {
    if (error instanceof PayloadTooLargeError)
      return refusalResponse(request, payloadTooLarge(error.limitBytes));
    throw error;
  }
  const { result: response, failure } = await withSignInRefusals(
    entraErrorPost(request, body),
    async () =>
      (await NextAuth(
        withReadBody(request, body) as never,
        context as never,
        getAuthOptions(),
      )) as Response,
  );
  return withReplacedSession(
    request,
    (await context.params).nextauth,
    failure ? namedOnErrorPage(response, failure) : response,
  );
}

/**
 * The request as next-auth reads it: its body already read (and bounded) here. The proxy
 * refuses only a declared Content-Length; next-auth would read a chunked body whole.
 */
function withReadBody(request: Request, body: string | null): Request {
  if (body === null) return request;
  const headers = new Headers(request.headers);
  // The text may re-encode to another length (an invalid UTF-8 byte becomes U+FFFD).
  headers.delete('content-length');
  return new NextRequest(request.url, {
    method: request.method,
    headers,
    body,
    signal: request.signal,
  });
}

function entraErrorPost(request: Request, body: string | null): SignInFailureIds | null {
  if (
    body === null ||
    request.method !== 'POST' ||
    !new URL(request.url).pathname.endsWith('/callback/azure-ad')
  )
    return null;
  try {
    return signInFailureFromForm(new URLSearchParams(body));
  } catch {
    return null;
  }
}

function namedOnErrorPage(response: Response, failure: SignInFailureIds): Response {
  const location = response.headers.get('location');
  if (!location) return response;
  const headers = new Headers(response.headers);
  // next-auth answers a callback error with its own /api/auth/error, which bounces to the sign-in page.
  headers.set(
    'location',
    withSignInFailureIds(
      location,
      { error: '/auth/error', failurePaths: ['/api/auth/error', '/auth/sign-in'] },
      failure,
    ),
  );
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
