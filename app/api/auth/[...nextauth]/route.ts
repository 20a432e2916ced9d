import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth's endpoints (sign-in start, Entra callback, session, csrf); options are built on first request. */
async function handler(request: Request, context: RouteContext): Promise<Response> {
  return NextAuth(request as never, context as never, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
