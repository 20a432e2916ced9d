import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { portalApp } from '@/emulator/src/seed/identities';
import { emulatorConfig } from '@/test/support/emulator-config';
import { startTestEmulator, type TestEmulator } from '@/test/support/emulator';
import { createSecretClient } from './client';
import { toVaultError, type VaultError } from './errors';
import { createRefreshTokenStore, refreshTokenContentType, secretNameFor } from './index';

const tenant = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const meta = {
  upn: 'admin@fabrikamsolutions.onmicrosoft.com',
  oid: 'b2000000-0000-4000-8000-000000000001',
  mfa: true,
  clientId: portalApp.clientId,
  endpointVersion: 'v2' as const,
};

/** A 409 as the SDK throws it, with Key Vault's inner code in its parsed body. */
function conflict(innerCode: string) {
  return {
    name: 'RestError',
    statusCode: 409,
    code: 'Conflict',
    details: { error: { code: 'Conflict', innerError: { code: innerCode } } },
  };
}

describe('toVaultError', () => {
  it.each([
    [{ name: 'RestError', statusCode: 403, code: 'Forbidden' }, 'vault_forbidden'],
    [{ name: 'RestError', statusCode: 404, code: 'SecretNotFound' }, 'vault_not_found'],
    [{ name: 'RestError', statusCode: 409, code: 'Conflict' }, 'vault_conflict'],
    // The SDK's parsed body names the state behind the 409 (innererror).
    [conflict('ObjectIsDeletedButRecoverable'), 'vault_conflict'],
    [conflict('ObjectIsBeingDeleted'), 'vault_being_deleted'],
    [conflict('ObjectIsBeingRecovered'), 'vault_being_recovered'],
    [{ name: 'RestError', statusCode: 503 }, 'vault_unavailable'],
    [{ name: 'RestError', code: 'REQUEST_SEND_ERROR' }, 'vault_unavailable'],
    [{ name: 'CredentialUnavailableError' }, 'vault_credential'],
    [{ name: 'AuthenticationError', statusCode: 401 }, 'vault_credential'],
    // The identity endpoint (managed identity, Entra) throttling or failing: an outage.
    [{ name: 'AuthenticationError', statusCode: 429 }, 'vault_unavailable'],
    [{ name: 'AuthenticationError', statusCode: 503 }, 'vault_unavailable'],
    [{ name: 'RestError', statusCode: 400 }, 'vault_error'],
    // Key Vault's own throttling: busy, not down (lib/vault/retry-after.ts).
    [{ name: 'RestError', statusCode: 429, code: 'Throttled' }, 'vault_throttled'],
  ])('%o -> %s', (shape, code) => {
    const err = toVaultError('get', Object.assign(new Error('value=super-secret'), shape));
    expect(err.code).toBe(code);
    expect(err.message).not.toContain('super-secret');
    expect(err.fix.length).toBeGreaterThan(10);
  });

  it('refuses a tenant id that is not a GUID (no path injection into the secret name)', () => {
    expect(() => secretNameFor('../other')).toThrow(TypeError);
    expect(secretNameFor(tenant.toUpperCase())).toBe(`sam-refresh-token-${tenant}`);
  });
});

