import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { createTokenService } from '@/lib/tokens';
import { entraFailure, FakeClock, FakeEntra, FakeVault } from '@/lib/tokens/fakes.test-support';
import { createSharedTokenVerdicts } from '@/lib/tokens/shared-verdicts';
import type { TenantTokenState } from '@/lib/tokens/state';
import { unitTestConfig } from '@/test/support/unit-config';
import { createHealthService, type HealthSources } from './service';
import { withSharedVerdicts, type SharedTokenFacts } from './facts';
import { sharedTokenFacts } from './sources';
import type { HealthReport } from './types';

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

describe('an instance cut off from Key Vault', () => {
  it("does not make the others' health pages show the tenant degraded", async () => {
    await sql`delete from tenant_token_verdicts`.execute(database.db);
    await sql`delete from tenant_connection_changes`.execute(database.db);
    const verdicts = createSharedTokenVerdicts(async () => database.db);
    const clock = new FakeClock();
    const vaultOfA = new FakeVault(clock);
    vaultOfA.consent(contoso, 'rt-contoso-consent');
    const told: TenantTokenState[] = [];
    const tokenService = (vault: FakeVault) =>
      createTokenService({
        config: unitTestConfig(),
        vault,
        entra: new FakeEntra(clock),
        clock,
        retry: { budgetMs: 0 },
        sleep: async () => undefined,
        onVerdict: (state) => {
          told.push(state);
          void verdicts.record(state);
        },
      });
    await tokenService(vaultOfA).getAccessToken(contoso);
    await vi.waitFor(async () =>
      expect((await verdicts.readAll()).get(contoso)?.status).toBe('healthy'),
    );

    // C's own path to the vault fails a minute later: its page says so, nobody else's.
    clock.advance(60_000);
    const vaultOfC = new FakeVault(clock);
    vaultOfC.down = true;
    const instanceC = tokenService(vaultOfC);
    await expect(instanceC.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'token_unavailable',
    });
    expect(instanceC.getTokenState(contoso)).toMatchObject({ status: 'degraded' });
    // Told synchronously when it is told at all: only A's redemption was.
    expect(told.map((state) => state.status)).toEqual(['healthy']);
    expect((await verdicts.readAll()).get(contoso)).toMatchObject({
      status: 'healthy',
      consecutiveFailures: 0,
    });
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
      lastWriteBackAt: at + 60_500,
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
      // Its own write-back is a fact of the vault's, whoever's verdict is newer.
      lastWriteBackAt: own.lastWriteBackAt,
    });
  });
});

