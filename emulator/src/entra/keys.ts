import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import forge from 'node-forge';
import { errors as joseErrors, jwtVerify, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { z } from 'zod';
import type { Clock } from '../core/clock';
import { TokenRejected, type TokenVerifier, type VerifiedClaims } from '../core/service';

const persistedKeySchema = z.object({ privateKeyPem: z.string(), certificatePem: z.string() });
export type PersistedSigningKey = z.infer<typeof persistedKeySchema>;

function base64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

/** A self-signed certificate around the signing key: JWKS publishes it as `x5c`. */
function selfSignedCertificate(privateKeyPem: string, publicKeyPem: string): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000);
  const subject = [{ name: 'commonName', value: 'accounts.emulator.local' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

function generate(): PersistedSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem, certificatePem: selfSignedCertificate(privateKeyPem, publicKeyPem) };
}

/**
 * Entra's token signing key: RS256, published in the JWKS with `kid` = `x5t` (SHA-1
 * thumbprint of the certificate, as Microsoft does) and the certificate in `x5c`.
 * Generated at start; persisted with the Entra state so tokens survive a restart.
 */
export class EntraSigningKeys {
  #persisted!: PersistedSigningKey;
  #privateKey!: KeyObject;
  #certificate!: X509Certificate;

  constructor(existing?: PersistedSigningKey) {
    this.load(existing ?? generate());
  }

  load(persisted: unknown): void {
    const parsed = persistedKeySchema.parse(persisted);
    this.#persisted = parsed;
    this.#privateKey = createPrivateKey(parsed.privateKeyPem);
    this.#certificate = new X509Certificate(parsed.certificatePem);
  }

  export(): PersistedSigningKey {
    return this.#persisted;
  }

  get kid(): string {
    return base64url(createHash('sha1').update(this.#certificate.raw).digest());
  }

  get privateKey(): KeyObject {
    return this.#privateKey;
  }

  get publicKey(): KeyObject {
    return this.#certificate.publicKey;
  }

  /** One JWKS entry; v2 key sets add the issuer template. */
  jwk(issuer?: string): JWK & Record<string, unknown> {
    const exported = this.publicKey.export({ format: 'jwk' });
    return {
      kty: 'RSA',
      use: 'sig',
      kid: this.kid,
      x5t: this.kid,
      n: exported.n,
      e: exported.e,
      x5c: [this.#certificate.raw.toString('base64')],
      ...(issuer ? { issuer } : {}),
    };
  }
}

/**
 * Verifies tokens the emulator's Entra ID issued, for Key Vault and Partner Center:
 * RS256 signature with the current key, `exp`/`nbf` on the emulator clock, audience.
 */
export class EntraTokenVerifier implements TokenVerifier {
  constructor(
    private readonly keys: EntraSigningKeys,
    private readonly clock: Clock,
  ) {}

  async verify(token: string, expected: { audience: string }): Promise<VerifiedClaims> {
    try {
      const header = decodeProtectedHeader(token);
      if (header.kid !== this.keys.kid)
        throw new TokenRejected('unknown signing key', {
          kind: 'unknown-key',
          encodedHeader: token.split('.')[0]!,
        });
      const { payload } = await jwtVerify(token, this.keys.publicKey, {
        algorithms: ['RS256'],
        audience: expected.audience,
        currentDate: new Date(this.#holderNow(token)),
        clockTolerance: 0,
      });
      if (
        typeof payload.tid !== 'string' ||
        typeof payload.iss !== 'string' ||
        typeof payload.exp !== 'number'
      ) {
        throw new TokenRejected('token lacks tid, iss or exp');
      }
      return payload as VerifiedClaims;
    } catch (error) {
      throw joseRejection(error, token);
    }
  }

  /**
   * A held token ages in real time from its issue: the clock's offset at `iat`, not today's,
   * so advancing the clock expires stored grants but not the access tokens clients cache.
   */
  #holderNow(token: string): number {
    const { iat } = decodeJwt(token);
    return typeof iat === 'number'
      ? Date.now() + this.clock.offsetAt(iat * 1000)
      : this.clock.now();
  }
}

/** A `jose` verification failure as the rejection a service answers with. */
export function joseRejection(error: unknown, token: string): TokenRejected {
  if (error instanceof TokenRejected) return error;
  if (error instanceof joseErrors.JWTExpired)
    return new TokenRejected('token expired', { kind: 'expired' });
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      const aud = decodeJwt(token).aud;
      return new TokenRejected('invalid aud claim', {
        kind: 'audience',
        found: Array.isArray(aud) ? aud.join(', ') : String(aud ?? ''),
      });
    }
    if (error.claim === 'nbf')
      return new TokenRejected('token not yet valid', { kind: 'not-yet-valid' });
    return new TokenRejected(`invalid ${error.claim} claim`);
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return new TokenRejected('signature invalid', { kind: 'signature' });
  return new TokenRejected('malformed token');
}
