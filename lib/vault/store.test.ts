import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { VaultError } from './errors';
import { createRefreshTokenStore, secretNameFor } from './store';

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
