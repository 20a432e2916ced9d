import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';
import { unitTestConfig } from '@/test/support/unit-config';
import { FakeClock, FakeEntra, FakeVault, gate } from './fakes.test-support';
import { createRedemptionLease, type RedemptionLeaseDeps } from './redemption-lease';
import { sealedTokenKey } from './sealed-token';
import { createTokenService, type TokenService } from './service';

/**
 * Portal instances sharing one cloud (a vault holding `tenantId`'s consent, one Entra, one
 * clock), each with its own token service and redemption lease on the database `databases`
 * gives it. `lease` overrides the lease's settings (poll interval, change checks, reports).
 */
export function tokenServicesSharing(
  tenantId: string,
  databases: (() => Promise<Kysely<Database>>)[],
  lease: Partial<RedemptionLeaseDeps> = {},
) {
  const config = unitTestConfig();
  const clock = new FakeClock();
  const vault = new FakeVault(clock);
  const entra = new FakeEntra(clock);
  vault.consent(tenantId, 'rt-contoso-consent');
  const services = databases.map((database) =>
    createTokenService({
      config,
      vault,
      entra,
      clock,
      redemptionLease: createRedemptionLease({
        database,
        key: sealedTokenKey('a-session-secret-of-at-least-32-characters'),
        minLifeMs: config.tokens.refreshSkewSeconds * 1000,
        now: clock.now,
        pollMs: 2,
        ...lease,
      }),
    }),
  );
  return { config, clock, vault, entra, services };
}

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
