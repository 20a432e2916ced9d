import 'server-only';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PortalConfig } from '@/lib/config';
import type { AppCredentialFacts } from './conditions';

/** When the app's credential ends: the certificate's notAfter, or ENTRA_CLIENT_SECRET_EXPIRES_AT. */
export async function appCredentialFacts(config: PortalConfig): Promise<AppCredentialFacts | null> {
  const credential = config.entra.credential;
  if (credential.kind === 'secret')
    return credential.expiresAt
      ? { kind: 'client secret', expiresAt: Date.parse(credential.expiresAt) }
      : null;
  try {
    const pem = await readFile(credential.certificatePath, 'utf8');
    const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
    return block
      ? { kind: 'certificate', expiresAt: Date.parse(new X509Certificate(block).validTo) }
      : null;
  } catch {
    // The onboarding checks and sign-in report an unreadable certificate; alerts keep what
    // they knew of its expiry (conditions.ts).
    return { kind: 'certificate', expiresAt: null, unreadable: true };
  }
}
