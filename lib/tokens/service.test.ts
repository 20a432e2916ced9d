import { describe, expect, it, vi } from 'vitest';

const logged = vi.hoisted(() => ({ events: [] as Array<{ message: string; event: unknown }> }));
vi.mock('@/lib/log', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/log')>()),
  logEvent: (_level: string, message: string, event: unknown) =>
    logged.events.push({ message, event }),
}));
import { unitTestConfig } from '@/test/support/unit-config';
import { PortalFailure } from '@/lib/failure';
import { VaultError } from '@/lib/vault/errors';
import { EntraError } from '@/lib/entra/errors';
import { createTokenService } from './index';
import { verdictRecheckMs } from './credential';
import type { TenantTokenState } from './state';
import {
  entraFailure,
  FakeClock,
  FakeEntra,
  FakeVault,
  gate,
  networkFailure,
} from './fakes.test-support';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
/** Not admitted: not the home tenant, not in PARTNER_TENANTS (setup). */
const northwind = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const hour = 3_600_000;
const day = 86_400_000;

function setup(options: { budgetMs?: number } = {}) {
  // Contoso is the home tenant; Fabrikam is admitted as a partner.
  const config = unitTestConfig({ PARTNER_TENANTS: fabrikam });
  const clock = new FakeClock();
  const vault = new FakeVault(clock);
  const entra = new FakeEntra(clock);
  const delays: number[] = [];
  /** What the service told the other instances (TokenServiceDeps.onVerdict). */
  const shared: TenantTokenState[] = [];
  const service = createTokenService({
    onVerdict: (state) => shared.push(state),
    config,
    vault,
    entra,
    clock,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
      clock.advance(ms);
    },
    retry: { budgetMs: options.budgetMs ?? 10_000 },
  });
  vault.consent(contoso, 'rt-contoso-consent');
  return { config, clock, vault, entra, service, delays, shared };
}

describe('getAccessToken caching and single flight', () => {
  it('200 concurrent callers on a cold cache share exactly one redemption', async () => {
    const { service, entra } = setup();
    const tokens = await Promise.all(
      Array.from({ length: 200 }, () => service.getAccessToken(contoso)),
    );
    expect(entra.calls).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set([`at-${contoso}-1`]));
  });

  it('1,000 calls within the token life make one redemption and 999 cache hits', async () => {
    const { service, entra, clock } = setup();
    for (let i = 0; i < 1000; i += 1) {
      await service.getAccessToken(contoso);
      clock.advance(2_000); // 2,000 s in all: inside the hour minus the 5 minute skew
    }
    expect(entra.calls).toHaveLength(1);
    expect(service.getTokenState(contoso)?.counters).toMatchObject({
      redemptions: 1,
      cacheHits: 999,
    });
  });

  it('near expiry refreshes in the background while callers keep the current token', async () => {
    const { service, entra, clock } = setup();
    const first = await service.getAccessToken(contoso);
    clock.advance(hour - 200_000); // inside the 300 s skew window, still valid
    const held = gate();
    entra.behaviour = async (_rt, t) => {
      await held.promise;
      return entra.issue(t.tenantId);
    };
    const during = await Promise.all(
      Array.from({ length: 20 }, () => service.getAccessToken(contoso)),
    );
    expect(during.every((t) => t === first)).toBe(true); // nobody waited for the pending refresh
    expect(entra.calls).toHaveLength(2); // one background refresh for all twenty callers
    held.open();
    await new Promise((r) => setImmediate(r));
    expect(await service.getAccessToken(contoso)).toBe(`at-${contoso}-2`);
  });

  it('keeps tenants apart', async () => {
    const { service, vault, entra } = setup();
    vault.consent(fabrikam, 'rt-fabrikam');
    const [a, b] = await Promise.all([
      service.getAccessToken(contoso),
      service.getAccessToken(fabrikam),
    ]);
    expect(a).toContain(contoso);
    expect(b).toContain(fabrikam);
    expect(a).not.toContain(fabrikam);
    // The fake names a token after the tenant it was asked for: what keeps the partners apart
    // is that each tenant's redemption used that tenant's own refresh token.
    expect(entra.calls.map(({ refreshToken, tenantId }) => ({ refreshToken, tenantId }))).toEqual(
      expect.arrayContaining([
        { refreshToken: 'rt-contoso-consent', tenantId: contoso },
        { refreshToken: 'rt-fabrikam', tenantId: fabrikam },
      ]),
    );
    expect(entra.calls).toHaveLength(2);
  });

  it('rejects a tenant id that is not a GUID without touching the vault', async () => {
    const { service, vault } = setup();
    await expect(service.getAccessToken('common')).rejects.toBeInstanceOf(TypeError);
    expect(vault.reads).toBe(0);
  });
});

