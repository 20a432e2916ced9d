import { describe, expect, it } from 'vitest';
import { toVaultError } from '@/lib/vault/errors';
import type { ConnectedTenant } from '@/lib/vault/store';
import { listStoredTenants } from './sources';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const tenantId = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const sameSecond = new Date('2026-11-30T10:00:00Z');

/** The current version's properties as lib/vault reads them (no value). */
const current = (version: string, tags: Record<string, string> = {}) => ({
  version,
  createdAt: sameSecond,
  tags,
});

describe('listStoredTenants', () => {
  it('names the version Key Vault serves as current, from one read per tenant: never the version list', async () => {
    const reads: string[] = [];
    const vault = {
      listConnectedTenants: async (): Promise<ConnectedTenant[]> => [
        { tenantId, updatedAt: sameSecond, tags: {} },
        { tenantId: contoso, updatedAt: sameSecond, tags: { 'minted-by': 'listed@contoso.test' } },
      ],
      currentRefreshTokenProperties: async (id: string) => {
        reads.push(id);
        return id === tenantId
          ? current('bbb', {
              'minted-by': 'second@fabrikam.test',
              'minted-at': '2026-11-30T09:59:00.000Z',
              mfa: 'true',
            })
          : current('ccc');
      },
    };
    const stored = await listStoredTenants(vault);
    expect(reads.sort()).toEqual([contoso, tenantId].sort());
    expect(stored.map((t) => [t.tenantId, t.secret])).toEqual([
      [
        tenantId,
        {
          version: 'bbb',
          createdAt: sameSecond.getTime(),
          mintedBy: 'second@fabrikam.test',
          mintedAt: Date.parse('2026-11-30T09:59:00.000Z'),
          mfa: true,
        },
      ],
      // Tags the read lacks come from the list (the same version's).
      [
        contoso,
        {
          version: 'ccc',
          createdAt: sameSecond.getTime(),
          mintedBy: 'listed@contoso.test',
          mintedAt: null,
          mfa: null,
        },
      ],
    ]);
  });

  it('drops a partner whose secret was deleted between the list and its read: it is no vault outage', async () => {
    // Fabrikam's admin disconnects while the probe runs: the secret list still named it, its
    // read then answers 404 SecretNotFound (docs/contracts.md §2; the emulator too), or nothing.
    for (const gone of [
      async () => {
        throw toVaultError('get', { name: 'RestError', statusCode: 404 });
      },
      async () => null,
    ]) {
      const vault = {
        listConnectedTenants: async () => [
          { tenantId: contoso, updatedAt: sameSecond, tags: {} },
          { tenantId, updatedAt: sameSecond, tags: {} },
        ],
        currentRefreshTokenProperties: async (id: string) =>
          id === tenantId ? gone() : current('v1'),
      };
      expect((await listStoredTenants(vault)).map((t) => t.tenantId)).toEqual([contoso]);
    }
  });

  it('fails the listing on any other vault error', async () => {
    const vault = {
      listConnectedTenants: async () => [{ tenantId, updatedAt: sameSecond, tags: {} }],
      currentRefreshTokenProperties: async () => {
        throw toVaultError('get', { name: 'RestError', statusCode: 503 });
      },
    };
    await expect(listStoredTenants(vault)).rejects.toMatchObject({ code: 'vault_unavailable' });
  });
});
