import { beforeEach, describe, expect, it, vi } from 'vitest';

const logged = vi.hoisted(() => ({
  events: [] as Array<{ level: string; message: string; event: unknown }>,
}));
vi.mock('@/lib/log', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/log')>()),
  logEvent: (level: string, message: string, event: unknown) =>
    logged.events.push({ level, message, event }),
}));
import { unitTestConfig } from '@/test/support/unit-config';
import { VaultError } from './errors';
import { createRefreshTokenStore, secretNameFor, type SecretClientLike } from './store';

const tenant = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';

const getSecret = vi.fn(async (name: string) => ({
  name,
  value: 'a refresh token',
  properties: { name, vaultUrl: 'https://vault', version: 'v1', createdOn: new Date(0) },
}));
const createSecretClient = vi.fn((..._args: unknown[]) => ({ getSecret }));
vi.mock('./client', () => ({
  createSecretClient: (...args: unknown[]) => createSecretClient(...args),
}));

beforeEach(() => {
  getSecret.mockClear();
  createSecretClient.mockClear();
  logged.events.length = 0;
});

describe("the refresh-token store loads Key Vault's client at its first call", () => {
  it('makes no client when it is created, then one for every call after', async () => {
    const store = createRefreshTokenStore({ config: unitTestConfig() });
    expect(createSecretClient).not.toHaveBeenCalled();

    const reads = await Promise.all([
      store.readRefreshToken(tenant),
      store.readRefreshToken(tenant),
      store.currentRefreshTokenVersion(tenant),
    ]);
    expect(reads.map((r) => (typeof r === 'string' ? r : r?.version))).toEqual(['v1', 'v1', 'v1']);
    await store.readRefreshToken(tenant);
    expect(createSecretClient).toHaveBeenCalledTimes(1);
    expect(getSecret).toHaveBeenCalledTimes(4);
    expect(getSecret).toHaveBeenCalledWith(secretNameFor(tenant), {
      abortSignal: expect.any(AbortSignal),
    });
  });

  it('answers a failed client with a vault error and tries again at the next call', async () => {
    createSecretClient.mockImplementationOnce(() => {
      throw new Error('no credential');
    });
    const store = createRefreshTokenStore({ config: unitTestConfig() });

    await expect(store.listConnectedTenants()).rejects.toBeInstanceOf(VaultError);
    expect(getSecret).not.toHaveBeenCalled();

    expect((await store.readRefreshToken(tenant))?.value).toBe('a refresh token');
    expect(createSecretClient).toHaveBeenCalledTimes(2);
  });
});

const restError = (statusCode: number) =>
  Object.assign(new Error(`HTTP ${statusCode}`), { name: 'RestError', statusCode });

/**
 * A Key Vault with soft delete, as the SDK answers: set on a soft-deleted secret is a 409,
 * recover brings the secret (and its versions) back, its poller ending on the latest version.
 * `failNextSetAfterRecover` makes the set that follows a recover fail the way a blip or the
 * recover deadline would; `failDeleteAfterRecover` makes the delete after it fail too. A
 * disabled current version is 403 SecretDisabled; `disableFails` makes each update answer that
 * status; `getFails` the next read. `updates` lists the updates asked for.
 */
