import { z } from 'zod';

/**
 * The lifetime facts every session JWT carries besides the user: a random session id (what
 * sign-out revokes) and when the MFA sign-in happened. Both are written once, at sign-in;
 * next-auth re-encodes the JWT on every read, but nothing here is ever moved forward, so
 * reading the session cannot extend it.
 */
export const sessionLifetimeSchema = z.object({
  sid: z.string().min(16),
  /** Seconds since the epoch of the MFA sign-in that started this session. */
  authTime: z.number().int().positive(),
  /**
   * Seconds since the epoch, on the portal's clock, when Entra last took the person's
   * credentials for that sign-in, by the id_token's `auth_time`; absent when Entra did not say.
   */
  credentialsAt: z.number().int().nonnegative().optional(),
});
export type SessionLifetime = z.infer<typeof sessionLifetimeSchema>;

/**
 * When the person last gave Entra their credentials, as far as the portal can tell: Entra's
 * `auth_time` when the sign-in stated one, else the sign-in itself (what recent-sign-in checks).
 */
export function credentialsTimeMs(lifetime: SessionLifetime): number {
  return Math.min(lifetime.authTime, lifetime.credentialsAt ?? lifetime.authTime) * 1000;
}

export interface SessionLimits {
  maxSeconds: number;
  idleSeconds: number;
}

export type SessionVerdict = 'active' | 'expired' | 'idle' | 'revoked' | 'malformed';

export interface SessionFacts {
  /** Last time this session was used, as the session registry remembers it (null: unknown). */
  lastSeenMs: number | null;
  revoked: boolean;
}

/** Judges one session on `nowMs`: absolute lifetime first, then revocation, then idleness. */
export function judgeSession(
  claims: unknown,
  facts: SessionFacts,
  limits: SessionLimits,
  nowMs: number,
): SessionVerdict {
  const parsed = sessionLifetimeSchema.safeParse(claims);
  if (!parsed.success) return 'malformed';
  const ageSeconds = nowMs / 1000 - parsed.data.authTime;
  // A sign-in "in the future" is a forged or broken clock; never trust it.
  if (ageSeconds >= limits.maxSeconds || ageSeconds < -300) return 'expired';
  if (facts.revoked) return 'revoked';
  if (facts.lastSeenMs !== null && nowMs - facts.lastSeenMs >= limits.idleSeconds * 1000)
    return 'idle';
  return 'active';
}
