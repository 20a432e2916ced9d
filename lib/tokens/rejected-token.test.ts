import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { unitTestConfig } from '@/test/support/unit-config';
import { FakeClock, FakeEntra, FakeVault, gate } from './fakes.test-support';
import { tokenServicesSharing } from './lease-scenarios.test-support';
import { createTokenService, minAgeToReplaceRejectedMs, type TokenService } from './service';

/** A token Partner Center refused (401): replaced once, shared by every refused caller, not when young. */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const resource = 'https://api.partnercenter.microsoft.com';

function setup() {
  const config = unitTestConfig();
  const clock = new FakeClock();
  const vault = new FakeVault(clock);
  const entra = new FakeEntra(clock);
  const service = createTokenService({ config, vault, entra, clock, random: () => 0.5 });
  vault.consent(contoso, 'rt-contoso-consent');
  return { clock, entra, service };
}

describe('replaceRejectedAccessToken', () => {
  it('20 concurrent rejections of one token cost one redemption, which they share', async () => {
    const { clock, entra, service } = setup();
    const refused = await service.getAccessToken(contoso, resource);
    clock.advance(minAgeToReplaceRejectedMs);
    const held = gate();
    entra.behaviour = async (_rt, target) => {
      await held.promise;
      return entra.issue(target.tenantId);
    };
    const replacing = Array.from({ length: 20 }, () =>
      service.replaceRejectedAccessToken(contoso, resource, refused),
    );
    held.open();
    const replacements = await Promise.all(replacing);
    expect(entra.calls).toHaveLength(2);
    expect(new Set(replacements)).toEqual(new Set([`at-${contoso}-2`]));
    // The replacement is what the cache serves from now on.
    expect(await service.getAccessToken(contoso, resource)).toBe(`at-${contoso}-2`);
    expect(entra.calls).toHaveLength(2);
  });

  it('keeps a token refused younger than the bound: the refusal stands, no redemption', async () => {
    const { clock, entra, service } = setup();
    const refused = await service.getAccessToken(contoso, resource);
    clock.advance(minAgeToReplaceRejectedMs - 1);
    expect(await service.replaceRejectedAccessToken(contoso, resource, refused)).toBeNull();
    expect(entra.calls).toHaveLength(1);
    expect(await service.getAccessToken(contoso, resource)).toBe(refused);
    // Once old enough, the same refusal replaces it.
    clock.advance(1);
    expect(await service.replaceRejectedAccessToken(contoso, resource, refused)).toBe(
      `at-${contoso}-2`,
    );
    expect(entra.calls).toHaveLength(2);
  });

  it('does not evict a newer token when the refused one is no longer cached', async () => {
    const { clock, entra, service } = setup();
    const refused = await service.getAccessToken(contoso, resource);
    clock.advance(minAgeToReplaceRejectedMs);
    const newer = await service.replaceRejectedAccessToken(contoso, resource, refused);
    clock.advance(minAgeToReplaceRejectedMs);
    // A request that was sent with the old token comes back refused after the replacement.
    expect(await service.replaceRejectedAccessToken(contoso, resource, refused)).toBe(newer);
    expect(entra.calls).toHaveLength(2);
    expect(await service.getAccessToken(contoso, resource)).toBe(newer);
  });
});

describe('replaceRejectedAccessToken with several instances', () => {
  let database: PortalDatabase;
  beforeAll(async () => {
    database = await openDatabase({ embeddedDir: 'memory://' });
    await migrateToLatest(database.db);
  });
  afterAll(() => database?.close());

  it('passes the refused token over in the shared table; the other instance takes the replacement', async () => {
    const shared = async () => database.db;
    const { clock, entra, services } = tokenServicesSharing(contoso, [shared, shared], {
      changeCheckMs: 0,
    });
    const [a, b] = services as [TokenService, TokenService];
    const refused = await a.getAccessToken(contoso, resource);
    expect(await b.getAccessToken(contoso, resource)).toBe(refused); // shared, one redemption
    clock.advance(minAgeToReplaceRejectedMs);
    const fromA = await a.replaceRejectedAccessToken(contoso, resource, refused);
    expect(fromA).toBe(`at-${contoso}-2`);
    const fromB = await b.replaceRejectedAccessToken(contoso, resource, refused);
    expect(fromB).toBe(fromA);
    expect(entra.calls).toHaveLength(2);
  });

  it('ages a token taken from the shared table from its redemption, not from when it was taken', async () => {
    await database.db.deleteFrom('shared_access_tokens').execute(); // the test above's
    const shared = async () => database.db;
    const { clock, entra, services } = tokenServicesSharing(contoso, [shared, shared], {
      changeCheckMs: 0,
    });
    const [a, b] = services as [TokenService, TokenService];
    const refused = await a.getAccessToken(contoso, resource);
    // A redeemed it four minutes ago (the table's time, which is what B reads it by).
    await sql`update shared_access_tokens set written_at = written_at - interval '4 minutes'`.execute(
      database.db,
    );
    clock.advance(4 * 60_000);
    expect(await b.getAccessToken(contoso, resource)).toBe(refused);
    clock.advance(60_000);
    // Five minutes old, though B has held it for one: the refusal replaces it.
    expect(await b.replaceRejectedAccessToken(contoso, resource, refused)).toBe(`at-${contoso}-2`);
    expect(entra.calls).toHaveLength(2);
  });
});
