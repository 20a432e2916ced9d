import { beforeEach, describe, expect, it, vi } from 'vitest';
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
 * recover brings the secret (and its versions) back. `failNextSetAfterRecover` makes the set
 * that follows a recover fail the way a blip or the recover deadline would;
 * `failDeleteAfterRecover` makes the delete after it fail too.
 */
function softDeletingVault() {
  type Version = { value: string; version: string; createdOn: Date; tags: Record<string, string> };
  const secrets = new Map<string, { versions: Version[]; deleted: boolean }>();
  let n = 0;
  let recovered = false;
  const faults = { failNextSetAfterRecover: false, failDeleteAfterRecover: false };
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
      };
      if (secret) secret.versions.push(version);
      else secrets.set(name, { versions: [version], deleted: false });
      return { name, value, properties: { name, vaultUrl: 'https://vault', ...version } };
    },
    async getSecret(name: string) {
      const secret = secrets.get(name);
      const current = secret?.versions.at(-1);
      if (!secret || secret.deleted || !current) throw restError(404);
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
      if (!secret?.deleted) throw restError(404);
      secret.deleted = false;
      recovered = true;
      return { pollUntilDone: async () => undefined };
    },
  } as unknown as SecretClientLike;
  return { client, faults };
}

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
    return { store, faults: vault.faults };
  }

  it('recovers the soft-deleted secret and stores the new version on top', async () => {
    const { store } = await disconnected();
    await store.saveRefreshToken(tenant, 'rt-new', { ...meta, upn: 'new-admin@contoso.test' });
    expect((await store.readRefreshToken(tenant))?.value).toBe('rt-new');
  });

  it('a failed save after the recover deletes the secret again: the disconnected grant stays gone', async () => {
    const { store, faults } = await disconnected();
    faults.failNextSetAfterRecover = true;
    const failure = await store
      .saveRefreshToken(tenant, 'rt-new', { ...meta, upn: 'new-admin@contoso.test' })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'vault_unavailable' });
    expect((failure as VaultError).problem).not.toMatch(/in use again/);
    expect(await store.readRefreshToken(tenant)).toBeNull();
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