describe("a re-consent while the database still holds the old connection's verdict", () => {
  // The consent's save stores a refresh token minted now; TokenService.invalidate forgets this
  // instance's own state and writes the connection change without waiting, and the health
  // service is told at once (refreshAfterTenantChange): a report may read the verdicts first.
  const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
  function reconsentScenario() {
    const clock = new FakeClock();
    const secret = (version: string, mintedAt: number) => ({
      version,
      createdAt: mintedAt,
      mintedBy: 'admin@contoso.test',
      mintedAt,
      mfa: true,
    });
    const connectedAt = clock.cloudNow() - 86_400_000;
    const vault = new Map([
      [contoso, secret('v1', connectedAt)],
      [fabrikam, secret('f1', connectedAt)],
    ]);
    // The database's verdicts: Contoso's refresh token was refused an hour ago.
    const table = new Map([
      [
        contoso,
        {
          at: clock.cloudNow() - 3_600_000,
          needsReconsent: true,
          lastRedemptionAt: null,
          consecutiveFailures: 1,
          lastError: null,
        },
      ],
    ]);
    let listingHeld: Promise<void> | null = null;
    const probed: string[] = [];
    const health = createHealthService({
      sources: {
        async listStoredTenants() {
          const listed = [...vault].map(([tenantId, s]) => ({ tenantId, secret: s }));
          await listingHeld;
          return listed;
        },
        readTokenStates: () => new Map(), // forgotten at the consent (forgetLocally)
        readSharedTokenStates: async () => new Map(table),
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
    const reconsent = () => {
      vault.set(contoso, secret('v2', clock.cloudNow()));
      health.refreshAfterTenantChange();
    };
    const databaseHearsOfIt = () => table.delete(contoso);
    const holdListing = () => {
      let release!: () => void;
      listingHeld = new Promise((resolve) => (release = resolve));
      return () => {
        listingHeld = null;
        release();
      };
    };
    return { clock, health, probed, reconsent, databaseHearsOfIt, holdListing };
  }
  const contosoIn = (report: HealthReport) => report.tenants.find((t) => t.tenantId === contoso);

  it('does not count once the new refresh token is listed: Partner Center is probed with it at once', async () => {
    const { clock, health, probed, reconsent, databaseHearsOfIt } = reconsentScenario();
    expect(contosoIn(await health.getHealthReport())?.status).toBe('needs-reconsent');
    expect(probed).toEqual([fabrikam]);

    clock.advance(60_000);
    reconsent();
    const report = await health.getHealthReport();
    expect(contosoIn(report)).toMatchObject({ grant: { keyVaultVersion: 'v2' } });
    expect(contosoIn(report)?.status).not.toBe('needs-reconsent');
    expect(probed).toEqual([fabrikam, contoso]);

    // Nor is the probe left on Fabrikam's token for its interval once the database catches up.
    databaseHearsOfIt();
    clock.advance(1_000);
    await health.getHealthReport();
    expect(probed.at(-1)).toBe(contoso);
  });

  it('a report under way at the consent shows, and probes with, the connection after it', async () => {
    const { clock, health, probed, reconsent, holdListing } = reconsentScenario();
    await health.getHealthReport();
    expect(probed).toEqual([fabrikam]);

    clock.advance(30_000); // the listing is due again
    const release = holdListing();
    const before = health.getHealthReport(); // lists the vault as it was, slowly
    reconsent();
    release();
    const report = await before;
    expect(contosoIn(report)).toMatchObject({ grant: { keyVaultVersion: 'v2' } });
    expect(contosoIn(report)?.status).not.toBe('needs-reconsent');
    expect(probed.at(-1)).toBe(contoso);
    await health.getHealthReport();
    expect(probed.at(-1)).toBe(contoso);
  });

  it('a verdict read under way at the change does not answer for the reports after it, though it finishes last', async () => {
    // Refuted suspicion, kept as a guard: forget() drops the memo synchronously and a read
    // answers only the calls that shared it, never the memo after a forget().
    const clock = new FakeClock();
    const stored = {
      tenantId: contoso,
      // No minted-at tag (a secret from before the tags): only the memo decides.
      secret: {
        version: 'v1',
        createdAt: clock.cloudNow() - 86_400_000,
        mintedBy: null,
        mintedAt: null,
        mfa: true,
      },
    };
    const reads: ((verdicts: Map<string, SharedTokenFacts>) => void)[] = [];
    const health = createHealthService({
      sources: {
        listStoredTenants: async () => [stored],
        readTokenStates: () => new Map(),
        readSharedTokenStates: () => new Promise((resolve) => reads.push(resolve)),
        probeEntra: async () => ({ state: 'ok', error: null }),
        probePartnerCenter: async () => ({ state: 'ok', error: null }),
      },
      clock: { now: clock.now, cloudNow: clock.cloudNow },
      probeIntervalSeconds: 30,
      warnDays: [30, 7],
    });
    const before = health.getHealthReport();
    health.refreshAfterTenantChange();
    const after = health.getHealthReport();
    expect(reads).toHaveLength(2);
    reads[1]!(new Map()); // the read after the change: the database has heard of it
    reads[0]!(
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
    );
    await Promise.all([before, after]);
    const later = await health.getHealthReport(); // within the second: the memo answers
    expect(reads).toHaveLength(2);
    expect(contosoIn(later)?.status).toBe('healthy');
  });
});

describe("an instance's own memory of a grant another instance's consent replaced", () => {
  it('no longer says "needs re-consent" once the new refresh token is listed, nor skips it in the probe', async () => {
    const clock = new FakeClock();
    const failedAt = clock.cloudNow() - 3_600_000;
    let mintedAt = clock.cloudNow() - 86_400_000;
    // This instance (B) redeemed Contoso's token an hour ago and was refused; B's token service
    // has not used Contoso since, so its memory still holds that verdict.
    const ownMemory = new Map([
      [
        contoso,
        {
          needsReconsent: true,
          lastRedemptionAt: null,
          accessTokenExpiresAt: null,
          nextRefreshAt: null,
          consecutiveFailures: 1,
          lastError: {
            code: 'needs_reconsent',
            aadsts: 700082,
            at: failedAt,
            correlationId: null,
            cause: 'The refresh token expired.',
            fix: 'Re-consent.',
            action: 're-consent' as const,
          },
        },
      ],
    ]);
    const probed: string[] = [];
    const health = createHealthService({
      sources: {
        listStoredTenants: async () => [
          {
            tenantId: contoso,
            secret: {
              version: mintedAt > failedAt ? 'v2' : 'v1',
              createdAt: mintedAt,
              mintedBy: 'admin@contoso.test',
              mintedAt,
              mfa: true,
            },
          },
        ],
        readTokenStates: () => ownMemory,
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
    expect((await health.getHealthReport()).tenants[0]?.status).toBe('needs-reconsent');
    expect(probed).toEqual([]);

    // An admin re-consents on instance A; B only sees the new secret in its next listing.
    mintedAt = clock.cloudNow();
    clock.advance(31_000);
    const report = await health.getHealthReport();
    expect(report.tenants[0]).toMatchObject({ grant: { keyVaultVersion: 'v2' }, lastError: null });
    expect(report.tenants[0]?.status).toBe('healthy');
    expect(probed).toEqual([contoso]);
  });
});
