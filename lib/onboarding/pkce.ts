import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, base64url: for state, nonce and the PKCE verifier (43 chars). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** RFC 7636 S256 challenge of a verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
