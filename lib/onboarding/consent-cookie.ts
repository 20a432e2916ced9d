import 'server-only';
import { hkdfSync, randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import { onboardingFailure } from '@/lib/failure';

/**
 * The consent cookie: state, nonce and PKCE verifier of one consent attempt, bound to the
 * admin who started it. Encrypted (JWE `dir` + A256GCM) so neither the browser nor anyone
 * on the way can read the verifier or forge the binding. It must be `SameSite=None` because
 * Entra's form_post callback is a cross-site POST; Path limits it to the consent routes.
 */
export const consentCookieName = 'pp-consent';
export const consentCookiePath = '/api/consent';
export const consentCookieMaxAgeSeconds = 600;

export const consentCookieClaimsSchema = z.object({
  state: z.string().min(32),
  nonce: z.string().min(32),
  verifier: z.string().min(43).max(128),
  /** The admin who started the consent: the callback may arrive without the session cookie. */
  tid: z.string().min(1),
  oid: z.string().min(1),
  upn: z.string().min(1),
  name: z.string().optional(),
  jti: z.string().min(1),
  exp: z.number(),
});
export type ConsentCookieClaims = z.infer<typeof consentCookieClaimsSchema>;

/** 32-byte content key derived from the session secret; a distinct `info` keeps it apart from next-auth's key. */
function cookieKey(sessionSecret: string): Uint8Array {
  return new Uint8Array(
    hkdfSync('sha256', sessionSecret, 'partner-portal', 'consent-cookie A256GCM', 32),
  );
}

/** Seals the claims into the cookie value; `nowMs` only for tests of expiry. */
export async function sealConsentCookie(
  claims: Omit<ConsentCookieClaims, 'jti' | 'exp'>,
  sessionSecret: string,
  nowMs = Date.now(),
): Promise<{ value: string; jti: string; expiresAt: number }> {
  const jti = randomUUID();
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + consentCookieMaxAgeSeconds;
  const value = await new EncryptJWT({ ...claims })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .encrypt(cookieKey(sessionSecret));
  return { value, jti, expiresAt: exp * 1000 };
}

/** Opens the cookie; missing, expired, tampered or foreign cookies become PortalFailures (lib/failure). */
export async function openConsentCookie(
  value: string | undefined,
  sessionSecret: string,
  nowMs = Date.now(),
): Promise<ConsentCookieClaims> {
  if (!value) throw onboardingFailure('cookie_missing');
  let payload: unknown;
  try {
    ({ payload } = await jwtDecrypt(value, cookieKey(sessionSecret), {
      currentDate: new Date(nowMs),
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    }));
  } catch (err) {
    const expired = err instanceof Error && 'code' in err && err.code === 'ERR_JWT_EXPIRED';
    throw onboardingFailure(expired ? 'cookie_missing' : 'cookie_invalid', {}, err);
  }
  const parsed = consentCookieClaimsSchema.safeParse(payload);
  if (!parsed.success) throw onboardingFailure('cookie_invalid');
  return parsed.data;
}

/** The Set-Cookie header that stores the consent cookie. */
export function consentCookieHeader(value: string): string {
  return `${consentCookieName}=${value}; Path=${consentCookiePath}; Max-Age=${consentCookieMaxAgeSeconds}; HttpOnly; Secure; SameSite=None`;
}

/** The Set-Cookie header that burns the consent cookie (single use). */
export function clearedConsentCookieHeader(): string {
  return `${consentCookieName}=; Path=${consentCookiePath}; Max-Age=0; HttpOnly; Secure; SameSite=None`;
}

/**
 * The admin a consent cookie belongs to, or null when it cannot be read. Used only to decide
 * who may see a failure page; the callback itself always runs the full checks.
 */
export async function peekConsentOwner(
  value: string | undefined,
  sessionSecret: string,
): Promise<{ tid: string; oid: string } | null> {
  try {
    const { tid, oid } = await openConsentCookie(value, sessionSecret);
    return { tid, oid };
  } catch {
    return null;
  }
}
