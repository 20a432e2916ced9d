import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Target destinations (webhook URLs, SMTP passwords, signing secrets) are stored sealed:
 * AES-256-GCM with a key derived from AUTH_SECRET by HKDF-SHA256, the target's id as
 * additional data so a sealed value cannot be moved to another row. Format: `v1.<iv>.<ciphertext+tag>`.
 */
const info = Buffer.from('partner-portal alert target secrets v1');
const salt = Buffer.from('partner-portal/alerts');

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), salt, info, 32));
}

export function seal(plain: string, id: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  cipher.setAAD(Buffer.from(id, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** Throws when the value was sealed for another id, with another key, or altered. */
export function unseal(sealed: string, id: string, secret: string): string {
  const [version, iv, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !body) throw new Error('Unknown sealed format.');
  const bytes = Buffer.from(body, 'base64url');
  // The full 16-byte tag: without the length GCM accepts a tag cut to 4 bytes.
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64url'), {
    authTagLength: 16,
  });
  decipher.setAAD(Buffer.from(id, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([
    decipher.update(bytes.subarray(0, bytes.length - 16)),
    decipher.final(),
  ]).toString('utf8');
}
