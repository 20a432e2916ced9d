import 'server-only';
import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import {
  signInFailureFromForm,
  withSignInFailureIds,
  type SignInFailureIds,
} from '@/lib/entra/sign-in-failure';
import { getConfig } from '@/lib/config';
import { getAuthOptions } from './options';
import { withSignInRefusals } from './sign-in-refusal';
import { endSession } from './sign-out';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints (sign-in start, Entra callback, session, csrf). Entra refuses a
 * sign-in in two places: in its error form_post to the callback, read here from a copy of
 * the body, and in the code exchange, noted by the provider; either way the failure redirect
 * goes to `/auth/error` with the ids.
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
  const { result: response, failure } = await withSignInRefusals(
    await entraErrorPost(request),
    async () => (await NextAuth(request as never, context as never, getAuthOptions())) as Response,
  );
  return failure ? namedOnErrorPage(response, failure) : response;
}

async function entraErrorPost(request: Request): Promise<SignInFailureIds | null> {
  if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/callback/azure-ad'))
    return null;
  try {
    return signInFailureFromForm(new URLSearchParams(await request.clone().text()));
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
