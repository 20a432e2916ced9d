import 'server-only';
import { getToken } from 'next-auth/jwt';
import type { PortalConfig } from '@/lib/config';
import { logEvent } from '@/lib/log';
import { credentialsTimeMs, type SessionLifetime } from './session-lifetime';
import type { SessionRegistry } from './session-registry';
import { decodeSessionJwt } from './session-jwt';
import {
  assertSessionActive,
  assertSessionAdmitted,
  SessionEnded,
  type SessionRefusal,
} from './sessions';
import { portalUserSchema, type PortalUser } from './user';

/** A request's cookies as `next/headers` gives them to a page or a route handler. */
export interface RequestCookies {
  getAll(): Array<{ name: string; value: string }>;
}

/** next-auth names its cookies `__Secure-…` on https origins (`useSecureCookies`). */
export function usesSecureCookies(config: Pick<PortalConfig, 'publicUrl'>): boolean {
  return config.publicUrl.startsWith('https://');
}

type SessionReadConfig = Pick<PortalConfig, 'publicUrl' | 'sessionSecret' | 'session' | 'entra'>;

/**
 * The signed-in user behind a request's session cookie, or null: the checks of next-auth's
 * session route (the same cookie, whole or in chunks, the same JWT codec, then the jwt
 * callback's lifetime, revocation and admission checks, `assertSessionActive` and
 * `assertSessionAdmitted`), without the route.
 * `getServerSession` runs next-auth's whole request handler for it, builds a CSRF token and
 * re-encrypts the cookie, which a page cannot set anyway: 0.3-0.6 ms of CPU a page for
 * nothing (docs/performance.md).
 *
 * Like next-auth, it treats a cookie it cannot open and a session check that fails as
 * signed out. It reads the cookie only: `getToken` would also take the JWT from an
 * `Authorization: Bearer` header, which no page of the portal accepts.
 */
export async function readSessionUser(
  cookies: RequestCookies,
  config: SessionReadConfig,
  registry: SessionRegistry,
  nowMs = Date.now(),
): Promise<PortalUser | null> {
  return (await readSessionStanding(cookies, config, registry, nowMs)).user;
}

/**
 * What a request's session cookie stands for: its user, or none and why the portal refused it
 * (`ended`; null when there was no session cookie, or one that could not be opened: a forged,
 * tampered or foreign cookie is told nothing). Pages send a refused session to sign in saying
 * why (`requireUser`).
 */
export type SessionStanding =
  | {
      user: PortalUser;
      ended: null;
      /** When the person last gave Entra their credentials (`credentialsTimeMs`). */
      credentialsAtMs: number;
      /** Whether Entra said when that was (the id_token's `auth_time`). */
      signInTimeStated: boolean;
      /** When the session began (its sign-in on the portal), for the words about it. */
      sessionStartedAtMs: number;
    }
  | { user: null; ended: SessionRefusal | null };

/** `readSessionUser`, with the reason a session was refused. */
export async function readSessionStanding(
  cookies: RequestCookies,
  config: SessionReadConfig,
  registry: SessionRegistry,
  nowMs = Date.now(),
): Promise<SessionStanding> {
  const token = await getToken({
    // getToken reads `cookies.getAll()` and `headers` (for the Bearer form only); its type
    // names Next's request classes, which a page does not have.
    req: { cookies, headers: new Headers() } as unknown as Parameters<typeof getToken>[0]['req'],
    secureCookie: usesSecureCookies(config),
    secret: config.sessionSecret,
    decode: decodeSessionJwt,
  });
  if (!token) return { user: null, ended: null };
  let lifetime: SessionLifetime;
  try {
    // Admission first: a session of another deployment or tenant leaves no trace here.
    assertSessionAdmitted(token, config);
    lifetime = await assertSessionActive(token, config, nowMs, registry);
  } catch (error) {
    logSessionRefusal(error);
    return { user: null, ended: error instanceof SessionEnded ? error.verdict : null };
  }
  const user = portalUserSchema.safeParse(token);
  return user.success
    ? {
        user: user.data,
        ended: null,
        credentialsAtMs: credentialsTimeMs(lifetime),
        signInTimeStated: lifetime.credentialsAt !== undefined,
        sessionStartedAtMs: lifetime.authTime * 1000,
      }
    : { user: null, ended: 'malformed' };
}

/** Logs why a session check said no: an ended session is routine, anything else an error. */
export function logSessionRefusal(error: unknown, route?: string): void {
  if (error instanceof SessionEnded)
    logEvent('info', 'session ended', { outcome: 'refused', route, errorCode: error.verdict });
  else
    logEvent('error', 'session check failed', {
      outcome: 'failure',
      route,
      cause: error instanceof Error ? error.name : undefined,
    });
}
