/**
 * Contract test: the official Key Vault SDK and Azure Identity credentials, unchanged but for
 * base URLs (and the test CA the workers trust through NODE_EXTRA_CA_CERTS), against a
 * started emulator: challenge auth, client credentials by secret and by certificate.
 */
import { setTimeout as pause } from 'node:timers/promises';
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  type TokenCredential,
} from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator';
import { testTlsDir } from '../../../test/support/tls-global-setup';
import { ensureTls } from '../core/tls';
import { portalApp } from '../seed/identities';

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

function credentials(): Array<[string, TokenCredential]> {
  const options = { authorityHost: emulator.endpoints.loginUrl, disableInstanceDiscovery: true };
  return [
    [
      'ClientSecretCredential',
      new ClientSecretCredential(
        portalApp.homeTenantId,
        portalApp.clientId,
        portalApp.clientSecret,
        options,
      ),
    ],
    [
      'ClientCertificateCredential',
      new ClientCertificateCredential(
        portalApp.homeTenantId,
        portalApp.clientId,
        { certificatePath: ensureTls(testTlsDir).appCertificateFile },
        options,
      ),
    ],
  ];
}

describe('@azure/keyvault-secrets SecretClient against the emulator', () => {
  it.each([0, 1])(
    'runs set / get / versions / delete / recover / purge (credential %i: secret, certificate)',
    async (which) => {
      const [label, credential] = credentials()[which]!;
      const client = new SecretClient(emulator.endpoints.vaultUrl, credential, {
        disableChallengeResourceVerification: true,
      });
      const name = `sdk-contract-${which}`;
      const poll = { intervalInMs: 20 };

      const first = await client.setSecret(name, 'refresh-token-1', {
        contentType: 'text/plain',
        tags: { via: label },
      });
      const second = await client.setSecret(name, 'refresh-token-2');
      expect(first.properties.version).toMatch(/^[0-9a-f]{32}$/);
      expect((await client.getSecret(name)).value).toBe('refresh-token-2');
      expect((await client.getSecret(name, { version: first.properties.version! })).value).toBe(
        'refresh-token-1',
      );

      const versions: string[] = [];
      for await (const properties of client.listPropertiesOfSecretVersions(name))
        versions.push(properties.version!);
      expect(versions.sort()).toEqual([first.properties.version, second.properties.version].sort());

      const deleted = await (await client.beginDeleteSecret(name, poll)).pollUntilDone();
      expect(deleted.recoveryId).toBe(`${emulator.endpoints.vaultUrl}/deletedsecrets/${name}`);
      await expect(client.getSecret(name)).rejects.toMatchObject({
        statusCode: 404,
        code: 'SecretNotFound',
      });

      await (await client.beginRecoverDeletedSecret(name, poll)).pollUntilDone();
      expect((await client.getSecret(name)).value).toBe('refresh-token-2');

      await (await client.beginDeleteSecret(name, poll)).pollUntilDone();
      await client.purgeDeletedSecret(name);
      await expect(client.getDeletedSecret(name)).rejects.toMatchObject({ statusCode: 404 });
      const counters = await emulator.control<Record<string, number>>('counters');
      expect(counters['vault.op.purge']).toBeGreaterThanOrEqual(1);
    },
  );

  it('a deletion that takes time: its name is 409 ObjectIsBeingDeleted until the delete poller is done', async () => {
    const [, credential] = credentials()[0]!;
    const client = new SecretClient(emulator.endpoints.vaultUrl, credential, {
      disableChallengeResourceVerification: true,
    });
    const name = 'sdk-contract-slow-delete';
    await client.setSecret(name, 'refresh-token-1');
    await emulator.control('vault/deletion', { seconds: 2 });
    try {
      const deleting = await client.beginDeleteSecret(name, { intervalInMs: 200 });
      const beingDeleted = { statusCode: 409, code: 'Conflict' };
      await expect(client.setSecret(name, 'refresh-token-2')).rejects.toMatchObject(beingDeleted);
      await expect(client.beginRecoverDeletedSecret(name)).rejects.toMatchObject(beingDeleted);
      await expect(client.getDeletedSecret(name)).rejects.toMatchObject({ statusCode: 404 });
      // The SDK's poller reads the 404 as "still deleting" and waits it out.
      await deleting.pollUntilDone();
      await (await client.beginRecoverDeletedSecret(name, { intervalInMs: 20 })).pollUntilDone();
      expect((await client.getSecret(name)).value).toBe('refresh-token-1');
    } finally {
      await emulator.control('vault/deletion', { seconds: 0 });
    }
  });

  it("a recovery that takes time: the SDK's recover poller waits out the 404s; its name is 409 ObjectIsBeingRecovered meanwhile", async () => {
    const [, credential] = credentials()[0]!;
    const client = new SecretClient(emulator.endpoints.vaultUrl, credential, {
      disableChallengeResourceVerification: true,
    });
    const name = 'sdk-contract-slow-recover';
    await client.setSecret(name, 'refresh-token-1');
    await (await client.beginDeleteSecret(name, { intervalInMs: 20 })).pollUntilDone();
    // Settles only when the test moves the emulator clock: no race with real time.
    await emulator.control('vault/recovery', { seconds: 60 });
    try {
      // The poller's start: GET (404), POST recover (200), GET (404 while recovering).
      const recovering = await client.beginRecoverDeletedSecret(name, { intervalInMs: 50 });
      expect(recovering.isDone()).toBe(false);
      await expect(client.getSecret(name)).rejects.toMatchObject({
        statusCode: 404,
        code: 'SecretNotFound',
      });
      await expect(client.setSecret(name, 'refresh-token-2')).rejects.toMatchObject({
        statusCode: 409,
        code: 'Conflict',
        message: `Secret ${name} is currently being recovered and cannot be re-created; retry later.`,
      });
      await expect(client.getDeletedSecret(name)).rejects.toMatchObject({ statusCode: 404 });
      const gets = () => emulator.context.counters.get('vault.op.get');
      const before = gets();
      const done = recovering.pollUntilDone();
      await pause(400);
      // Still polling: every GET so far answered 404.
      expect(recovering.isDone()).toBe(false);
      expect(gets() - before).toBeGreaterThanOrEqual(2);
      await emulator.control('clock', { advanceSeconds: 60 });
      expect((await done).name).toBe(name);
      expect((await client.getSecret(name)).value).toBe('refresh-token-1');
      expect((await client.setSecret(name, 'refresh-token-2')).value).toBe('refresh-token-2');
    } finally {
      await emulator.control('vault/recovery', { seconds: 0 });
    }
  });
});
