import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { redeemRefreshToken } from '@/lib/entra';
import { uniformClock } from '@/lib/clock';
import { createRefreshTokenStore, type RefreshTokenStore } from '@/lib/vault';
import { createSecretClient } from '@/lib/vault/client';
import {
  mintPartnerCenterGrant,
  startTestEmulator,
  type TestEmulator,
} from '@/test/support/emulator';
import { partnerTenants, portalApp } from '@/emulator/src/seed/identities';
import type { PortalConfig } from '@/lib/config';
import { createTokenService } from './service';
import { emulatorConfig } from '@/test/support/emulator-config';

const [contoso, fabrikam] = partnerTenants.map((t) => t.tenantId) as [string, string];
const contosoAdmin = `admin@${partnerTenants[0]!.domain}`;
const fabrikamAdmin = `admin@${partnerTenants[1]!.domain}`;

let emulator: TestEmulator;
let config: PortalConfig;

/** A fresh store and service on the emulator's clock (fresh: the vault credential caches tokens). */
function freshService() {
  const clock = emulator.context.clock;
  // The emulator's clock is the cloud's and the portal's here (one process).
  const cloudTime = uniformClock(() => clock.now());
  const vault = createRefreshTokenStore({ config, clock: cloudTime });
  const service = createTokenService({
    config,
    vault,
    clock: cloudTime,
    entra: {
      redeemRefreshToken: (rt, target) =>
        redeemRefreshToken(rt, target, { config, now: () => clock.now() }),
    },
    retry: { budgetMs: 1_500, baseDelayMs: 100 },
  });
  return { vault, service };
}

async function connect(vault: RefreshTokenStore, tenantId: string, upn: string) {
  const grant = await mintPartnerCenterGrant(emulator, upn, 'v2');
  const claims = decodeJwt(grant.accessToken);
  return vault.saveRefreshToken(tenantId, grant.refreshToken, {
    upn,
    oid: String(claims.oid),
    mfa: true,
    clientId: portalApp.clientId,
    endpointVersion: 'v2',
  });
}

const tokenRequests = () => emulator.context.counters.get('token.grant.refresh_token');

beforeAll(async () => {
  emulator = await startTestEmulator();
  config = emulatorConfig(emulator);
  const { vault } = freshService();
  await connect(vault, contoso, contosoAdmin);
  await connect(vault, fabrikam, fabrikamAdmin);
});
afterAll(async () => emulator?.close());
afterEach(async () => {
  await emulator.control('faults', undefined, 'DELETE');
});

describe('token service against the emulator', () => {
  it('stores the refresh token with tags and history, without values in the history', async () => {
    const { vault } = freshService();
    const stored = await vault.readRefreshToken(contoso);
    expect(stored?.tags).toMatchObject({
      'minted-by': contosoAdmin,
      mfa: 'true',
      'client-id': portalApp.clientId,
      'endpoint-version': 'v2',
      purpose: 'consent',
    });
    const versions = await vault.listRefreshTokenVersions(contoso);
    expect(versions[0]).toMatchObject({
      version: stored?.version,
      mintedBy: contosoAdmin,
      purpose: 'consent',
    });
    expect(JSON.stringify(versions)).not.toContain(stored!.value);
    expect((await vault.listConnectedTenants()).map((t) => t.tenantId).sort()).toEqual(
      [contoso, fabrikam].sort(),
    );
  });

  it('200 concurrent calls on a cold cache make exactly one token request', async () => {
    const { service } = freshService();
    const before = tokenRequests();
    const tokens = await Promise.all(
      Array.from({ length: 200 }, () => service.getAccessToken(contoso)),
    );
    expect(tokenRequests() - before).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(decodeJwt(tokens[0]!)).toMatchObject({
      tid: contoso,
      aud: 'https://api.partnercenter.microsoft.com',
    });
  });

  it('keeps two partner tenants apart', async () => {
    const { service } = freshService();
    const [a, b] = await Promise.all([
      service.getAccessToken(contoso),
      service.getAccessToken(fabrikam),
    ]);
    expect(decodeJwt(a).tid).toBe(contoso);
    expect(decodeJwt(b).tid).toBe(fabrikam);
  });

  it('keeps serving the cached token while the vault is down, and recovers', async () => {
    const { service } = freshService();
    const token = await service.getAccessToken(contoso);
    await emulator.control('faults', { service: 'vault', kind: 'status', status: 503 });
    emulator.context.clock.advance(57 * 60_000); // inside the refresh window: background refresh fails
    for (let i = 0; i < 5; i += 1) expect(await service.getAccessToken(contoso)).toBe(token);
    // The background attempt runs out of its retry budget; until then and after, the cached token serves.
    await vi.waitFor(
      () =>
        expect(service.getTokenState(contoso)).toMatchObject({
          status: 'degraded',
          lastError: { code: 'token_unavailable' },
        }),
      { timeout: 15_000, interval: 100 },
    );
    expect(await service.getAccessToken(contoso)).toBe(token);
    expect(service.getTokenState(contoso)).toMatchObject({
      status: 'degraded',
      lastError: { code: 'token_unavailable' },
    });
    await emulator.control('faults', undefined, 'DELETE');
    emulator.context.clock.advance(3 * 60_000); // expired now: the caller waits for a real refresh
    const renewed = await service.getAccessToken(contoso);
    expect(renewed).not.toBe(token);
    expect(service.getTokenState(contoso)?.status).toBe('healthy');
  });

  it('a revoked user moves the tenant to needs re-consent with AADSTS50173', async () => {
    const { service } = freshService();
    await emulator.control(`users/${encodeURIComponent(fabrikamAdmin)}/revoke`, {});
    await expect(service.getAccessToken(fabrikam)).rejects.toMatchObject({
      code: 'needs_reconsent',
      aadsts: 50173,
    });
    expect(service.getTokenState(fabrikam)).toMatchObject({
      status: 'needs-reconsent',
      lastError: { aadsts: 50173 },
    });
  });

  it('keep-alive redeems an idle tenant and writes the rotated token back', async () => {
    emulator.context.clock.advance(8 * 86_400_000);
    const { service, vault } = freshService();
    const before = await vault.readRefreshToken(contoso);
    const outcomes = await service.runKeepAlive();
    expect(outcomes.find((o) => o.tenantId === contoso)).toMatchObject({ outcome: 'refreshed' });
    const after = await vault.readRefreshToken(contoso);
    expect(after?.version).not.toBe(before?.version);
    expect(after?.tags).toMatchObject({ purpose: 'rotation', 'minted-by': contosoAdmin });
  });

  it('a tenant idle for 90 days moves to needs re-consent naming AADSTS700082', async () => {
    emulator.context.clock.advance(90 * 86_400_000 + 60_000);
    const { service } = freshService();
    const err = await service.getAccessToken(contoso).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'needs_reconsent', aadsts: 700082, action: 're-consent' });
    expect((err as Error).message).toContain('AADSTS700082');
  });
});