function softDeletingVault() {
  type Version = {
    value: string;
    version: string;
    createdOn: Date;
    tags: Record<string, string>;
    enabled: boolean;
  };
  const secrets = new Map<string, { versions: Version[]; deleted: boolean }>();
  let n = 0;
  let recovered = false;
  const faults = {
    failNextSetAfterRecover: false,
    failDeleteAfterRecover: false,
    disableFails: undefined as number | undefined,
    getFails: undefined as number | undefined,
    /** Someone else recovers the secret just before this store's recover: it answers 404. */
    recoveredElsewhere: false,
  };
  const updates: Array<{ name: string; version: string; enabled?: boolean }> = [];
  const client = {
    async setSecret(name: string, value: string, options: { tags?: Record<string, string> }) {
      const secret = secrets.get(name);
      if (secret?.deleted) throw restError(409);
      if (recovered && faults.failNextSetAfterRecover) {
        faults.failNextSetAfterRecover = false;
        throw restError(503);
      }
      const version: Version = {
        value,
        version: `v${++n}`,
        createdOn: new Date(Date.now() + n * 1000),
        tags: options.tags ?? {},
        enabled: true,
      };
      if (secret) secret.versions.push(version);
      else secrets.set(name, { versions: [version], deleted: false });
      return { name, value, properties: { name, vaultUrl: 'https://vault', ...version } };
    },
    async getSecret(name: string) {
      if (faults.getFails !== undefined) {
        const status = faults.getFails;
        faults.getFails = undefined;
        throw restError(status);
      }
      const secret = secrets.get(name);
      const current = secret?.versions.at(-1);
      if (!secret || secret.deleted || !current) throw restError(404);
      if (!current.enabled)
        throw Object.assign(restError(403), {
          details: { error: { code: 'Forbidden', innerError: { code: 'SecretDisabled' } } },
        });
      return {
        name,
        value: current.value,
        properties: { name, vaultUrl: 'https://vault', ...current },
      };
    },
    async beginDeleteSecret(name: string) {
      const secret = secrets.get(name);
      if (!secret || secret.deleted) throw restError(404);
      if (recovered && faults.failDeleteAfterRecover) throw restError(503);
      secret.deleted = true;
      return { pollUntilDone: async () => undefined };
    },
    async beginRecoverDeletedSecret(name: string) {
      const secret = secrets.get(name);
      if (secret && faults.recoveredElsewhere) {
        faults.recoveredElsewhere = false;
        secret.deleted = false;
      }
      if (!secret?.deleted) throw restError(404);
      secret.deleted = false;
      recovered = true;
      const latest = secret.versions.at(-1)!;
      return { pollUntilDone: async () => ({ name, version: latest.version }) };
    },
    async updateSecretProperties(name: string, version: string, options: { enabled?: boolean }) {
      updates.push({ name, version, enabled: options.enabled });
      if (faults.disableFails !== undefined) throw restError(faults.disableFails);
      const found = secrets.get(name)?.versions.find((v) => v.version === version);
      if (!found) throw restError(404);
      if (options.enabled !== undefined) found.enabled = options.enabled;
      return { name, version, enabled: found.enabled };
    },
  } as unknown as SecretClientLike;
  /** Each version of the tenant's secret, oldest first: `v1:enabled`. */
  const states = () =>
    (secrets.get(secretNameFor(tenant))?.versions ?? []).map(
      (v) => `${v.version}:${v.enabled ? 'enabled' : 'disabled'}`,
    );
  return { client, faults, updates, states };
}

const consentMeta = {
  upn: 'admin@contoso.test',
  oid: 'oid-admin',
  mfa: true,
  clientId: 'client',
  endpointVersion: 'v2' as const,
};

