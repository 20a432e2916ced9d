import { expect } from 'vitest';
import { gate, type FakeVault } from './fakes.test-support';
import type { TokenService } from './service';

/**
 * Instance A redeems under the tenant's lease and is held between its write-back's version
 * check and its write; meanwhile an admin re-consents on instance B. B must wait for A's lease:
 * A's rotation runs fully first, and the consent is what Key Vault serves afterwards. Run on
 * PGlite (redemption-lease.test.ts) and on a real PostgreSQL server (.postgres.test.ts).
 */
export async function consentDuringAnotherInstancesWriteBack(
  instances: { a: TokenService; b: TokenService; vault: FakeVault },
  tenantId: string,
): Promise<void> {
  const { a, b, vault } = instances;
  const checked = gate();
  const held = gate();
  vault.betweenCheckAndWrite = async () => {
    checked.open();
    await held.promise;
  };
  const redeeming = a.getAccessToken(tenantId);
  await checked.promise;
  // B's own process has no rotation to wait for: only the lease can hold it back.
  const consent = b.changeConnection(tenantId, async () =>
    vault.consent(tenantId, 'rt-new-consent'),
  );
  await new Promise((r) => setTimeout(r, 100));
  expect(vault.current(tenantId)?.value).not.toBe('rt-new-consent'); // B waits for A's lease
  held.open();
  await redeeming;
  const consentVersion = await consent;
  expect(vault.writes).toBe(1); // A's rotation ran fully before the consent
  expect(vault.current(tenantId)).toMatchObject({
    value: 'rt-new-consent',
    version: consentVersion,
  });
}
