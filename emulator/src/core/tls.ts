import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/** Files the emulator's HTTPS servers and the tests use; all under a git-ignored folder. */
export interface TlsMaterial {
  /** The local CA certificate (PEM); clients trust it through NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** Server certificate (PEM) for `localhost` and `127.0.0.1`, signed by the CA. */
  certFile: string;
  keyFile: string;
  /** The portal app registration's client certificate: certificate + private key in one PEM. */
  appCertificateFile: string;
  /**
   * Base64 SHA-256 of the server certificate's SubjectPublicKeyInfo, for Chromium's
   * `--ignore-certificate-errors-spki-list`: the browser trusts exactly this key.
   */
  serverSpkiSha256: string;
}

interface Subject {
  commonName: string;
  organization?: string;
}

/** RSA keys come from Node's native generator: node-forge's pure-JS one takes seconds. */
function newRsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function attributes(subject: Subject): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = [{ name: 'commonName', value: subject.commonName }];
  if (subject.organization) attrs.push({ name: 'organizationName', value: subject.organization });
  return attrs;
}

/** Builds and signs an X.509 certificate; `issuer` absent = self-signed. */
function makeCertificate(options: {
  subject: Subject;
  publicKeyPem: string;
  signingKeyPem: string;
  issuer?: forge.pki.Certificate;
  years: number;
  extensions: object[];
}): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(options.publicKeyPem);
  // Positive serial: a leading 0x00..0x7f byte keeps the DER INTEGER non-negative.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + options.years * 365 * 24 * 3600 * 1000);
  cert.setSubject(attributes(options.subject));
  cert.setIssuer(options.issuer ? options.issuer.subject.attributes : attributes(options.subject));
  cert.setExtensions(options.extensions);
  cert.sign(forge.pki.privateKeyFromPem(options.signingKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

function ensureCa(dir: string): { certPem: string; keyPem: string } {
  const certFile = path.join(dir, 'ca.pem');
  const keyFile = path.join(dir, 'ca-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
  }
  const keys = newRsaKeyPair();
  const certPem = makeCertificate({
    subject: {
      commonName: 'Partner Portal Emulator Local CA',
      organization: 'Partner Portal (local only)',
    },
    publicKeyPem: keys.publicKeyPem,
    signingKeyPem: keys.privateKeyPem,
    years: 10,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(certFile, certPem);
  return { certPem, keyPem: keys.privateKeyPem };
}

/** The server certificate is reused while it is signed by the current CA. */
function ensureServerCertificate(dir: string, ca: { certPem: string; keyPem: string }): void {
  const certFile = path.join(dir, 'server.pem');
  const keyFile = path.join(dir, 'server-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const existing = new X509Certificate(readFileSync(certFile));
    if (existing.checkIssued(new X509Certificate(ca.certPem))) return;
  }
  const keys = newRsaKeyPair();
  const certPem = makeCertificate({
    subject: { commonName: 'localhost' },
    publicKeyPem: keys.publicKeyPem,
    signingKeyPem: ca.keyPem,
    issuer: forge.pki.certificateFromPem(ca.certPem),
    years: 2,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(certFile, certPem);
}

function ensureAppCertificate(file: string): void {
  if (existsSync(file)) return;
  const keys = newRsaKeyPair();
  const certPem = makeCertificate({
    subject: { commonName: 'Partner Portal (local) client certificate' },
    publicKeyPem: keys.publicKeyPem,
    signingKeyPem: keys.privateKeyPem,
    years: 2,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
    ],
  });
  writeFileSync(file, certPem + keys.privateKeyPem, { mode: 0o600 });
}

function spkiSha256(certPem: string): string {
  const spkiDer = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spkiDer).digest('base64');
}

/**
 * Runs `create` while holding `<dir>/.lock` (a directory: mkdir is atomic), so a vitest run
 * and a Playwright run starting together never write two different CAs. A lock older than
 * 30 s is stale (a crashed process) and is taken over.
 */
function withDirectoryLock<T>(dir: string, create: () => T): T {
  const lock = path.join(dir, '.lock');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 30_000 || Date.now() > deadline) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return create();
  } finally {
    rmdirSync(lock);
  }
}

/**
 * Creates (or reuses) the emulator's TLS material in `dir`: a local CA, a server certificate
 * it signs (SAN `localhost`, `127.0.0.1`) and the portal app's self-signed client certificate.
 * Synchronous so Playwright and vitest configs can call it while they load.
 */
export function ensureTls(dir: string): TlsMaterial {
  const absolute = path.resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const appCertificateFile = path.join(absolute, 'app-cert.pem');
  withDirectoryLock(absolute, () => {
    const ca = ensureCa(absolute);
    ensureServerCertificate(absolute, ca);
    ensureAppCertificate(appCertificateFile);
  });
  const certFile = path.join(absolute, 'server.pem');
  return {
    caFile: path.join(absolute, 'ca.pem'),
    certFile,
    keyFile: path.join(absolute, 'server-key.pem'),
    appCertificateFile,
    serverSpkiSha256: spkiSha256(readFileSync(certFile, 'utf8')),
  };
}
