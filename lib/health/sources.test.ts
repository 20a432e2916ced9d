import { describe, expect, it } from 'vitest';
import { toVaultError } from '@/lib/vault/errors';
import { listStoredTenants } from './sources';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const tenantId = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const sameSecond = new Date('2026-11-30T10:00:00Z');

describe('listStoredTenants', () => {
  it('names the version Key Vault serves as current, even when two versions share a second', async () => {
    const vault = {
      listConnectedTenants: async () => [{ tenantId, updatedAt: sameSecond, tags: {} }],
      // Both written in the same second; the list order says nothing about which is current.
      listRefreshTokenVersions: async () => [
        { version: 'aaa', createdAt: sameSecond, enabled: true, mintedBy: 'first@fabrikam.test' },
        { version: 'bbb', createdAt: sameSecond, enabled: true, mintedBy: 'second@fabrikam.test' },
      ],
      currentRefreshTokenVersion: async () => 'bbb',
    };
    const [stored] = await listStoredTenants(vault);
    expect(stored?.secret).toMatchObject({ version: 'bbb', mintedBy: 'second@fabrikam.test' });
  });

  it('drops a partner whose secret was deleted between the list and its version read: it is no vault outage', async () => {
    // Fabrikam's admin disconnects while the probe runs: the secret list still named it, its
    // version list then answers 404 SecretNotFound (docs/contracts.md §2; the emulator too).
    const vault = {
      listConnectedTenants: async () => [
        { tenantId: contoso, updatedAt: sameSecond, tags: {} },
        { tenantId, updatedAt: sameSecond, tags: {} },
      ],
      listRefreshTokenVersions: async (id: string) => {
        if (id === tenantId)
          throw toVaultError('list versions', { name: 'RestError', statusCode: 404 });
        return [
          { version: 'v1', createdAt: sameSecond, enabled: true, mintedBy: 'a@contoso.test' },
        ];
      },
      currentRefreshTokenVersion: async (id: string) => (id === tenantId ? null : 'v1'),
    };
    expect((await listStoredTenants(vault)).map((t) => t.tenantId)).toEqual([contoso]);
  });

  it('fails the listing on any other vault error', async () => {
    const vault = {
      listConnectedTenants: async () => [{ tenantId, updatedAt: sameSecond, tags: {} }],
      listRefreshTokenVersions: async () => {
        throw toVaultError('list versions', { name: 'RestError', statusCode: 503 });
      },
      currentRefreshTokenVersion: async () => 'v1',
    };
    await expect(listStoredTenants(vault)).rejects.toMatchObject({ code: 'vault_unavailable' });
  });
});