describe('the version a new one replaces is disabled (Entra does not revoke it)', () => {
  function vault() {
    const v = softDeletingVault();
    const store = createRefreshTokenStore({ config: unitTestConfig(), client: v.client });
    return { ...v, store };
  }

  it('a rotation disables the redeemed version only, once the new one is written', async () => {
    const { store, updates, states } = vault();
    const consented = await store.saveRefreshToken(tenant, 'rt-consent', consentMeta);
    const rotated = await store.saveRotatedRefreshToken(tenant, 'rt-rotated', {
      expectedCurrentVersion: consented.version,
    });
    expect(rotated).toMatchObject({ status: 'saved', version: 'v2' });
    expect(updates).toEqual([{ name: secretNameFor(tenant), version: 'v1', enabled: false }]);
    expect(states()).toEqual(['v1:disabled', 'v2:enabled']);
    expect(await store.readRefreshToken(tenant)).toMatchObject({ value: 'rt-rotated' });

    // The next rotation disables the version it redeemed: nothing else is asked again.
    await store.saveRotatedRefreshToken(tenant, 'rt-rotated-again', {
      expectedCurrentVersion: 'v2',
    });
    expect(updates.map((u) => u.version)).toEqual(['v1', 'v2']);
    expect(states()).toEqual(['v1:disabled', 'v2:disabled', 'v3:enabled']);
  });

  it('a consent disables the version that was current before it; the first consent disables nothing', async () => {
    const { store, updates, states } = vault();
    await store.saveRefreshToken(tenant, 'rt-first', consentMeta);
    expect(updates).toEqual([]);
    expect(states()).toEqual(['v1:enabled']);
    const second = await store.saveRefreshToken(tenant, 'rt-second', consentMeta);
    expect(second).toEqual({ version: 'v2', createdAt: expect.any(Date) });
    expect(updates).toEqual([{ name: secretNameFor(tenant), version: 'v1', enabled: false }]);
    expect(states()).toEqual(['v1:disabled', 'v2:enabled']);
    expect(logged.events).toEqual([]);
  });

  it('a superseded write-back writes and disables nothing', async () => {
    const { store, updates, states } = vault();
    const redeemed = await store.saveRefreshToken(tenant, 'rt-redeemed', consentMeta);
    await store.saveRefreshToken(tenant, 'rt-newer-consent', consentMeta);
    updates.length = 0;
    expect(
      await store.saveRotatedRefreshToken(tenant, 'rt-rotated', {
        expectedCurrentVersion: redeemed.version,
      }),
    ).toEqual({ status: 'superseded', currentVersion: 'v2' });
    expect(updates).toEqual([]);
    expect(states()).toEqual(['v1:disabled', 'v2:enabled']);
  });

  it('a write-back finding the secret deleted (a disconnect) disables nothing', async () => {
    const { store, updates } = vault();
    const redeemed = await store.saveRefreshToken(tenant, 'rt-redeemed', consentMeta);
    await store.deleteRefreshToken(tenant);
    expect(
      await store.saveRotatedRefreshToken(tenant, 'rt-rotated', {
        expectedCurrentVersion: redeemed.version,
      }),
    ).toEqual({ status: 'superseded', currentVersion: null });
    expect(updates).toEqual([]);
  });

  it.each([
    ['503', 503, 'vault_unavailable'],
    ['403 (no update permission)', 403, 'vault_forbidden'],
  ])(
    'a failed disable (%s) still saves, and says in the log which version stays enabled',
    async (_, status, errorCode) => {
      const { store, faults, states } = vault();
      await store.saveRefreshToken(tenant, 'rt-first', consentMeta);
      faults.disableFails = status;
      const consent = await store.saveRefreshToken(tenant, 'rt-second', consentMeta);
      expect(consent).toEqual({ version: 'v2', createdAt: expect.any(Date) });
      const rotated = await store.saveRotatedRefreshToken(tenant, 'rt-rotated', {
        expectedCurrentVersion: 'v2',
      });
      expect(rotated).toMatchObject({ status: 'saved', version: 'v3' });
      expect(states()).toEqual(['v1:enabled', 'v2:enabled', 'v3:enabled']);
      expect(await store.readRefreshToken(tenant)).toMatchObject({ value: 'rt-rotated' });
      const notDisabled = (keyVaultVersion: string, purpose: string) => ({
        level: 'warn',
        message: 'key vault: the replaced refresh-token version was not disabled',
        event: { outcome: 'failure', tenant, errorCode, keyVaultVersion, purpose },
      });
      expect(logged.events).toEqual([notDisabled('v1', 'consent'), notDisabled('v2', 'rotation')]);
      expect(JSON.stringify(logged.events)).not.toContain('rt-');
    },
  );

  it('a consent over a version disabled already (in the vault, by hand) asks for nothing more', async () => {
    const { store, client, updates, states } = vault();
    await store.saveRefreshToken(tenant, 'rt-first', consentMeta);
    await client.updateSecretProperties(secretNameFor(tenant), 'v1', { enabled: false });
    updates.length = 0;
    await store.saveRefreshToken(tenant, 'rt-second', consentMeta);
    expect(updates).toEqual([]);
    expect(states()).toEqual(['v1:disabled', 'v2:enabled']);
    expect(logged.events).toEqual([]);
  });

  it('a consent whose read of the current version fails still saves, and logs that the replaced version is not known', async () => {
    const { store, faults, updates, states } = vault();
    await store.saveRefreshToken(tenant, 'rt-first', consentMeta);
    faults.getFails = 503;
    const saved = await store.saveRefreshToken(tenant, 'rt-second', consentMeta);
    expect(saved).toMatchObject({ version: 'v2' });
    expect(updates).toEqual([]);
    expect(states()).toEqual(['v1:enabled', 'v2:enabled']);
    expect(logged.events).toEqual([
      {
        level: 'warn',
        message: 'key vault: the version a consent replaced is not known; not disabled',
        event: { outcome: 'failure', tenant, errorCode: 'vault_unavailable' },
      },
    ]);
  });
});

