/**
 * Several instances: token-endpoint calls per 1,000 Partner Center requests with 1 and 3
 * portal instances (each its own token service and connection pool, sharing one PostgreSQL
 * through the redemption lease), and what the shared guards add to a request: a rate-limit
 * check and a token lookup, in memory (one instance) and through PostgreSQL (three).
 *
 *   npx tsx bench/scale-out.ts [--requests 1000] [--hours 8] [--concurrency 10]
 *
 * Needs PostgreSQL server binaries (test/support/postgres.ts); without them it says so and
 * stops. Emulator on 9751-9753 (bench/pages.ts uses 9741-9743). Prints tables; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { benchTlsDir, rerunTrustingEmulator } from './support/in-process-run';
import { readTokenLoadOptions } from './support/token-load-options';
import { median } from './support/load';
import { partnerTenants, portalApp } from '../emulator/src/seed/identities';
import { mintPartnerCenterGrant, startTestEmulator } from '../test/support/emulator';
import { findPostgresBin, startTestPostgres } from '../test/support/postgres';

const { requests, hours, concurrency } = readTokenLoadOptions();

rerunTrustingEmulator(benchTlsDir, { serverConditions: true });

const tenantId = partnerTenants[0]!.tenantId;
const upn = `admin@${partnerTenants[0]!.domain}`;

async function main() {
  const bin = findPostgresBin();
  if (!bin) {
    console.log(
      '\nbench/scale-out.ts: skipped, no PostgreSQL server binaries (apt-get install postgresql, or set PG_BIN).',
    );
    return;
  }
  // Imported after the re-exec: lib modules import `server-only`, which needs the condition.
  const { redeemRefreshToken } = await import('../lib/entra');
  const { createRefreshTokenStore } = await import('../lib/vault');
  const { createTokenService } = await import('../lib/tokens/service');
  const { uniformClock } = await import('../lib/clock');
  const { createRedemptionLease } = await import('../lib/tokens/redemption-lease');
  const { sealedTokenKey } = await import('../lib/tokens/sealed-token');
  const { RouteLimiter } = await import('../lib/security/rate-limit');
  const { openDatabase, migrateToLatest } = await import('../lib/db');
  const { emulatorConfig } = await import('../test/support/emulator-config');

  const postgres = await startTestPostgres(bin);
  const emulator = await startTestEmulator({
    tlsDir: benchTlsDir,
    ports: { login: 9751, vault: 9752, partnerCenter: 9753 },
  });
  const pools = await Promise.all(
    [1, 2, 3].map(() => openDatabase({ url: postgres.url, embeddedDir: 'unused' })),
  );
  try {
    await migrateToLatest(pools[0]!.db);
    const config = emulatorConfig(emulator);
    const clock = emulator.context.clock;
    // The emulator's clock is the cloud's and the portal's here (one process).
    const cloudTime = uniformClock(() => clock.now());
    const vault = createRefreshTokenStore({ config, clock: cloudTime });
    const grant = await mintPartnerCenterGrant(emulator, upn, 'v2');
    await vault.saveRefreshToken(tenantId, grant.refreshToken, {
      upn,
      oid: 'bench',
      mfa: true,
      clientId: portalApp.clientId,
      endpointVersion: 'v2',
    });
    const redeem = (rt: string, target: { tenantId: string; resource: string }) =>
      redeemRefreshToken(rt, target, { config, now: () => clock.now() });
    const key = sealedTokenKey('bench-session-secret-of-32-characters-or-more');

    /** `count` instances; with `shared`, each one's lease and rate limits go through its own pool. */
    function instances(count: number, shared: boolean) {
      return pools.slice(0, count).map((pool, i) => ({
        tokens: createTokenService({
          config,
          vault,
          clock: cloudTime,
          entra: { redeemRefreshToken: redeem },
          redemptionLease: shared
            ? createRedemptionLease({
                database: async () => pool.db,
                key,
                minLifeMs: config.tokens.refreshSkewSeconds * 1000,
                now: () => clock.now(),
              })
            : undefined,
        }),
        limiter: new RouteLimiter({
          name: `bench-${count}-${i}-${shared}`,
          points: 1_000_000,
          durationSeconds: 60,
          shared: shared ? { database: async () => pool.db } : undefined,
        }),
      }));
    }

    async function drive(label: string, count: number, shared: boolean) {
      await pools[0]!.db.deleteFrom('shared_access_tokens').execute();
      const portal = instances(count, shared);
      const counters = emulator.context.counters;
      const before = {
        token: counters.get('token.grant.refresh_token'),
        pc: counters.get('pc.request'),
      };
      const stepMs = (hours * 3_600_000) / (requests / concurrency);
      const guardMs: number[] = [];
      let sent = 0;
      while (sent < requests) {
        const wave = Array.from(
          { length: Math.min(concurrency, requests - sent) },
          async (_, j) => {
            const instance = portal[(sent + j) % count]!;
            const started = performance.now();
            await instance.limiter.take(`client-${j}`);
            const token = await instance.tokens.getAccessToken(tenantId);
            guardMs.push(performance.now() - started);
            const response = await fetch(
              `${emulator.endpoints.partnerCenterUrl}/v1/profiles/organization`,
              { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
            );
            await response.arrayBuffer();
          },
        );
        await Promise.all(wave);
        sent += wave.length;
        clock.advance(stepMs);
      }
      await Promise.all(portal.map((p) => p.tokens.flushWriteBacks()));
      const pc = counters.get('pc.request') - before.pc;
      return {
        label,
        tokenPer1000: ((counters.get('token.grant.refresh_token') - before.token) / pc) * 1000,
        guardMedianMs: median(guardMs),
      };
    }

    const rows = [
      await drive('1 instance, memory (no DATABASE_URL)', 1, false),
      await drive('1 instance, shared guards', 1, true),
      await drive('3 instances, shared guards', 3, true),
      await drive('3 instances, no sharing (for contrast)', 3, false),
    ];
    const baseline = rows[0]!.guardMedianMs || 0.001;
    console.log(
      `\n${requests} Partner Center requests, ${concurrency} at a time, over ${hours} h of emulator time (access tokens live 1 h)\n`,
    );
    console.log(
      'setup                                   | token calls /1000 PC | rate limit + token, median ms | ratio to 1 instance in memory',
    );
    console.log(
      '----------------------------------------|----------------------|------------------------------|------------------------------',
    );
    for (const r of rows) {
      console.log(
        `${r.label.padEnd(40)}| ${r.tokenPer1000.toFixed(1).padStart(20)} | ${r.guardMedianMs.toFixed(3).padStart(28)} | ${(r.guardMedianMs / baseline).toFixed(1).padStart(28)}`,
      );
    }
    console.log(
      'Token calls = refresh_token grants counted by the emulator. Shared guards: one rate-limit upsert per request, and a lease plus a shared-token read per cache miss.',
    );
  } finally {
    await Promise.all(pools.map((p) => p.close()));
    await emulator.close();
    postgres.destroy();
  }
}

await main();
