import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { auditSignIn } from '@/lib/audit/trail';
import { getConfig, type PortalConfig } from '@/lib/config';
import { signInFlowCookies } from './cookies';
import { entraSignInProvider } from './provider';
import { portalUserSchema, signInDecision, type SignInOutcome } from './user';

/** Eight hours: a working day; after it the user signs in (with MFA) again. */
const sessionMaxAgeSeconds = 8 * 60 * 60;

let cached: NextAuthOptions | undefined;

/** next-auth options, built lazily so `next build` needs no configuration. */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(getConfig());
  return cached;
}

/** next-auth options for one configuration (tests build their own). */
export function buildAuthOptions(config: PortalConfig): NextAuthOptions {
  // next-auth v4 builds its callback URLs from NEXTAUTH_URL.
  process.env.NEXTAUTH_URL ??= config.publicUrl;
  const useSecureCookies = config.publicUrl.startsWith('https://');
  return {
    secret: config.sessionSecret,
    providers: [entraSignInProvider(config)],
    session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds },
    useSecureCookies,
    cookies: signInFlowCookies(useSecureCookies),
    pages: { signIn: '/auth/sign-in', error: '/auth/error', signOut: '/' },
    callbacks: {
      signIn({ user }) {
        const decision = signInDecision(user as unknown as SignInOutcome);
        auditSignIn(user as unknown as SignInOutcome, decision);
        return decision;
      },
      jwt({ token, user }) {
        if (!user) return token;
        // Only identity and roles go into the encrypted cookie, never a token.
        const { tid, oid, name, upn, roles } = portalUserSchema.parse(user);
        return { sub: oid, tid, oid, name, upn, roles };
      },
      session({ session, token }) {
        const user = portalUserSchema.safeParse(token);
        return { expires: session.expires, user: user.success ? user.data : undefined } as typeof session;
      },
    },
    logger: {
      // next-auth logs whole error objects (with request metadata); keep to name and code.
      error(code, metadata) {
        const cause = metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error;
        const detail = cause instanceof Error ? `${cause.name}${'code' in cause ? ` (${String(cause.code)})` : ''}` : '';
        console.error(`[auth] ${code} ${detail}`.trim());
      },
      warn(code) {
        if (code !== 'DEBUG_ENABLED') console.warn(`[auth] ${code}`);
      },
      debug() {},
    },
  };
}
