import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { createTokenService } from '@/lib/tokens';
import { entraFailure, FakeClock, FakeEntra, FakeVault } from '@/lib/tokens/fakes.test-support';
import { createSharedTokenVerdicts } from '@/lib/tokens/shared-verdicts';
import { unitTestConfig } from '@/test/support/unit-config';
import { createHealthService, type HealthSources } from './service';
import { withSharedVerdicts } from './facts';
import { sharedTokenFacts } from './sources';

/**
 * Two instances on one PostgreSQL: A redeems Contoso's refresh token and learns it needs
 * re-consent; B, which never touched Contoso, must say so on its health page (and so in its
 * alerts), not "healthy" until it happens to redeem itself.
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';

let database: PortalDatabase;
beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database?.close());

describe("another instance's redemption verdict", () => {
  it('reaches the health report of an instance that never redeemed, until a consent replaces it', async () => {
    const verdicts = createSharedTokenVerdicts(async () => database.db);
    const clock = new FakeClock();
    const vault = new FakeVault(clock);
    const entra = new FakeEntra(clock);
    vault.consent(contoso, 'rt-contoso-consent');
    entra.behaviour = () => {
      throw entraFailure(700082, 'invalid_grant');
    };
    const instanceA = createTokenService({
      config: unitTestConfig(),
      vault,
      entra,
      clock,
      onVerdict: (state) => void verdicts.record(state),
    });
    await expect(instanceA.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
    });

    const sourcesOfB: HealthSources = {
      listStoredTenants: async () => [
        {
          tenantId: contoso,
          secret: {
            version: 'v1',
            createdAt: clock.cloudNow() - 86_400_000,
            mintedBy: 'admin@contoso.test',
            mintedAt: null,
            mfa: true,
          },
        },
      ],
      readTokenStates: () => new Map(), // B's own memory: never touched Contoso
      readSharedTokenStates: async () => sharedTokenFacts(await verdicts.readAll()),
      probeEntra: async () => ({ state: 'ok', error: null }),
      probePartnerCenter: async () => ({ state: 'ok', error: null }),
    };
    const healthOfB = () =>
      createHealthService({
        sources: sourcesOfB,
        clock: { now: clock.now, cloudNow: clock.cloudNow },
        probeIntervalSeconds: 30,
        warnDays: [30, 7],
      }).getHealthReport();
    await vi.waitFor(async () => {
      const tenant = (await healthOfB()).tenants[0];
      expect(tenant).toMatchObject({
        tenantId: contoso,
        status: 'needs-reconsent',
        lastError: { aadsts: 700082 },
      });
    });

    // An admin re-consents (on any instance): the old connection's verdict no longer holds.
    await sql`insert into tenant_connection_changes (tenant_id, changed_at)
      select tenant_id, written_at from tenant_token_verdicts
      on conflict (tenant_id) do update set changed_at = excluded.changed_at`.execute(database.db);
    expect((await healthOfB()).tenants[0]?.status).not.toBe('needs-reconsent');
  });
});

describe('shared verdicts in the reports of one instance', () => {
  it('are read once a second whatever the number of reports, and again after a connection change', async () => {
    const clock = new FakeClock();
    const reads = vi.fn(async () => new Map());
    const health = createHealthService({
      sources: {
        listStoredTenants: async () => [],
        readTokenStates: () => new Map(),
        readSharedTokenStates: reads,
        probeEntra: async () => ({ state: 'ok', error: null }),
        probePartnerCenter: async () => ({ state: 'ok', error: null }),
      },
      clock: { now: clock.now, cloudNow: clock.cloudNow },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
    });
    await Promise.all(Array.from({ length: 20 }, () => health.getHealthReport()));
    await health.getHealthReport();
    expect(reads).toHaveBeenCalledOnce();
    clock.advance(1_000);
    await health.getHealthReport();
    expect(reads).toHaveBeenCalledTimes(2);
    health.refreshAfterTenantChange();
    await health.getHealthReport();
    expect(reads).toHaveBeenCalledTimes(3);
  });
});

describe('the Partner Center probe on an instance that never redeemed', () => {
  it('does not take the token of a tenant another instance found needs re-consent', async () => {
    const clock = new FakeClock();
    const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
    const stored = (tenantId: string) => ({
      tenantId,
      secret: { version: 'v1', createdAt: 0, mintedBy: 'admin', mintedAt: null, mfa: true },
    });
    const probed: string[] = [];
    const health = createHealthService({
      sources: {
        listStoredTenants: async () => [stored(contoso), stored(fabrikam)],
        readTokenStates: () => new Map(),
        readSharedTokenStates: async () =>
          new Map([
            [
              contoso,
              {
                at: clock.cloudNow(),
                needsReconsent: true,
                lastRedemptionAt: null,
                consecutiveFailures: 1,
                lastError: null,
              },
            ],
          ]),
        probeEntra: async () => ({ state: 'ok', error: null }),
        probePartnerCenter: async (tenantId) => {
          probed.push(tenantId);
          return { state: 'ok', error: null };
        },
      },
      clock: { now: clock.now, cloudNow: clock.cloudNow },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
      homeTenantId: contoso,
    });
    await health.getHealthReport();
    expect(probed).toEqual([fabrikam]);
  });
});

describe('withSharedVerdicts', () => {
  const at = Date.UTC(2026, 11, 1, 9);
  const failure = {
    code: 'needs_reconsent',
    aadsts: 700082,
    at,
    correlationId: null,
    cause: 'The refresh token expired.',
    fix: 'Re-consent.',
    action: 're-consent' as const,
  };

  it("keeps this instance's own state when it is newer, and its cached-token times either way", () => {
    const own = {
      needsReconsent: false,
      lastRedemptionAt: at + 60_000,
      accessTokenExpiresAt: at + 3_660_000,
      nextRefreshAt: at + 3_360_000,
      consecutiveFailures: 0,
      lastError: null,
    };
    const older = {
      at,
      needsReconsent: true,
      lastRedemptionAt: at - 1,
      consecutiveFailures: 1,
      lastError: failure,
    };
    expect(
      withSharedVerdicts(new Map([[contoso, own]]), new Map([[contoso, older]])).get(contoso),
    ).toEqual(own);
    const newer = { ...older, at: at + 120_000, lastError: { ...failure, at: at + 120_000 } };
    expect(
      withSharedVerdicts(new Map([[contoso, own]]), new Map([[contoso, newer]])).get(contoso),
    ).toEqual({
      needsReconsent: true,
      lastRedemptionAt: at - 1,
      consecutiveFailures: 1,
      lastError: newer.lastError,
      accessTokenExpiresAt: own.accessTokenExpiresAt,
      nextRefreshAt: own.nextRefreshAt,
    });
  });
});
