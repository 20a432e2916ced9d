import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { auditSignIn } from '@/lib/audit/trail';
import { getConfig, type PortalConfig } from '@/lib/config';
import { logEvent } from '@/lib/log';
import { isAdmittedTenant } from './admission';
import { signInFlowCookies } from './cookies';
import { entraSignInProvider } from './provider';
import { safeReturnPath } from './return-path';
import type { SessionRegistry } from './session-registry';
import {
  assertSessionActive,
  assertSessionAdmitted,
  beginSession,
  defaultSessionRegistry,
  revokeSession,
  SessionEnded,
  sessionAudience,
  sessionLimits,
} from './sessions';
import { withRefusedAccount } from './refused-account';
import {
  mfaRequiredPath,
  noAccessPath,
  portalUserSchema,
  signInDecision,
  type SignInOutcome,
} from './user';
import { decodeSessionJwt, encodeSessionJwt } from './session-jwt';
import { logSessionRefusal, usesSecureCookies } from './session-read';

let cached: NextAuthOptions | undefined;

/** next-auth options, built lazily so `next build` needs no configuration. */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(getConfig());
  return cached;
}

/** next-auth options for one configuration and session registry (tests build their own). */
export function buildAuthOptions(
  config: PortalConfig,
  sessions: SessionRegistry = defaultSessionRegistry(),
): NextAuthOptions {
  // next-auth v4 builds its callback URLs, the authorize request's `redirect_uri` among them,
  // from NEXTAUTH_URL; lib/entra's code exchange sends `signInRedirectUri(config)`. Entra
  // refuses an exchange whose `redirect_uri` differs from the authorize request's, so a
  // NEXTAUTH_URL left in the environment beside a different PORTAL_PUBLIC_URL made every
  // sign-in fail: the configuration's public address is the one both use.
  process.env.NEXTAUTH_URL = config.publicUrl;
  const useSecureCookies = usesSecureCookies(config);
  // The cookie and the JWT inside both end with the absolute lifetime; the JWT's own
  // `authTime` is what counts, since next-auth re-issues the cookie whenever its session
  // endpoint is read.
  const maxAge = sessionLimits(config).maxSeconds;
  return {
    secret: config.sessionSecret,
    providers: [entraSignInProvider(config)],
    session: { strategy: 'jwt', maxAge },
    jwt: { maxAge, encode: encodeSessionJwt, decode: decodeSessionJwt },
    useSecureCookies,
    cookies: signInFlowCookies(useSecureCookies),
    pages: { signIn: '/auth/sign-in', error: '/auth/error', signOut: '/auth/signed-out' },
    callbacks: {
      signIn({ user }) {
        const outcome = user as unknown as SignInOutcome;
        const decision = signInDecision(outcome, (tid) => isAdmittedTenant(tid, config));
        auditSignIn(outcome, decision);
        // The refusal pages say which account signed in, so "Use another account" makes sense.
        return decision === mfaRequiredPath || decision === noAccessPath
          ? withRefusedAccount(decision, outcome.upn, config.sessionSecret)
          : decision;
      },
      async jwt({ token, user }) {
        const now = Date.now();
        if (user) {
          // Only identity, roles and the session's lifetime go into the encrypted cookie, never
          // a token. Roles and MFA evidence come from this sign-in alone: no later call
          // (session reads, `update()`) changes them.
          const { tid, oid, name, upn, roles } = portalUserSchema.parse(user);
          const { credentialsAgeSeconds } = user as unknown as Partial<SignInOutcome>;
          const aud = sessionAudience(config);
          return {
            sub: oid,
            tid,
            oid,
            name,
            upn,
            roles,
            aud,
            ...(await beginSession(
              now,
              sessions,
              typeof credentialsAgeSeconds === 'number' ? credentialsAgeSeconds : null,
            )),
          };
        }
        // Admission first: a session of another deployment or tenant leaves no trace here.
        assertSessionAdmitted(token, config);
        await assertSessionActive(token, config, now, sessions);
        return token;
      },
      session({ session, token }) {
        const user = portalUserSchema.safeParse(token);
        return {
          expires: session.expires,
          user: user.success ? user.data : undefined,
        } as typeof session;
      },
      // Every return address next-auth handles (callbackUrl parameter or cookie) stays on the
      // portal's origin; a malformed one falls back to the home page instead of a 500.
      redirect({ url }) {
        return new URL(safeReturnPath(url, config.publicUrl), config.publicUrl).toString();
      },
    },
    events: {
      // next-auth's own sign-out endpoint; the portal's /auth/sign-out revokes the same way.
      async signOut({ token }) {
        await revokeSession(token, sessions);
      },
    },
    logger: {
      // next-auth logs whole error objects (with request metadata); keep to name and code.
      error(code, metadata) {
        const cause =
          metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error;
        if (cause instanceof SessionEnded) return logSessionRefusal(cause, '/api/auth');
        const detail =
          cause instanceof Error
            ? `${cause.name}${'code' in cause ? ` (${String(cause.code)})` : ''}`
            : '';
        logEvent('error', 'sign-in error', {
          outcome: 'failure',
          route: '/api/auth',
          errorCode: code,
          cause: detail || undefined,
        });
      },
      warn(code) {
        if (code !== 'DEBUG_ENABLED')
          logEvent('warn', 'sign-in warning', {
            outcome: 'failure',
            route: '/api/auth',
            errorCode: code,
          });
      },
      debug() {},
    },
  };
}
