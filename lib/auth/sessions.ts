import 'server-only';
import { randomBytes } from 'node:crypto';
import { getConfig, type PortalConfig } from '@/lib/config';
import { longestSessionHours } from '@/lib/config/schema';
import { getDatabase } from '@/lib/db';
import { logEvent } from '@/lib/log';
import {
  judgeSession,
  sessionLifetimeSchema,
  type SessionLifetime,
  type SessionLimits,
  type SessionVerdict,
} from './session-lifetime';
import {
  createMemorySessionRegistry,
  SessionStandingUnknown,
  type SessionRegistry,
} from './session-registry';
import { createDatabaseSessionRegistry } from './session-registry-db';
import { createInProcessRevocationFeed, type RevocationFeed } from './revocation-feed';
import { isAdmittedTenant } from './admission';
import { createPostgresRevocationFeed } from './revocation-feed-postgres';

// One registry per process, on globalThis: Next may load lib/auth more than once.
const holder = globalThis as typeof globalThis & { __partnerPortalSessions?: SessionRegistry };

/** PostgreSQL: LISTEN/NOTIFY between instances. Embedded: this process is the only writer. */
function revocationFeed(): RevocationFeed {
  const { url } = getConfig().database;
  return url ? createPostgresRevocationFeed(url) : createInProcessRevocationFeed();
}

/** The process's session registry: shared through the database, this instance's memory as the fallback. */
export function defaultSessionRegistry(): SessionRegistry {
  if (!holder.__partnerPortalSessions) {
    let available = true;
    holder.__partnerPortalSessions = createDatabaseSessionRegistry({
      database: async () => (await getDatabase()).db,
      local: createMemorySessionRegistry(),
      revocations: revocationFeed(),
      onAvailability: (now) => {
        if (now === available) return;
        available = now;
        logEvent(
          now ? 'info' : 'warn',
          now
            ? 'session registry shared again'
            : 'session registry on local memory: database unavailable',
          { outcome: now ? 'success' : 'failure' },
        );
      },
    });
  }
  return holder.__partnerPortalSessions;
}

/**
 * Why a session is refused: a verdict of its lifetime, or `unverifiable` when the registry
 * cannot rule out a sign-out (database away, session unknown to this instance), or
 * `not_admitted` when the session's tenant is no longer admitted, or `other_portal` when it
 * was signed in to another deployment.
 */
export type SessionRefusal =
  Exclude<SessionVerdict, 'active'> | 'unverifiable' | 'not_admitted' | 'other_portal';

/** Thrown inside next-auth's jwt callback: next-auth then clears the cookie and answers "no session". */
export class SessionEnded extends Error {
  constructor(readonly verdict: SessionRefusal) {
    super(`The session ended: ${verdict}`);
    this.name = 'SessionEnded';
  }
}

export function sessionLimits(config: Pick<PortalConfig, 'session'>): SessionLimits {
  return {
    maxSeconds: config.session.maxHours * 3600,
    idleSeconds: config.session.idleMinutes * 60,
  };
}

/**
 * Until when an ended session (signed out, or idle) stays refused: its sign-in plus the longest
 * lifetime the configuration allows, not the current one. An operator may raise
 * SESSION_MAX_HOURS and restart; a revocation that lapsed at the old lifetime would then let a
 * cookie copied before the sign-out in again, its own `authTime` now within the new one.
 */
export function revokedUntil(lifetime: SessionLifetime): number {
  return (lifetime.authTime + longestSessionHours * 3600) * 1000;
}

/**
 * The lifetime claims of a session that starts now (at an MFA sign-in), whose credentials Entra
 * took `credentialsAgeSeconds` before (null: Entra did not say).
 */