describe('refresh-token store against the emulator vault', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => emulator?.close());

  it('saves with content type, tags and a 90-day expiry; reads back; keeps history without values', async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    expect(await store.readRefreshToken(tenant)).toBeNull();
    const first = await store.saveRefreshToken(tenant, 'rt-one', meta);
    const second = await store.saveRefreshToken(tenant, 'rt-two', { ...meta, upn: 'admin2@x' });
    const current = await store.readRefreshToken(tenant);
    expect(current).toMatchObject({
      value: 'rt-two',
      version: second.version,
      tags: { 'minted-by': 'admin2@x', mfa: 'true', purpose: 'consent' },
    });
    const days = (current!.expiresOn!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const history = await store.listRefreshTokenVersions(tenant);
    expect(history.map((v) => v.version).sort()).toEqual([first.version, second.version].sort());
    expect(JSON.stringify(history)).not.toMatch(/rt-one|rt-two/);
    // The content type as Key Vault keeps it, read past the store.
    const raw = await createSecretClient(emulatorConfig(emulator)).getSecret(secretNameFor(tenant));
    expect(raw.properties.contentType).toBe(refreshTokenContentType);
    expect(refreshTokenContentType).toMatch(/refresh-token/);
  });

  it('write-back is conditional on the redeemed version still being current', async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    const redeemed = await store.saveRefreshToken(tenant, 'rt-redeemed', meta);
    const newer = await store.saveRefreshToken(tenant, 'rt-newer-consent', meta);
    expect(
      await store.saveRotatedRefreshToken(tenant, 'rt-rotated', {
        expectedCurrentVersion: redeemed.version,
      }),
    ).toEqual({ status: 'superseded', currentVersion: newer.version });
    expect((await store.readRefreshToken(tenant))?.value).toBe('rt-newer-consent');
    const saved = await store.saveRotatedRefreshToken(tenant, 'rt-rotated', {
      expectedCurrentVersion: newer.version,
    });
    expect(saved.status).toBe('saved');
    expect(await store.readRefreshToken(tenant)).toMatchObject({
      value: 'rt-rotated',
      tags: { purpose: 'rotation', 'minted-by': meta.upn },
    });
  });

  it('after a rotation the redeemed version is disabled: Key Vault refuses it (403 SecretDisabled), the current one reads', async () => {
    const client = createSecretClient(emulatorConfig(emulator));
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator), client });
    const redeemed = await store.saveRefreshToken(tenant, 'rt-redeemed-then-replaced', meta);
    const updates = () => emulator.context.counters.get('vault.op.update');
    const updatesBefore = updates();
    const saved = await store.saveRotatedRefreshToken(tenant, 'rt-rotated-current', {
      expectedCurrentVersion: redeemed.version,
    });
    expect(saved.status).toBe('saved');
    // One more Key Vault call than the write itself: the PATCH of the redeemed version.
    expect(updates() - updatesBefore).toBe(1);
    const name = secretNameFor(tenant);
    const old = await client
      .getSecret(name, { version: redeemed.version })
      .catch((e: unknown) => e);
    expect(toVaultError('get', old)).toMatchObject({
      code: 'vault_secret_disabled',
      details: { status: 403 },
    });
    expect(String(old)).not.toContain('rt-redeemed-then-replaced');
    const current = saved.status === 'saved' ? saved.version : '';
    expect(await store.readRefreshToken(tenant)).toMatchObject({
      value: 'rt-rotated-current',
      version: current,
    });
    // By version: the history's order by `createdOn` cannot tell two versions of one second apart.
    const history = await store.listRefreshTokenVersions(tenant);
    expect(history.find((v) => v.version === redeemed.version)?.enabled).toBe(false);
    expect(history.find((v) => v.version === current)).toMatchObject({
      enabled: true,
      purpose: 'rotation',
    });
    expect((await store.listConnectedTenants()).map((t) => t.tenantId)).toContain(tenant);
  });

  it('a consent disables the version it replaced, and a reconnect the one its recovery brought back', async () => {
    const client = createSecretClient(emulatorConfig(emulator));
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator), client });
    const name = secretNameFor(tenant);
    const enabled = async (version: string) =>
      (await store.listRefreshTokenVersions(tenant)).find((v) => v.version === version)?.enabled;
    const first = await store.saveRefreshToken(tenant, 'rt-first-grant', meta);
    const second = await store.saveRefreshToken(tenant, 'rt-second-grant', meta);
    expect(await enabled(first.version)).toBe(false);
    expect(await enabled(second.version)).toBe(true);
    await store.deleteRefreshToken(tenant);
    const third = await store.saveRefreshToken(tenant, 'rt-after-reconnect', meta);
    // The recovered secret served the disconnected grant's token: disabled under the new one.
    expect(await enabled(second.version)).toBe(false);
    expect(await enabled(third.version)).toBe(true);
    await expect(client.getSecret(name, { version: second.version })).rejects.toMatchObject({
      statusCode: 403,
    });
    expect((await store.readRefreshToken(tenant))?.value).toBe('rt-after-reconnect');
  });

  it('a write-back racing a disconnect does not connect the tenant again', async () => {
    const client = createSecretClient(emulatorConfig(emulator));
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator), client });
    const redeemed = await store.saveRefreshToken(tenant, 'rt-before-disconnect', meta);
    // The admin's disconnect lands between the write-back's check and its write.
    const racing = createRefreshTokenStore({
      config: emulatorConfig(emulator),
      client: Object.assign(Object.create(client) as typeof client, {
        getSecret: async (...args: Parameters<typeof client.getSecret>) => {
          const read = await client.getSecret(...args);
          await (await client.beginDeleteSecret(secretNameFor(tenant))).pollUntilDone();
          return read;
        },
      }),
    });
    expect(
      await racing.saveRotatedRefreshToken(tenant, 'rt-rotated-after-disconnect', {
        expectedCurrentVersion: redeemed.version,
      }),
    ).toEqual({ status: 'superseded', currentVersion: null });
    expect(await store.readRefreshToken(tenant)).toBeNull();
    expect((await store.listConnectedTenants()).map((t) => t.tenantId)).not.toContain(tenant);
    // A consent still connects it again.
    await store.saveRefreshToken(tenant, 'rt-consent-after', meta);
    expect((await store.readRefreshToken(tenant))?.value).toBe('rt-consent-after');
  });

  it("a tenant's idle time counts from its token's writing, not from an edit of the secret's tags", async () => {
    const client = createSecretClient(emulatorConfig(emulator));
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator), client });
    const saved = await store.saveRefreshToken(tenant, 'rt-tagged-later', meta);
    const written = (await store.connectedTenant(tenant))?.updatedAt;
    expect(written).toBeInstanceOf(Date);
    // Two minutes on, an operator adds a tag in Azure's portal: Key Vault moves the version's
    // `updated`, but the refresh token in it is as old as before, and as idle.
    await emulator.control('clock', { advanceSeconds: 120 });
    const { tags } = (await client.getSecret(secretNameFor(tenant))).properties;
    await client.updateSecretProperties(secretNameFor(tenant), saved.version, {
      tags: { ...tags, reviewedBy: 'ops' },
    });
    const listed = (await store.listConnectedTenants()).find((t) => t.tenantId === tenant);
    expect(listed?.updatedAt).toEqual(written);
    expect((await store.connectedTenant(tenant))?.updatedAt).toEqual(written);
  });

  it('a disabled secret is named as such, not as the identity lacking access; a consent stores an enabled one', async () => {
    const client = createSecretClient(emulatorConfig(emulator));
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator), client });
    const saved = await store.saveRefreshToken(tenant, 'rt-soon-disabled', meta);
    await client.updateSecretProperties(secretNameFor(tenant), saved.version, { enabled: false });
    const refused = await store.readRefreshToken(tenant).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({
      code: 'vault_secret_disabled',
      problem: expect.stringMatching(/disabled in Key Vault/),
      fix: expect.stringMatching(/connect Partner Center again/),
      details: { operation: 'get', status: 403 },
    });
    expect(String((refused as Error).message)).not.toContain('rt-soon-disabled');
    // The fix it names works: connecting again stores a new, enabled version.
    await store.saveRefreshToken(tenant, 'rt-after-disabled', meta);
    expect((await store.readRefreshToken(tenant))?.value).toBe('rt-after-disabled');
  });

  // Key Vault answers a name never written with an empty list, not 404 (emulator/README.md).
  it('lists no versions of a tenant that never connected', async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    expect(await store.listRefreshTokenVersions('7c1e5a90-3d2f-4b68-9e14-0a8b6c2d4f11')).toEqual(
      [],
    );
  });

  it('lists connected tenants and soft-deletes on disconnect', async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    await store.saveRefreshToken(tenant, 'rt-x', meta);
    expect((await store.listConnectedTenants()).map((t) => t.tenantId)).toContain(tenant);
    // One tenant's entry with one read: the listing's facts, never the value.
    const listed = (await store.listConnectedTenants()).find((t) => t.tenantId === tenant);
    const one = await store.connectedTenant(tenant);
    expect(one).toEqual({ ...listed, expiresOn: one?.expiresOn });
    expect(JSON.stringify(one)).not.toContain('rt-x');
    await store.deleteRefreshToken(tenant);
    expect(await store.readRefreshToken(tenant)).toBeNull();
    expect(await store.connectedTenant(tenant)).toBeNull();
    // Deleted, no version is listed: the same answer as for a secret never written.
    expect(await store.listRefreshTokenVersions(tenant)).toEqual([]);
    expect((await store.listConnectedTenants()).map((t) => t.tenantId)).not.toContain(tenant);
    // Connecting again recovers the soft-deleted secret and adds a version on top.
    await store.saveRefreshToken(tenant, 'rt-reconnected', meta);
    expect((await store.readRefreshToken(tenant))?.value).toBe('rt-reconnected');
    expect((await store.listRefreshTokenVersions(tenant)).length).toBeGreaterThan(1);
  });

  it.each([
    ['503', { kind: 'status', status: 503 }],
    ['429 without a wait', { kind: 'status', status: 429 }],
    ['429 with a long wait', { kind: 'throttle', retryAfterSeconds: 30 }],
  ])(
    'a disconnect is done once Key Vault answered its DELETE, whatever the look at the deleted secret then gets (%s)',
    async (_, fault) => {
      const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
      await store.saveRefreshToken(tenant, 'rt-disconnected', meta);
      const deletes = () => emulator.context.counters.get('vault.op.delete');
      const before = deletes();
      // The SDK's poller sends the DELETE, then at once GETs /deletedsecrets/{name}: only that fails.
      await emulator.control('faults', {
        service: 'vault',
        pathPrefix: '/deletedsecrets/',
        ...fault,
      });
      try {
        await store.deleteRefreshToken(tenant);
      } finally {
        await emulator.control('faults', undefined, 'DELETE');
      }
      expect(deletes() - before).toBe(1);
      // Another store: this one may be keeping the wait Key Vault asked for (next test).
      const other = createRefreshTokenStore({ config: emulatorConfig(emulator) });
      expect(await other.readRefreshToken(tenant)).toBeNull();
      expect((await other.listConnectedTenants()).map((t) => t.tenantId)).not.toContain(tenant);
    },
  );

  it("a disconnect done while the deleted secret's look is throttled still keeps Key Vault's wait", async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    await store.saveRefreshToken(tenant, 'rt-disconnected-throttled', meta);
    await emulator.control('faults', {
      service: 'vault',
      kind: 'throttle',
      retryAfterSeconds: 30,
      pathPrefix: '/deletedsecrets/',
    });
    try {
      await store.deleteRefreshToken(tenant);
    } finally {
      await emulator.control('faults', undefined, 'DELETE');
    }
    // Refused, not sent: the store keeps to the 30 s Key Vault asked for.
    const requests = () => emulator.context.counters.get('http.vault.request');
    const before = requests();
    const refused = await store.readRefreshToken(tenant).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'vault_throttled', details: { operation: 'get' } });
    expect((refused as VaultError).details.retryAfterSeconds).toBeGreaterThan(20);
    expect(requests() - before).toBe(0);
  });

  it.each([
    [503, 'vault_unavailable'],
    [403, 'vault_forbidden'],
    [429, 'vault_throttled'],
  ])("a DELETE answered %i is the disconnect's failure (%s)", async (status, code) => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    await store.saveRefreshToken(tenant, 'rt-not-disconnected', meta);
    await emulator.control('faults', {
      service: 'vault',
      kind: 'status',
      status,
      pathPrefix: '/secrets/',
    });
    try {
      await expect(store.deleteRefreshToken(tenant)).rejects.toMatchObject({
        code,
        details: { operation: 'delete', status },
      });
    } finally {
      await emulator.control('faults', undefined, 'DELETE');
    }
    const other = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    expect((await other.readRefreshToken(tenant))?.value).toBe('rt-not-disconnected');
    // Deleted, then deleted again: the second is 404, which the disconnect counts as done.
    await other.deleteRefreshToken(tenant);
    await expect(other.deleteRefreshToken(tenant)).rejects.toMatchObject({
      code: 'vault_not_found',
      details: { operation: 'delete', status: 404 },
    });
  });

  it('connecting again while Key Vault is still deleting the secret waits for it, then recovers', async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    await store.saveRefreshToken(tenant, 'rt-before-disconnect', meta);
    await emulator.control('vault/deletion', { seconds: 2 });
    try {
      await store.deleteRefreshToken(tenant);
      // At once: the name is 409 ObjectIsBeingDeleted, the deleted secret not found yet.
      const saved = await store.saveRefreshToken(tenant, 'rt-right-after', meta);
      expect(await store.readRefreshToken(tenant)).toMatchObject({
        value: 'rt-right-after',
        version: saved.version,
      });
      expect((await store.listRefreshTokenVersions(tenant)).length).toBeGreaterThan(1);
    } finally {
      await emulator.control('vault/deletion', { seconds: 0 });
    }
  });

  it('connecting again while Key Vault takes time to recover the secret: the save waits, then writes on top of the recovered history', async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    await store.saveRefreshToken(tenant, 'rt-before-disconnect', meta);
    const history = (await store.listRefreshTokenVersions(tenant)).map((v) => v.version);
    await store.deleteRefreshToken(tenant);
    // Settles only when the test moves the emulator clock: the poll's in-between is certain.
    await emulator.control('vault/recovery', { seconds: 30 });
    try {
      const counter = (name: string) => emulator.context.counters.get(name);
      const recoversBefore = counter('vault.op.recover');
      let settled = false;
      const saving = store.saveRefreshToken(tenant, 'rt-after-recovery', meta).finally(() => {
        settled = true;
      });
      await vi.waitFor(() => expect(counter('vault.op.recover')).toBe(recoversBefore + 1), {
        timeout: 8_000,
      });
      const getsBefore = counter('vault.op.get');
      await pause(800);
      // Recovering: the secret is not found (the SDK's poller keeps asking), the save waits.
      expect(settled).toBe(false);
      expect(counter('vault.op.get') - getsBefore).toBeGreaterThanOrEqual(2);
      expect(await store.readRefreshToken(tenant)).toBeNull();
      expect((await store.listConnectedTenants()).map((t) => t.tenantId)).not.toContain(tenant);

      await emulator.control('clock', { advanceSeconds: 30 });
      const saved = await saving;
      expect(await store.readRefreshToken(tenant)).toMatchObject({
        value: 'rt-after-recovery',
        version: saved.version,
      });
      const after = (await store.listRefreshTokenVersions(tenant)).map((v) => v.version);
      expect(after[0]).toBe(saved.version);
      expect(after.slice(1).sort()).toEqual([...history].sort());
      // One recover: the save neither recovered twice nor gave up and deleted it again.
      expect(counter('vault.op.recover')).toBe(recoversBefore + 1);
    } finally {
      await emulator.control('vault/recovery', { seconds: 0 });
    }
  });

  it('connecting again while an earlier recovery is still under way waits for it, then writes on top', async () => {
    const client = createSecretClient(emulatorConfig(emulator));
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator), client });
    await store.saveRefreshToken(tenant, 'rt-before-disconnect', meta);
    const history = (await store.listRefreshTokenVersions(tenant)).map((v) => v.version);
    await store.deleteRefreshToken(tenant);
    await emulator.control('vault/recovery', { seconds: 30 });
    try {
      // A recovery someone else began (an earlier attempt that ran out of time, say).
      await client.beginRecoverDeletedSecret(secretNameFor(tenant));
      const counter = (name: string) => emulator.context.counters.get(name);
      const recoversBefore = counter('vault.op.recover');
      let settled = false;
      const saving = store.saveRefreshToken(tenant, 'rt-during-recovery', meta).finally(() => {
        settled = true;
      });
      // Set and recover are 409 ObjectIsBeingRecovered: the save keeps asking, once a second.
      await vi.waitFor(
        () => expect(counter('vault.op.recover')).toBeGreaterThanOrEqual(recoversBefore + 2),
        { timeout: 8_000 },
      );
      expect(settled).toBe(false);
      await emulator.control('clock', { advanceSeconds: 30 });
      const saved = await saving;
      expect(await store.readRefreshToken(tenant)).toMatchObject({
        value: 'rt-during-recovery',
        version: saved.version,
      });
      const after = (await store.listRefreshTokenVersions(tenant)).map((v) => v.version);
      expect(after[0]).toBe(saved.version);
      expect(after.slice(1).sort()).toEqual([...history].sort());
    } finally {
      await emulator.control('vault/recovery', { seconds: 0 });
    }
  });

  it('a disconnect while Key Vault is still recovering the secret says so and to wait, and the recovery then completes', async () => {
    const client = createSecretClient(emulatorConfig(emulator));
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator), client });
    await store.saveRefreshToken(tenant, 'rt-being-recovered', meta);
    await store.deleteRefreshToken(tenant);
    await emulator.control('vault/recovery', { seconds: 30 });
    try {
      await client.beginRecoverDeletedSecret(secretNameFor(tenant));
      const refused = await store.deleteRefreshToken(tenant).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toMatchObject({
        code: 'vault_being_recovered',
        problem: expect.stringMatching(/still recovering/),
        fix: 'Wait a minute, then try again.',
        details: { operation: 'delete', status: 409 },
      });
      // Not the words of a secret left deleted: nothing here is for the admin to recover.
      expect((refused as Error).message).not.toMatch(/recoverable|purge/i);
      await emulator.control('clock', { advanceSeconds: 30 });
      // The fix it names works: once the recovery settled, the disconnect goes through.
      await store.deleteRefreshToken(tenant);
      expect(await store.readRefreshToken(tenant)).toBeNull();
    } finally {
      await emulator.control('vault/recovery', { seconds: 0 });
    }
  });

  it('a vault that stops answering is an outage after the deadline, not a wait forever', async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator), callTimeoutMs: 600 });
    await store.saveRefreshToken(tenant, 'rt-before-the-stall', meta);
    // A stall of a minute, twice this test's own timeout: an operation ends here only by its
    // own deadline, and then without an HTTP status (no answer came).
    const stalledBefore = emulator.context.counters.get('fault.vault.latency');
    await emulator.control('faults', { service: 'vault', kind: 'latency', latencyMs: 60_000 });
    try {
      await expect(store.readRefreshToken(tenant)).rejects.toMatchObject({
        code: 'vault_unavailable',
        details: { operation: 'get', status: undefined },
      });
      await expect(store.listConnectedTenants()).rejects.toMatchObject({
        code: 'vault_unavailable',
        details: { operation: 'list', status: undefined },
      });
      await expect(
        store.saveRotatedRefreshToken(tenant, 'rt-rotated', { expectedCurrentVersion: 'x' }),
      ).rejects.toMatchObject({ code: 'vault_unavailable', details: { status: undefined } });
      // Each of the three reached the stalled vault (none was refused before it asked).
      expect(
        emulator.context.counters.get('fault.vault.latency') - stalledBefore,
      ).toBeGreaterThanOrEqual(3);
    } finally {
      await emulator.control('faults', undefined, 'DELETE');
    }
    expect((await store.readRefreshToken(tenant))?.value).toBe('rt-before-the-stall');
  });

  it('a 429 with a long Retry-After is vault_throttled at once, with its wait; nothing is sent during it', async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    await store.saveRefreshToken(tenant, 'rt-before-the-throttling', meta);
    const requests = () => emulator.context.counters.get('http.vault.request');
    const before = requests();
    await emulator.control('faults', { service: 'vault', kind: 'throttle', retryAfterSeconds: 30 });
    try {
      // Had the SDK slept the 30 s, the call's 8 s deadline would have cut it off as an outage
      // (vault_unavailable, no status, no wait): these words prove it came back at once.
      await expect(store.readRefreshToken(tenant)).rejects.toMatchObject({
        code: 'vault_throttled',
        problem: 'Key Vault is throttling requests; try again in 30 s.',
        details: { operation: 'get', status: 429, retryAfterSeconds: 30 },
      });
      await expect(store.listConnectedTenants()).rejects.toMatchObject({
        code: 'vault_throttled',
        details: { operation: 'list', retryAfterSeconds: expect.any(Number) },
      });
      expect(requests() - before).toBe(1);
    } finally {
      await emulator.control('faults', undefined, 'DELETE');
    }
  });

  it("a short Retry-After is the SDK's to sit out; a 429 without one waits the documented first step", async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    await store.saveRefreshToken(tenant, 'rt-throttled-briefly', meta);
    const requests = () => emulator.context.counters.get('http.vault.request');
    let before = requests();
    const throttle = { service: 'vault', kind: 'throttle', retryAfterSeconds: 1, count: 1 };
    await emulator.control('faults', throttle);
    expect((await store.readRefreshToken(tenant))?.value).toBe('rt-throttled-briefly');
    expect(requests() - before).toBe(2);
    before = requests();
    // Key Vault's 429 as Microsoft documents it: no Retry-After (the SDK does not retry it).
    await emulator.control('faults', { service: 'vault', kind: 'status', status: 429, count: 1 });
    try {
      await expect(store.readRefreshToken(tenant)).rejects.toMatchObject({
        code: 'vault_throttled',
        details: { status: 429, vaultCode: 'Throttled', retryAfterSeconds: 1 },
      });
      // Within that second: refused here, not sent.
      await expect(store.readRefreshToken(tenant)).rejects.toMatchObject({
        code: 'vault_throttled',
        details: { operation: 'get', retryAfterSeconds: 1 },
      });
      expect(requests() - before).toBe(1);
    } finally {
      await emulator.control('faults', undefined, 'DELETE');
    }
  });

  it('maps a vault outage to vault_unavailable', async () => {
    const store = createRefreshTokenStore({ config: emulatorConfig(emulator) });
    await emulator.control('faults', { service: 'vault', kind: 'status', status: 503 });
    try {
      await expect(store.readRefreshToken(tenant)).rejects.toMatchObject({
        code: 'vault_unavailable',
      });
    } finally {
      await emulator.control('faults', undefined, 'DELETE');
    }
  });
});
