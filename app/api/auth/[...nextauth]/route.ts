import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth';
import { signInFailureFromForm, withSignInFailureIds, type SignInFailureIds } from '@/lib/entra/sign-in-failure';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth's endpoints (sign-in start, Entra callback, session, csrf); options are built on first request. */
async function handler(request: Request, context: RouteContext): Promise<Response> {
  const failure = await entraRefusal(request);
  const response = (await NextAuth(request as never, context as never, getAuthOptions())) as Response;
  return failure ? namedOnErrorPage(response, failure) : response;
}

/**
 * Entra's form_post to the callback with `error`: next-auth only says "Callback" (on the
 * sign-in page), so the
 * AADSTS number and correlation id are read here (from a copy of the body) for the error page.
 */
async function entraRefusal(request: Request): Promise<SignInFailureIds | null> {
  if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/callback/azure-ad')) return null;
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
  headers.set('location', withSignInFailureIds(location, { error: '/auth/error', failurePaths: ['/api/auth/error', '/auth/sign-in'] }, failure));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export { handler as GET, handler as POST };
