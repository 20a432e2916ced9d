import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import type { PortalConfig } from '@/lib/config';
import { appCredentialFacts } from './credential';

const entra = (credential: PortalConfig['entra']['credential']) =>
  ({ entra: { credential } }) as PortalConfig;

/** The certificates' folders, removed after the tests: each holds a private key. */
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function certificateFile(notAfter: Date): string {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(notAfter.getTime() - 365 * 86_400_000);
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: 'commonName', value: 'portal' }]);
  cert.setIssuer([{ name: 'commonName', value: 'portal' }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const folder = mkdtempSync(path.join(tmpdir(), 'alerts-cert-'));
  folders.push(folder);
  const file = path.join(folder, 'app.pem');
  writeFileSync(
    file,
    `${forge.pki.certificateToPem(cert)}${forge.pki.privateKeyToPem(keys.privateKey)}`,
  );
  return file;
}

describe("the app credential's expiry", () => {
  it("is the certificate's notAfter, read from the configured PEM", async () => {
    const notAfter = new Date('2027-03-04T05:06:07Z');
    expect(
      await appCredentialFacts(
        entra({ kind: 'certificate', certificatePath: certificateFile(notAfter) }),
      ),
    ).toEqual({ kind: 'certificate', expiresAt: notAfter.getTime() });
  });

  it('is ENTRA_CLIENT_SECRET_EXPIRES_AT for a secret, unknown when unset, and unreadable as such', async () => {
    expect(
      await appCredentialFacts(entra({ kind: 'secret', secret: 's', expiresAt: '2027-01-31' })),
    ).toEqual({ kind: 'client secret', expiresAt: Date.UTC(2027, 0, 31) });
    expect(await appCredentialFacts(entra({ kind: 'secret', secret: 's' }))).toBeNull();
    expect(
      await appCredentialFacts(
        entra({ kind: 'certificate', certificatePath: path.join(tmpdir(), 'no-such-file.pem') }),
      ),
    ).toEqual({ kind: 'certificate', expiresAt: null, unreadable: true });
  });
});