export async function beginSession(
  nowMs: number,
  registry: SessionRegistry = defaultSessionRegistry(),
  credentialsAgeSeconds: number | null = null,
): Promise<SessionLifetime> {
  const authTime = Math.floor(nowMs / 1000);
  const lifetime: SessionLifetime = {
    sid: randomBytes(18).toString('base64url'),
    authTime,
    ...(credentialsAgeSeconds === null
      ? {}
      : { credentialsAt: Math.max(0, authTime - Math.ceil(credentialsAgeSeconds)) }),
  };
  await registry.touch(lifetime.sid, nowMs);
  return lifetime;
}

/**
 * Throws SessionEnded unless the session JWT `token` is still active; records the use. Returns
 * the session's lifetime claims (its id and sign-in time), read once here for the caller.
 */
export async function assertSessionActive(
  token: unknown,
  config: Pick<PortalConfig, 'session'>,
  nowMs: number,
  registry: SessionRegistry = defaultSessionRegistry(),
): Promise<SessionLifetime> {
  const parsed = sessionLifetimeSchema.safeParse(token);
  const sid = parsed.success ? parsed.data.sid : null;
  const revoked = sid ? await isRevoked(registry, sid, nowMs) : false;
  const limits = sessionLimits(config);
  const lastSeenMs =
    sid && !revoked ? await registry.touch(sid, nowMs, limits.idleSeconds * 1000) : null;
  const verdict = judgeSession(token, { revoked, lastSeenMs }, limits, nowMs);
  // judgeSession parses the same claims: 'active' implies they parsed here too.
  if (verdict === 'active') {
    if (parsed.success) return parsed.data;
    throw new SessionEnded('malformed');
  }
  // An idle session is over for good: a later request with the same cookie is refused too.
  if (verdict === 'idle' && parsed.success)
    await registry.revoke(parsed.data.sid, revokedUntil(parsed.data));
  throw new SessionEnded(verdict);
}

/**
 * The deployment a session is signed in to, in its cookie (`aud`): the portal's public origin.
 * Staging and production, or two partners' deployments, may well be given one AUTH_SECRET;
 * the cookie's key alone would then let a session of one (where someone may hold more roles)
 * be pasted into the other.
 */
export function sessionAudience(config: Pick<PortalConfig, 'publicUrl'>): string {
  return new URL(config.publicUrl).origin;
}

/**
 * Throws SessionEnded unless the session was signed in to this deployment and its tenant is
 * still admitted: an operator who removes a partner from PARTNER_TENANTS ends its sessions at
 * once, not when they would expire.
 */
export function assertSessionAdmitted(
  token: unknown,
  config: Pick<PortalConfig, 'entra' | 'publicUrl'>,
): void {
  const claims = token as { aud?: unknown; tid?: unknown } | null;
  if (claims?.aud !== sessionAudience(config)) throw new SessionEnded('other_portal');
  if (typeof claims.tid !== 'string' || !isAdmittedTenant(claims.tid, config))
    throw new SessionEnded('not_admitted');
}

async function isRevoked(registry: SessionRegistry, sid: string, nowMs: number) {
  try {
    return await registry.isRevoked(sid, nowMs);
  } catch (error) {
    if (error instanceof SessionStandingUnknown) throw new SessionEnded('unverifiable');
    throw error;
  }
}

/**
 * How far a sign-out reached: every instance refuses the session (`everywhere`), or only
 * this one until the database is back (`this_instance`); `no_session` when the token was not
 * a session's.
 */
export type SignOutReach = 'everywhere' | 'this_instance' | 'no_session';

/**
 * Signs a session out on every instance: its id is refused until it would have expired under
 * any lifetime the configuration allows (`revokedUntil`), whatever SESSION_MAX_HOURS is today.
 */
export async function revokeSession(
  token: unknown,
  registry: SessionRegistry = defaultSessionRegistry(),
): Promise<SignOutReach> {
  const parsed = sessionLifetimeSchema.safeParse(token);
  if (!parsed.success) return 'no_session';
  const shared = await registry.revoke(parsed.data.sid, revokedUntil(parsed.data));
  if (shared) return 'everywhere';
  logEvent('warn', 'sign-out recorded on this instance only: database unavailable', {
    outcome: 'failure',
  });
  return 'this_instance';
}
