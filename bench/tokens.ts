/**
 * Token-endpoint and Key Vault calls per 1,000 Partner Center requests: the portal's token
 * service (cache, single flight, background refresh, bounded write-back) side by side with
 * the naive pattern of the samples (read the refresh token and redeem it on every call),
 * both against the same in-process emulator, counted by the emulator itself.
 *
 *   npx tsx bench/tokens.ts [--requests 1000] [--hours 8] [--concurrency 10]
 *
 * Prints a table; asserts nothing. Re-executes itself once with the emulator's CA trusted
 * (NODE_EXTRA_CA_CERTS is read only at start) and the `react-server` condition (lib modules
 * import `server-only`).
 */
import { benchTlsDir, rerunTrustingEmulator } from './support/in-process-run';
import { readTokenLoadOptions } from './support/token-load-options';
import { partnerTenants, portalApp } from '../emulator/src/seed/identities';
import {
  mintPartnerCenterGrant,
  startTestEmulator,
  type TestEmulator,
} from '../test/support/emulator';

const { requests, hours, concurrency } = readTokenLoadOptions();

rerunTrustingEmulator(benchTlsDir, { serverConditions: true });

const tenantId = partnerTenants[0]!.tenantId;
const upn = `admin@${partnerTenants[0]!.domain}`;

interface Measured {
  strategy: string;
  tokenCalls: number;
  vaultCalls: number;
  pcRequests: number;
  failures: number;
}

/** Sends `requests` Partner Center calls in waves of `concurrency`, spread over `hours` of emulator time. */
async function drive(
  emulator: TestEmulator,
  strategy: string,
  token: () => Promise<string>,
): Promise<Measured> {
  const counters = emulator.context.counters;
  const before = {
    token: counters.get('token.grant.refresh_token'),
    vault: counters.get('vault.request'),
    pc: counters.get('pc.request'),
  };
  const stepMs = (hours * 3_600_000) / (requests / concurrency);
  let failures = 0;
  for (let sent = 0; sent < requests; sent += concurrency) {
    const wave = Array.from({ length: Math.min(concurrency, requests - sent) }, async () => {
      const response = await fetch(
        `${emulator.endpoints.partnerCenterUrl}/v1/profiles/organization`,
        {
          headers: { authorization: `Bearer ${await token()}`, accept: 'application/json' },
        },
      );
      if (!response.ok) failures += 1;
      await response.arrayBuffer();
    });
    await Promise.all(wave.map((p) => p.catch(() => (failures += 1))));
    emulator.context.clock.advance(stepMs);
  }
  return {
    strategy,
    tokenCalls: counters.get('token.grant.refresh_token') - before.token,
    vaultCalls: counters.get('vault.request') - before.vault,
    pcRequests: counters.get('pc.request') - before.pc,
    failures,
  };
}

async function main() {
  // Imported after the re-exec: lib modules import `server-only`, which needs the condition.
  const { redeemRefreshToken } = await import('../lib/entra');
  const { createRefreshTokenStore } = await import('../lib/vault');
  const { createTokenService } = await import('../lib/tokens/service');
  const { uniformClock } = await import('../lib/clock');
  const { emulatorConfig } = await import('../test/support/emulator-config');
  const emulator = await startTestEmulator({ tlsDir: benchTlsDir });
  try {
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

    const naive = await drive(emulator, 'naive (redeem every call)', async () => {
      const stored = await vault.readRefreshToken(tenantId);
      return (await redeem(stored!.value, { tenantId, resource: config.partnerCenter.resource }))
        .accessToken;
    });
    const service = createTokenService({
      config,
      vault,
      clock: cloudTime,
      entra: { redeemRefreshToken: redeem },
    });
    const portal = await drive(emulator, 'portal token service', () =>
      service.getAccessToken(tenantId),
    );
    await service.flushWriteBacks();

    const per1000 = (n: number, m: Measured) => ((n / m.pcRequests) * 1000).toFixed(1);
    console.log(
      `\n${requests} Partner Center requests, ${concurrency} at a time, over ${hours} h of emulator time (access tokens live 1 h)\n`,
    );
    console.log(
      'strategy                     | token calls /1000 PC | Key Vault calls /1000 PC | PC requests | failures',
    );
    console.log(
      '-----------------------------|----------------------|--------------------------|-------------|---------',
    );
    for (const m of [naive, portal]) {
      console.log(
        `${m.strategy.padEnd(29)}| ${per1000(m.tokenCalls, m).padStart(20)} | ${per1000(m.vaultCalls, m).padStart(24)} | ${String(m.pcRequests).padStart(11)} | ${m.failures}`,
      );
    }
    const state = service.getTokenState(tenantId);
    console.log(
      `\nportal: ${state?.counters.redemptions} redemptions, ${state?.counters.cacheHits} cache hits, ${state?.counters.writeBacks} write-backs`,
    );
    console.log(
      'Counted by the emulator: token calls = refresh_token grants, Key Vault calls = requests the vault served.',
    );
  } finally {
    await emulator.close();
  }
}

await main();
