import { describe, expect, it } from 'vitest';
import { listStoredTenants } from './sources';

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
});
