import 'server-only';
import { hkdfSync, randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { JWT, JWTDecodeParams, JWTEncodeParams } from 'next-auth/jwt';

/**
 * next-auth's session JWT (JWE, `dir` + A256GCM, key derived from the secret by HKDF), the
 * same format byte for byte, with the derived key kept: next-auth's own codec runs HKDF
 * twice per page (decode, then re-issue), 3.5 % of a page's CPU in bench/profile.ts.
 * Cookies made by either codec open with the other (session-jwt.test.ts).
 */
const keys = new Map<string, Uint8Array>();

function encryptionKey(secret: string | Buffer, salt: string): Uint8Array {
  const id = `${salt}\u0000${secret.toString()}`;
  let key = keys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ''}`;
    key = new Uint8Array(hkdfSync('sha256', secret, salt, info, 32));
    // One secret in practice (two during a rotation); the bound is for safety only.
    if (keys.size >= 8) keys.clear();
    keys.set(id, key);
  }
  return key;
}

const defaultMaxAge = 30 * 86_400;

export async function encodeSessionJwt(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, maxAge = defaultMaxAge, salt = '' } = params;
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(encryptionKey(secret, salt));
}

export async function decodeSessionJwt(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt = '' } = params;
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, encryptionKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}