describe('failures', () => {
  it('a failure reaches every waiter, is not cached, and recovers after re-consent', async () => {
    const { service, entra, vault, clock, shared } = setup();
    entra.behaviour = () => {
      throw entraFailure(700082, 'invalid_grant');
    };
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => service.getAccessToken(contoso)),
    );
    // The other instances are told the verdict (without a token), once per redemption.
    expect(shared).toEqual([
      expect.objectContaining({ tenantId: contoso, status: 'needs-reconsent' }),
    ]);
    expect(JSON.stringify(shared)).not.toContain('rt-contoso-consent');
    expect(entra.calls).toHaveLength(1);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        code: 'needs_reconsent',
        aadsts: 700082,
        tenantId: contoso,
      });
    }
    expect(service.getTokenState(contoso)).toMatchObject({
      status: 'needs-reconsent',
      consecutiveFailures: 1,
      lastError: { aadsts: 700082, correlationId: 'corr-700082' },
    });
    // Same vault version: the verdict is replayed without asking Entra again.
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
    });
    expect(entra.calls).toHaveLength(1);
    // A Key Vault outage in between (met once the vault is looked at again) does not make it
    // forget: the dead token is not sent again.
    clock.advance(verdictRecheckMs);
    vault.down = true;
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'token_unavailable',
    });
    vault.down = false;
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
    });
    expect(entra.calls).toHaveLength(1);
    // A new version in the vault is picked up without a restart (within the recheck: one
    // written there without the portal; a consent through the portal drops the verdict at once).
    entra.behaviour = (_rt, t) => entra.issue(t.tenantId);
    vault.consent(contoso, 'rt-after-reconsent');
    clock.advance(verdictRecheckMs);
    await expect(service.getAccessToken(contoso)).resolves.toMatch(/^at-/);
    expect(entra.calls.at(-1)?.refreshToken).toBe('rt-after-reconsent');
    expect(service.getTokenState(contoso)).toMatchObject({
      status: 'healthy',
      consecutiveFailures: 0,
    });
  });

  it('a replayed verdict is no new failure: the streak, its time and the other instances stay as Entra left them', async () => {
    const { service, entra, vault, clock, shared } = setup();
    entra.behaviour = () => {
      throw entraFailure(700082, 'invalid_grant');
    };
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
    });
    const told = service.getTokenState(contoso)!;
    expect(told).toMatchObject({ consecutiveFailures: 1, counters: { failures: 1 } });
    const view = () =>
      expect(service.getAccessToken(contoso)).rejects.toMatchObject({ code: 'needs_reconsent' });
    for (let i = 0; i < 5; i += 1) await view();
    expect(entra.calls).toHaveLength(1);
    expect(service.getTokenState(contoso)).toEqual(told);
    expect(shared).toHaveLength(1);
    // A minute on, the same dead token found again: its time moves (and is shared, so that no
    // other instance's older news stands in its place), its streak does not.
    clock.advance(10 * 60_000);
    for (let i = 0; i < 5; i += 1) await view();
    expect(service.getTokenState(contoso)).toEqual({
      ...told,
      lastError: { ...told.lastError, at: told.lastError!.at! + 10 * 60_000 },
    });
    expect(shared).toHaveLength(2);
    // A vault outage in between is shown; the verdict after it is shown again, and shared.
    clock.advance(verdictRecheckMs);
    vault.down = true;
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'token_unavailable',
    });
    expect(service.getTokenState(contoso)).toMatchObject({ status: 'degraded' });
    // An outage is not told to the other instances: it may be this instance's path alone.
    expect(shared).toHaveLength(2);
    vault.down = false;
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
    });
    expect(service.getTokenState(contoso)).toMatchObject({
      status: 'needs-reconsent',
      lastError: { aadsts: 700082, correlationId: 'corr-700082' },
    });
    expect(shared).toHaveLength(3);
    expect(shared.at(-1)).toMatchObject({ status: 'needs-reconsent' });
    expect(entra.calls).toHaveLength(1);
  });

  it('replays a re-consent verdict from memory for a minute: page views read no Key Vault', async () => {
    const { service, entra, vault, clock } = setup();
    entra.behaviour = () => {
      throw entraFailure(700082, 'invalid_grant');
    };
    const view = () =>
      expect(service.getAccessToken(contoso)).rejects.toMatchObject({ code: 'needs_reconsent' });
    await view();
    expect(vault.reads).toBe(1);
    for (let i = 0; i < 20; i += 1) {
      clock.advance(2_000);
      await view();
    }
    // 40 s of page views: the verdict alone, neither the vault nor Entra asked again.
    expect(vault.reads).toBe(1);
    expect(entra.calls).toHaveLength(1);
    // A minute after the vault last showed the dead token's version, one view looks again...
    clock.advance(verdictRecheckMs - 40_000);
    await view();
    expect(vault.reads).toBe(2);
    // ...and the minute counts from that look.
    clock.advance(verdictRecheckMs - 1);
    await view();
    expect(vault.reads).toBe(2);
    clock.advance(1);
    await view();
    expect(vault.reads).toBe(3);
    expect(entra.calls).toHaveLength(1);
    // A consent through the portal drops the verdict at once: the next view redeems its token.
    entra.behaviour = (_rt, t) => entra.issue(t.tenantId);
    await service.changeConnection(contoso, async () => {
      vault.consent(contoso, 'rt-after-reconsent');
    });
    service.invalidate(contoso);
    await expect(service.getAccessToken(contoso)).resolves.toMatch(/^at-/);
    expect(entra.calls.at(-1)?.refreshToken).toBe('rt-after-reconsent');
  });

  // A partner's admin lifted the block policy in their Entra ID: the stored grant works again,
  // but every view replayed "needs re-consent" for its Key Vault version until a new consent.
  it('a recheck asks Entra once more with the stored token, past the remembered verdict', async () => {
    const { service, entra, vault } = setup();
    let blocked = true;
    entra.behaviour = (_rt, t) => {
      if (blocked) throw entraFailure(53003, 'access_denied');
      return entra.issue(t.tenantId);
    };
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
    });
    // Still blocked: the recheck fails as the redemption did, and its verdict is remembered.
    await expect(service.recheckConnection(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
      aadsts: 53003,
    });
    expect(entra.calls).toHaveLength(2);
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
    });
    expect(entra.calls).toHaveLength(2);
    blocked = false;
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
    });
    await service.recheckConnection(contoso);
    expect(entra.calls).toHaveLength(3);
    expect(entra.calls.at(-1)?.refreshToken).toBe('rt-contoso-consent');
    expect(vault.versions.get(contoso)).toHaveLength(1);
    // The views after it use the token it redeemed.
    await expect(service.getAccessToken(contoso)).resolves.toMatch(/^at-/);
    expect(entra.calls).toHaveLength(3);
    expect(service.getTokenState(contoso)).toMatchObject({
      status: 'healthy',
      consecutiveFailures: 0,
    });
  });

  it('a recheck keeps a wait Entra asked for: it does not ask again inside it', async () => {
    const { service, entra } = setup();
    entra.behaviour = () => {
      throw entraFailure(50196, 'invalid_grant');
    };
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'token_unavailable',
    });
    const calls = entra.calls.length;
    await expect(service.recheckConnection(contoso)).rejects.toMatchObject({
      code: 'token_unavailable',
      retryAfterSeconds: expect.any(Number),
    });
    expect(entra.calls).toHaveLength(calls);
  });

  it('the keep-alive looks at the vault whatever the remembered verdict', async () => {
    const { service, entra, vault, clock } = setup();
    clock.advance(8 * day);
    entra.behaviour = () => {
      throw entraFailure(700082, 'invalid_grant');
    };
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'needs_reconsent',
    });
    const readsBefore = vault.reads;
    const [outcome] = await service.runKeepAlive({ tenantId: contoso });
    expect(outcome).toMatchObject({ tenantId: contoso, outcome: 'failed' });
    // The tenant's listing entry, then the secret itself: the verdict's version checked again.
    expect(vault.reads).toBe(readsBefore + 2);
    expect(entra.calls).toHaveLength(1);
  });

  it.each([
    [700082, 'invalid_grant', 'needs_reconsent'],
    [70008, 'invalid_grant', 'needs_reconsent'],
    [50173, 'invalid_grant', 'needs_reconsent'],
    [700007, 'invalid_grant', 'needs_reconsent'],
    [50076, 'interaction_required', 'needs_reconsent'],
    [50079, 'interaction_required', 'needs_reconsent'],
    [7000215, 'invalid_client', 'configuration_error'],
    [7000222, 'invalid_client', 'configuration_error'],
    [70002, 'invalid_client', 'configuration_error'],
    [650051, 'invalid_request', 'configuration_error'],
    [900144, 'invalid_request', 'configuration_error'],
    [901002, 'invalid_request', 'configuration_error'],
  ])('AADSTS%i (%s) -> %s, not retried', async (aadsts, error, code) => {
    const { service, entra, delays } = setup();
    entra.behaviour = () => {
      throw entraFailure(aadsts, error, error === 'invalid_client' ? 401 : 400);
    };
    const err = await service.getAccessToken(contoso).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortalFailure);
    expect(err).toMatchObject({ code, aadsts });
    expect((err as Error).message).toContain(`AADSTS${aadsts}`);
    expect(delays).toEqual([]);
  });

  it.each([
    [
      'loop detection (AADSTS50196, invalid_grant)',
      () =>
        new EntraError({
          error: 'invalid_grant',
          aadsts: 50196,
          status: 400,
          correlationId: 'corr-50196',
        }),
      60,
    ],
    [
      'a 429 with Retry-After: 45',
      () => new EntraError({ error: 'throttled', status: 429, retryAfterSeconds: 45 }),
      45,
    ],
  ])(
    'Entra throttling by %s is no re-consent: nobody asks again until the wait is over',
    async (_name, throttled, waitSeconds) => {
      const { service, entra, clock, delays } = setup();
      entra.behaviour = () => {
        throw throttled();
      };
      const first = await service.getAccessToken(contoso).catch((e: unknown) => e);
      expect(first).toMatchObject({
        code: 'token_unavailable',
        action: 'retry',
        transient: true,
        retryAfterSeconds: waitSeconds,
      });
      // The wait is longer than the retry budget: given up at once, not slept through.
      expect(delays).toEqual([]);
      expect(service.getTokenState(contoso)?.status).toBe('degraded');
      // During the wait nobody asks Entra, whatever the resource; the wait left is named.
      clock.advance(20_000);
      for (const resource of [undefined, 'https://graph.microsoft.com'])
        await expect(service.getAccessToken(contoso, resource)).rejects.toMatchObject({
          code: 'token_unavailable',
          retryAfterSeconds: waitSeconds - 20,
        });
      expect(entra.calls).toHaveLength(1);
      // Once it is over, the grant, never given up, works again.
      clock.advance((waitSeconds - 20) * 1000);
      entra.behaviour = (_rt, t) => entra.issue(t.tenantId);
      await expect(service.getAccessToken(contoso)).resolves.toMatch(/^at-/);
      expect(entra.calls).toHaveLength(2);
      expect(service.getTokenState(contoso)).toMatchObject({ status: 'healthy' });
    },
  );

  it('retries transient failures with exponential backoff and jitter', async () => {
    const { service, entra, delays } = setup();
    let failures = 2;
    entra.behaviour = (_rt, t) => {
      if (failures-- > 0) throw networkFailure();
      return entra.issue(t.tenantId);
    };
    await expect(service.getAccessToken(contoso)).resolves.toMatch(/^at-/);
    expect(entra.calls).toHaveLength(3);
    expect(delays).toEqual([188, 375]); // 250·2^n scaled by equal jitter 0.75, whole ms (lib/retry)
  });

  it('gives up on transient failures when the budget is spent', async () => {
    const { service, entra, delays } = setup({ budgetMs: 2_000 });
    entra.behaviour = () => {
      throw networkFailure();
    };
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'token_unavailable',
    });
    expect(delays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2_000);
    expect(service.getTokenState(contoso)?.status).toBe('degraded');
  });

  it('serves the cached token through a vault outage until it expires, then fails clearly, then recovers', async () => {
    const { service, vault, clock } = setup({ budgetMs: 1_000 });
    const token = await service.getAccessToken(contoso);
    vault.down = true;
    clock.advance(hour - 120_000); // in the skew window: background refresh fails
    expect(await service.getAccessToken(contoso)).toBe(token);
    await new Promise((r) => setImmediate(r));
    expect(await service.getAccessToken(contoso)).toBe(token);
    clock.advance(200_000); // expired
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'token_unavailable',
    });
    vault.down = false;
    await expect(service.getAccessToken(contoso)).resolves.not.toBe(token);
  });

  it('a consent missing for one resource does not refuse another resource of the grant', async () => {
    const { service, entra } = setup();
    const graph = 'https://graph.windows.net';
    entra.behaviour = (_rt, t) => {
      if (t.resource === graph) throw entraFailure(65001, 'invalid_grant');
      return entra.issue(t.tenantId);
    };
    await expect(service.getAccessToken(contoso, graph)).rejects.toMatchObject({
      code: 'needs_reconsent',
      aadsts: 65001,
    });
    await expect(service.getAccessToken(contoso)).resolves.toMatch(/^at-/);
    // The verdict still stands for its own resource, without asking Entra again.
    await expect(service.getAccessToken(contoso, graph)).rejects.toMatchObject({ aadsts: 65001 });
    expect(entra.calls).toHaveLength(2);
  });

  it('says not connected when the vault has no secret', async () => {
    const { service } = setup();
    await expect(service.getAccessToken(fabrikam)).rejects.toMatchObject({ code: 'not_connected' });
    expect(service.getTokenState(fabrikam)?.status).toBe('not-connected');
  });
});

