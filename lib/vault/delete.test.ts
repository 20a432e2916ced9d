import { describe, expect, it } from 'vitest';
import { fakeVaultUrl, vaultAnswering, type TransportRequest } from './pipeline.test-support';
import { VaultError } from './errors';
import { deleteRecovered } from './recover';
import { secretNameFor } from './store';

const tenant = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const name = secretNameFor(tenant);

/** Key Vault's answer to a DELETE of a secret in a soft-delete vault: the deleted secret. */
const deletedSecret = {
  id: `${fakeVaultUrl}/secrets/${name}/0123456789abcdef0123456789abcdef`,
  recoveryId: `${fakeVaultUrl}/deletedsecrets/${name}`,
  attributes: { enabled: true, created: 1_767_225_600, updated: 1_767_225_600 },
  deletedDate: 1_767_225_700,
  scheduledPurgeDate: 1_774_998_100,
};

/** A vault answering the DELETE with `del`, and the SDK's look at the deleted secret with `get`. */
function vault(del: { status: number; headers?: Record<string, string> }, get = { status: 200 }) {
  return vaultAnswering((request: TransportRequest) => {
    if (request.method === 'DELETE')
      return del.status === 200 ? { ...del, body: deletedSecret } : del;
    return get.status === 200 ? { ...get, body: deletedSecret } : get;
  });
}

describe("a disconnect's delete through the SDK pipeline", () => {
  it.each([
    ['503', { status: 503 }],
    ['429 without a wait', { status: 429 }],
    ['429 with Retry-After: 30', { status: 429, headers: { 'retry-after': '30' } }],
  ])(
    'is done once Key Vault answered the DELETE 200, though the look at the deleted secret got %s',
    async (_, get) => {
      const { store, sent } = vault({ status: 200 }, get);
      await expect(store.deleteRefreshToken(tenant)).resolves.toBeUndefined();
      // The SDK's poller: the DELETE, then at once a GET of the deleted secret (retried or not).
      expect(sent[0]).toBe(`DELETE /secrets/${name}`);
      expect(sent.slice(1).every((s) => s === `GET /deletedsecrets/${name}`)).toBe(true);
      expect(sent.length).toBeGreaterThan(1);
    },
  );

  it.each([
    [503, 'vault_unavailable'],
    [403, 'vault_forbidden'],
    [404, 'vault_not_found'],
    [429, 'vault_throttled'],
  ])("a DELETE answered %i is the delete's failure (%s)", async (status, code) => {
    const { store, sent } = vault({ status });
    await expect(store.deleteRefreshToken(tenant)).rejects.toMatchObject({
      code,
      details: { operation: 'delete', status },
    });
    expect(sent.every((s) => s === `DELETE /secrets/${name}`)).toBe(true);
  });
});

describe("a consent's undo of a recovered secret through the SDK pipeline", () => {
  const failure = new VaultError('vault_unavailable', 'Key Vault could not be reached.', 'Retry.', {
    operation: 'set',
  });

  it('keeps the consent failure as it is when the DELETE was answered 200, whatever the look after it got', async () => {
    const { client } = vault({ status: 200 }, { status: 503 });
    const undone = await deleteRecovered(client, { name, tenantId: tenant }, failure, 4_000);
    expect(undone).toBe(failure);
  });

  it('says the disconnected grant is in use again when the DELETE itself failed', async () => {
    const { client } = vault({ status: 503 });
    const undone = await deleteRecovered(client, { name, tenantId: tenant }, failure, 4_000);
    expect(undone.problem).toMatch(/it is in use again/);
  });
});
