import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals an access token for the shared table: AES-256-GCM under a key derived (HKDF-SHA256)
 * from AUTH_SECRET, bound to its tenant, resource and expiry (additional data), so a row
 * moved to another tenant or given a later expiry no longer opens. The database holds
 * ciphertext only; every instance has AUTH_SECRET already (sessions need the same one).
 */
export interface SealedTokenKey {
  seal(token: string, binding: string): string;
  /** The token, or null when the ciphertext or its binding was tampered with or the key differs. */
  open(sealed: string, binding: string): string | null;
}

export function sealedTokenKey(authSecret: string): SealedTokenKey {
  const key = Buffer.from(
    hkdfSync('sha256', authSecret, 'partner-portal', 'shared-access-token-v1', 32),
  );
  return {
    seal(token, binding) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(binding, 'utf8'));
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed, binding) {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        // The full 16-byte tag: without the length GCM takes a tag as short as 4 bytes.
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12), {
          authTagLength: 16,
        });
        decipher.setAAD(Buffer.from(binding, 'utf8'));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return null;
      }
    },
  };
}