describe('write-back and keep-alive', () => {
  it('writes the rotated token back only when the stored version is older than the interval', async () => {
    const { service, vault, clock } = setup();
    await service.getAccessToken(contoso);
    await service.flushWriteBacks();
    expect(vault.writes).toBe(0); // stored version is fresh
    clock.advance(day + hour);
    await service.getAccessToken(contoso);
    await service.flushWriteBacks();
    expect(vault.writes).toBe(1);
    expect(vault.current(contoso)?.value).toBe(`rt-${contoso}-2`);
    expect(service.getTokenState(contoso)?.lastWriteBack).toEqual({
      at: clock.now(),
      version: vault.current(contoso)?.version,
    });
  });

  it('says in the log when a due write-back fails, and keeps serving the stored token', async () => {
    const { service, vault, clock } = setup();
    clock.advance(day + hour);
    vault.saveRotatedRefreshToken = async () => {
      throw new VaultError('vault_forbidden', 'no set permission', 'fix', { operation: 'set' });
    };
    logged.events.length = 0;
    await service.getAccessToken(contoso);
    await service.flushWriteBacks();
    expect(vault.writes).toBe(0);
    expect(logged.events).toContainEqual({
      message: 'key vault: the rotated refresh token was not written back',
      event: { outcome: 'failure', tenant: contoso, errorCode: 'vault_forbidden' },
    });
    expect(JSON.stringify(logged.events)).not.toContain('rt-');
  });

  it('never clobbers a newer consent that landed during the redemption', async () => {
    const { service, vault, entra, clock } = setup();
    clock.advance(2 * day);
    entra.behaviour = (_rt, t) => {
      vault.consent(contoso, 'rt-newer-consent');
      return entra.issue(t.tenantId);
    };
    await service.getAccessToken(contoso);
    await service.flushWriteBacks();
    expect(vault.writes).toBe(0);
    expect(vault.current(contoso)?.value).toBe('rt-newer-consent');
  });

  it("a consent arriving between a write-back's version check and its write goes on top of it", async () => {
    const { service, vault, clock } = setup();
    clock.advance(2 * day); // the write-back is due
    const checked = gate();
    const held = gate();
    vault.betweenCheckAndWrite = async () => {
      checked.open();
      await held.promise;
    };
    await service.getAccessToken(contoso);
    await checked.promise;
    // Key Vault has no conditional set: saved now, the consent would be buried by the write.
    const consent = service.changeConnection(contoso, async () =>
      vault.consent(contoso, 'rt-new-consent'),
    );
    await nextTurn();
    expect(vault.current(contoso)?.value).toBe('rt-contoso-consent'); // the consent waits
    held.open();
    const consentVersion = await consent;
    await service.flushWriteBacks();
    expect(vault.writes).toBe(1); // the rotation ran fully before the consent
    expect(vault.current(contoso)).toMatchObject({
      value: 'rt-new-consent',
      version: consentVersion,
    });
  });

  it('a consent waits for no redemption at Entra; the write-back after it is superseded', async () => {
    const { service, vault, entra, clock } = setup();
    clock.advance(2 * day);
    const held = gate();
    entra.behaviour = async (_rt, t) => {
      await held.promise;
      return entra.issue(t.tenantId);
    };
    const redeeming = service.getAccessToken(contoso);
    await vi.waitFor(() => expect(entra.calls).toHaveLength(1));
    const consentVersion = await service.changeConnection(contoso, async () =>
      vault.consent(contoso, 'rt-new-consent'),
    );
    held.open();
    await redeeming;
    await service.flushWriteBacks();
    expect(vault.writes).toBe(0);
    expect(vault.current(contoso)).toMatchObject({
      value: 'rt-new-consent',
      version: consentVersion,
    });
  });

  it("a disconnect arriving between a write-back's check and its write leaves the tenant disconnected", async () => {
    const { service, vault, clock } = setup();
    clock.advance(2 * day);
    const checked = gate();
    const held = gate();
    vault.betweenCheckAndWrite = async () => {
      checked.open();
      await held.promise;
    };
    await service.getAccessToken(contoso);
    await checked.promise;
    const disconnect = service.changeConnection(contoso, async () => {
      vault.versions.delete(contoso);
    });
    await nextTurn();
    held.open();
    await disconnect;
    await service.flushWriteBacks();
    expect(vault.current(contoso)).toBeNull();
  });

  it('keep-alive redeems idle tenants, writes back, and skips fresh ones', async () => {
    const { service, vault, clock, entra } = setup();
    vault.consent(fabrikam, 'rt-fabrikam-old', 8 * day);
    clock.advance(hour);
    const outcomes = await service.runKeepAlive();
    expect(outcomes.map((o) => [o.tenantId, o.outcome])).toEqual([
      [contoso, 'skipped'],
      [fabrikam, 'refreshed'],
    ]);
    expect(entra.calls.map((c) => c.refreshToken)).toEqual(['rt-fabrikam-old']);
    expect(vault.current(fabrikam)?.value).toBe(`rt-${fabrikam}-1`);
    // A second run right after finds nothing idle.
    expect((await service.runKeepAlive()).every((o) => o.outcome === 'skipped')).toBe(true);
  });

  it('a tenant removed from PARTNER_TENANTS is neither renewed nor used, its secret still stored', async () => {
    const { service, vault, clock, entra } = setup();
    // Northwind consented once; the operator has since taken it out of PARTNER_TENANTS.
    vault.consent(northwind, 'rt-northwind', 8 * day);
    vault.consent(fabrikam, 'rt-fabrikam-old', 8 * day);
    clock.advance(hour);
    const outcomes = await service.runKeepAlive();
    expect(outcomes.map((o) => [o.tenantId, o.outcome])).toEqual([
      [contoso, 'skipped'],
      [northwind, 'not-admitted'],
      [fabrikam, 'refreshed'],
    ]);
    expect(entra.calls.map((c) => c.refreshToken)).toEqual(['rt-fabrikam-old']);
    expect(vault.current(northwind)?.value).toBe('rt-northwind');
    const reads = vault.reads;
    for (const use of [
      () => service.getAccessToken(northwind),
      () => service.replaceRejectedAccessToken(northwind, 'resource', 'at-old'),
      () => service.recheckConnection(northwind),
    ])
      await expect(use()).rejects.toMatchObject({ code: 'not_admitted', status: 403 });
    expect(entra.calls).toHaveLength(1);
    expect(vault.reads).toBe(reads);
  });

  it('a disconnect during a keep-alive redemption leaves no token and no health of the old connection', async () => {
    const { service, vault, entra, clock, shared } = setup();
    clock.advance(8 * day);
    const held = gate();
    entra.behaviour = async (_rt, t) => {
      await held.promise;
      return entra.issue(t.tenantId);
    };
    const keepAlive = service.runKeepAlive();
    await vi.waitFor(() => expect(entra.calls).toHaveLength(1));
    await service.changeConnection(contoso, async () => {
      vault.versions.delete(contoso);
    });
    service.invalidate(contoso);
    held.open();
    expect(await keepAlive).toEqual([
      expect.objectContaining({ tenantId: contoso, outcome: 'superseded' }),
    ]);
    // Its success was the old connection's: the tenant must not look healthy again, here or
    // on the other instances.
    expect(service.getTokenState(contoso)).toBeNull();
    expect(shared).toEqual([]);
    await expect(service.getAccessToken(contoso)).rejects.toMatchObject({
      code: 'not_connected',
    });
  });

  it('keep-alive reports a tenant that needs re-consent without stopping the others', async () => {
    const { service, vault, entra } = setup();
    vault.consent(contoso, 'rt-dead', 91 * day);
    vault.versions.set(contoso, [vault.current(contoso)!]);
    vault.consent(fabrikam, 'rt-fabrikam', 30 * day);
    entra.behaviour = (rt, t) => {
      if (rt === 'rt-dead') throw entraFailure(700082, 'invalid_grant');
      return entra.issue(t.tenantId);
    };
    const outcomes = await service.runKeepAlive();
    expect(outcomes).toEqual([
      expect.objectContaining({
        tenantId: contoso,
        outcome: 'failed',
        error: expect.objectContaining({ code: 'needs_reconsent', aadsts: 700082 }),
      }),
      expect.objectContaining({ tenantId: fabrikam, outcome: 'refreshed' }),
    ]);
  });

  it("a run for one tenant reads that tenant's secret, never the whole vault's listing", async () => {
    const { service, vault } = setup();
    vault.consent(contoso, 'rt-contoso', 30 * day);
    vault.consent(fabrikam, 'rt-fabrikam', 30 * day);
    const outcomes = await service.runKeepAlive({ tenantId: fabrikam.toUpperCase() });
    expect(outcomes).toEqual([
      expect.objectContaining({ tenantId: fabrikam, outcome: 'refreshed' }),
    ]);
    expect(vault.lists).toBe(0);
    // A tenant that is not connected has nothing to keep alive.
    expect(
      await service.runKeepAlive({ tenantId: 'c0ffee00-0000-4000-8000-000000000000' }),
    ).toEqual([]);
    expect(vault.lists).toBe(0);
    await service.runKeepAlive();
    expect(vault.lists).toBe(1);
  });

  it('measures what the vault stamped on the cloud clock and token lifetimes on the host clock', async () => {
    const clock = new FakeClock(); // caches age on the host's clock (Azure)
    const vault = new FakeVault({ now: clock.cloudNow });
    const entra = new FakeEntra(clock);
    const service = createTokenService({
      config: unitTestConfig(),
      vault,
      entra,
      clock,
      sleep: async () => {},
    });
    vault.consent(contoso, 'rt-contoso-consent');
    await service.getAccessToken(contoso);
    clock.jumpCloud(8 * day); // the cloud ahead of the host: an emulator clock moved by a test
    expect(await service.getAccessToken(contoso)).toBe(`at-${contoso}-1`); // still fresh on the host
    const outcomes = await service.runKeepAlive();
    expect(outcomes).toEqual([
      expect.objectContaining({ tenantId: contoso, outcome: 'refreshed', idleSeconds: 8 * 86_400 }),
    ]);
    const state = service.getTokenState(contoso);
    expect(state?.lastRedemptionAt).toBe(clock.cloudNow());
    // Reported on the cloud clock too, so the health page compares like with like.
    expect(state?.accessTokenExpiresAt).toBe(clock.cloudNow() + 3_600_000);
  });

  it('with a cache clock (the local profile), a cloud clock jump ages the cached token', async () => {
    const clock = new FakeClock(undefined, { cacheOn: 'cloud' });
    const vault = new FakeVault({ now: clock.cloudNow });
    const entra = new FakeEntra(clock);
    const service = createTokenService({
      config: unitTestConfig(),
      vault,
      entra,
      clock,
      sleep: async () => {},
    });
    vault.consent(contoso, 'rt-contoso-consent');
    expect(await service.getAccessToken(contoso)).toBe(`at-${contoso}-1`);
    clock.jumpCloud(30 * 60_000);
    expect(await service.getAccessToken(contoso)).toBe(`at-${contoso}-1`);
    clock.jumpCloud(80 * day); // the host clock has not moved: only the cloud's did
    expect(await service.getAccessToken(contoso)).toBe(`at-${contoso}-2`);
    expect(entra.calls).toHaveLength(2);
    expect(clock.syncs).toBe(3);
  });

  it('state never contains a token value', async () => {
    const { service } = setup();
    await service.getAccessToken(contoso);
    expect(JSON.stringify(service.listTokenStates())).not.toMatch(/at-|rt-/);
  });
});

/** Lets everything that can run now run (a queued consent would have written by then). */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