describe('a consent racing a rotation against the emulator', () => {
  it('goes on top of a write-back it meets between the version check and the write', async () => {
    const { vault } = freshService();
    await connect(vault, contoso, contosoAdmin);
    emulator.context.clock.advance(2 * 86_400_000); // the stored version is due for a write-back
    const grant = await mintPartnerCenterGrant(emulator, contosoAdmin, 'v2');
    const meta = {
      upn: contosoAdmin,
      oid: String(decodeJwt(grant.accessToken).oid),
      mfa: true,
      clientId: portalApp.clientId,
      endpointVersion: 'v2' as const,
    };
    const clock = emulator.context.clock;
    const cloudTime = uniformClock(() => clock.now());
    const client = createSecretClient(config);
    let redeemed = false; // Entra answered: the next read is the write-back's version check
    let consent: Promise<{ version: string }> | undefined;
    // The admin's consent (as the onboarding ports save it) arrives right after that check.
    const racing = createRefreshTokenStore({
      config,
      clock: cloudTime,
      client: Object.assign(Object.create(client) as typeof client, {
        getSecret: async (...args: Parameters<typeof client.getSecret>) => {
          const read = await client.getSecret(...args);
          if (redeemed && !consent) {
            consent = service.changeConnection(contoso, () =>
              vault.saveRefreshToken(contoso, grant.refreshToken, meta),
            );
            // Saved in this gap, Key Vault would serve the rotated token of the old grant.
            await Promise.race([consent, new Promise((r) => setTimeout(r, 500))]);
          }
          return read;
        },
      }),
    });
    const service = createTokenService({
      config,
      vault: racing,
      clock: cloudTime,
      entra: {
        redeemRefreshToken: async (rt, target) => {
          const tokens = await redeemRefreshToken(rt, target, { config, now: () => clock.now() });
          redeemed = true;
          return tokens;
        },
      },
      retry: { budgetMs: 1_500, baseDelayMs: 100 },
    });
    const rotations = async () =>
      (await vault.listRefreshTokenVersions(contoso)).filter((v) => v.purpose === 'rotation')
        .length;
    const rotationsBefore = await rotations();
    await service.getAccessToken(contoso);
    await service.flushWriteBacks();
    expect(consent).toBeDefined();
    const saved = await consent!;
    expect(await vault.readRefreshToken(contoso)).toMatchObject({
      value: grant.refreshToken,
      version: saved.version,
      tags: { purpose: 'consent' },
    });
    // The rotation wrote first: its version is in the history, under the consent's.
    expect(await rotations()).toBe(rotationsBefore + 1);
  });
});