describe('connecting again after a disconnect', () => {
  const meta = {
    upn: 'old-admin@contoso.test',
    oid: 'oid-old',
    mfa: true,
    clientId: 'client',
    endpointVersion: 'v2' as const,
  };

  async function disconnected() {
    const vault = softDeletingVault();
    const store = createRefreshTokenStore({ config: unitTestConfig(), client: vault.client });
    await store.saveRefreshToken(tenant, 'rt-of-the-disconnected-grant', meta);
    await store.deleteRefreshToken(tenant);
    expect(await store.readRefreshToken(tenant)).toBeNull();
    return { store, faults: vault.faults, updates: vault.updates, states: vault.states };
  }

  it('recovers the soft-deleted secret and stores the new version on top', async () => {
    const { store } = await disconnected();
    await store.saveRefreshToken(tenant, 'rt-new', { ...meta, upn: 'new-admin@contoso.test' });
    expect((await store.readRefreshToken(tenant))?.value).toBe('rt-new');
  });

  it("disables the recovered secret's current version, the disconnected grant's token, once the new one is written", async () => {
    const { store, updates, states } = await disconnected();
    const saved = await store.saveRefreshToken(tenant, 'rt-new', meta);
    expect(saved.version).toBe('v2');
    expect(updates).toEqual([{ name: secretNameFor(tenant), version: 'v1', enabled: false }]);
    expect(states()).toEqual(['v1:disabled', 'v2:enabled']);
  });

  it("written on top of someone else's recovery: the replaced version is not known, and the log says so", async () => {
    const { store, faults, updates, states } = await disconnected();
    faults.recoveredElsewhere = true;
    const saved = await store.saveRefreshToken(tenant, 'rt-new', meta);
    expect(saved.version).toBe('v2');
    expect(updates).toEqual([]);
    expect(states()).toEqual(['v1:enabled', 'v2:enabled']);
    expect(logged.events).toEqual([
      {
        level: 'warn',
        message: 'key vault: the version a consent replaced is not known; not disabled',
        event: { outcome: 'failure', tenant, errorCode: 'recovered_elsewhere' },
      },
    ]);
  });

  it('a failed save after the recover deletes the secret again: the disconnected grant stays gone', async () => {
    const { store, faults, updates } = await disconnected();
    faults.failNextSetAfterRecover = true;
    const failure = await store
      .saveRefreshToken(tenant, 'rt-new', { ...meta, upn: 'new-admin@contoso.test' })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'vault_unavailable' });
    expect((failure as VaultError).problem).not.toMatch(/in use again/);
    expect(await store.readRefreshToken(tenant)).toBeNull();
    // Nothing was written over it, so nothing is disabled: the undo's delete is all.
    expect(updates).toEqual([]);
  });

  it('says so when the secret cannot be deleted again either', async () => {
    const { store, faults } = await disconnected();
    faults.failNextSetAfterRecover = true;
    faults.failDeleteAfterRecover = true;
    const failure = await store
      .saveRefreshToken(tenant, 'rt-new', { ...meta, upn: 'new-admin@contoso.test' })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'vault_unavailable',
      problem: expect.stringMatching(/could not be deleted again: it is in use again/),
      fix: expect.stringMatching(/Disconnect Partner Center again/),
    });
    expect(JSON.stringify(failure)).not.toContain('rt-');
  });
});
