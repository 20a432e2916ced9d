import 'server-only';
import {
  createHash,
  createPrivateKey,
  randomUUID,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import type { PortalConfig } from '@/lib/config';

interface CertificateCredential {
  privateKey: KeyObject;
  /** base64url SHA-256 thumbprint of the certificate's DER (`x5t#S256`). */
  thumbprintSha256: string;
}

const loadedCertificates = new Map<string, CertificateCredential>();

/** Reads the PEM (certificate + private key) once per path; fails with the fix, not the content. */
function loadCertificate(path: string): CertificateCredential {
  const cached = loadedCertificates.get(path);
  if (cached) return cached;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    throw new Error(
      `Cannot read the client certificate file named by ENTRA_CLIENT_CERTIFICATE_PATH (${path}).`,
    );
  }
  const keyBlock =
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/.exec(pem)?.[0];
  const certBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!keyBlock || !certBlock) {
    throw new Error(
      'ENTRA_CLIENT_CERTIFICATE_PATH must be a PEM file holding both the certificate and its private key.',
    );
  }
  const credential = {
    privateKey: createPrivateKey(keyBlock),
    thumbprintSha256: createHash('sha256')
      .update(new X509Certificate(certBlock).raw)
      .digest('base64url'),
  };
  loadedCertificates.set(path, credential);
  return credential;
}

/**
 * Form fields that authenticate the portal at `tokenUrl`: the client secret (post), or a
 * certificate assertion (RFC 7523) signed PS256 with `x5t#S256`, audience the token URL,
 * valid 10 minutes, a fresh `jti` each time.
 */
export async function clientAuthenticationFields(
  config: PortalConfig,
  tokenUrl: string,
  nowMs = Date.now(),
): Promise<Record<string, string>> {
  const { clientId, credential } = config.entra;
  if (credential.kind === 'secret')
    return { client_id: clientId, client_secret: credential.secret };
  const certificate = loadCertificate(credential.certificatePath);
  const issuedAt = Math.floor(nowMs / 1000);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'PS256', typ: 'JWT', 'x5t#S256': certificate.thumbprintSha256 })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + 600)
    .sign(certificate.privateKey);
  return {
    client_id: clientId,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  };
}
