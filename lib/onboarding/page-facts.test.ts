import { describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import type { RefreshTokenVersion } from '@/lib/vault/store';
import type { OnboardingPorts } from './ports';
import {
  forgetOnboardingFacts,
  onboardingFactsReuseMs,
  onboardingPageFacts,
  connectionAsShown,
  recentlyLooked,
} from './page-facts';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';

/** Ports over a vault holding one consent, counting what each render asks of Key Vault. */
function countingPorts() {
  const asked = { listings: 0, currentReads: 0, partnerCenter: 0 };
  const version: RefreshTokenVersion = {
    version: 'v1',
    enabled: true,
    mfa: true,
    mintedBy: 'admin@contoso.test',
    createdAt: new Date('2026-12-01T00:00:00Z'),
  } as RefreshTokenVersion;
  const ports = {
    config: unitTestConfig(),
    secretNameFor: (tenantId: string) => `pc-rt-${tenantId}`,
    listRefreshTokenVersions: async () => {
      asked.listings += 1;
      return [version];
    },
    currentRefreshTokenVersion: async () => {
      asked.currentReads += 1;
      return 'v1';
    },
    countCustomers: async () => {
      asked.partnerCenter += 1;
      return 3;
    },
  } as Partial<OnboardingPorts> as OnboardingPorts;
  return { ports, asked };
}

describe('onboardingPageFacts', () => {
  it('reads the vault once per look, and looks once for renders within the reuse window', async () => {
    // The app registration check calls Entra's discovery and asks for an app token: answered
    // here without the network, as Entra does.
    const host = new URL(unitTestConfig().entra.authorityHost).origin;
    vi.stubGlobal('fetch', async (url: string | URL) =>
      String(url).includes('openid-configuration')
        ? Response.json({ token_endpoint: `${host}/t/oauth2/v2.0/token`, issuer: host })
        : Response.json({ access_token: 'app-token', expires_in: 3599, token_type: 'Bearer' }),
    );
    try {
      const { ports, asked } = countingPorts();
      const signIn = { signInTimeStated: true };
      const renders = await Promise.all(
        Array.from({ length: 20 }, () => onboardingPageFacts(contoso, ports, signIn)),
      );
      // The checks (Key Vault check, MFA, agent role) and the status shared one listing.
      expect(asked).toEqual({ listings: 1, currentReads: 1, partnerCenter: 1 });
      expect(renders[0]!.status).toMatchObject({ state: 'connected', current: { version: 'v1' } });
      expect(renders[0]!.checks.find((c) => c.id === 'key-vault')?.status).toBe('pass');
      expect(renders[0]!.checks.some((c) => c.status === 'fail')).toBe(false);
      expect(new Set(renders).size).toBe(1);
      await onboardingPageFacts(contoso, ports, signIn);
      expect(asked.listings).toBe(1);
      // Another reader whose sign-in said otherwise gets their own sign-in check.
      const other = await onboardingPageFacts(contoso, ports, { signInTimeStated: false });
      expect(other.checks.find((c) => c.id === 'sign-in-time')?.status).toBe('warn');
      // A consent or disconnect on this instance: the next render looks again.
      forgetOnboardingFacts(contoso);
      await onboardingPageFacts(contoso, ports, signIn);
      expect(asked.listings).toBe(3);
      // One on another instance, which the shared database records: looked at again too.
      let changedAt: number | null = null;
      const sharing = { ...ports, lastConnectionChange: async () => changedAt };
      await onboardingPageFacts(contoso, sharing, signIn);
      expect(asked.listings).toBe(4);
      await onboardingPageFacts(contoso, sharing, signIn);
      expect(asked.listings).toBe(4);
      changedAt = 1_765_000_000_000;
      await onboardingPageFacts(contoso, sharing, signIn);
      expect(asked.listings).toBe(5);
    } finally {
      vi.unstubAllGlobals();
      forgetOnboardingFacts(contoso);
    }
  });
});

describe('recentlyLooked', () => {
  it('shares a look within the window, looks again after it, and keeps tenants apart', async () => {
    let now = 1_000_000;
    const clock = () => now;
    let looks = 0;
    const look = async () => (looks += 1);
    expect(await recentlyLooked('k', contoso, look, { now: clock })).toBe(1);
    now += onboardingFactsReuseMs - 1;
    expect(await recentlyLooked('k', contoso.toUpperCase(), look, { now: clock })).toBe(1);
    expect(await recentlyLooked('k', fabrikam, look, { now: clock })).toBe(2);
    expect(await recentlyLooked('other kind', contoso, look, { now: clock })).toBe(3);
    now += 1;
    expect(await recentlyLooked('k', contoso, look, { now: clock })).toBe(4);
    forgetOnboardingFacts(contoso);
    forgetOnboardingFacts(fabrikam);
  });

  it("looks again once the tenant's connection changed, on whichever instance", async () => {
    const clock = () => 7_000;
    let looks = 0;
    const look = async () => (looks += 1);
    const at = (connection: string) =>
      recentlyLooked('k', contoso, look, { now: clock, connection });
    expect(await at('1000')).toBe(1);
    expect(await at('1000')).toBe(1);
    // Another instance's consent or disconnect, as the shared database tells it.
    expect(await at('2000')).toBe(2);
    expect(await at('2000')).toBe(2);
    forgetOnboardingFacts(contoso);
  });

  it('keeps no look that found something failing: a reload after the fix shows it', async () => {
    const clock = () => 8_000;
    let looks = 0;
    let failing = true;
    const look = async () => {
      looks += 1;
      return failing;
    };
    const at = () => recentlyLooked('k', contoso, look, { now: clock, worthKeeping: (f) => !f });
    // Concurrent renders still share the look under way.
    expect(await Promise.all([at(), at()])).toEqual([true, true]);
    expect(looks).toBe(1);
    failing = false;
    expect(await at()).toBe(false);
    expect(looks).toBe(2);
    expect(await at()).toBe(false);
    expect(looks).toBe(2);
    forgetOnboardingFacts(contoso);
  });

  it('keeps no failed look: the next render looks again', async () => {
    const clock = () => 5_000;
    let looks = 0;
    const failing = async () => {
      looks += 1;
      throw new Error('vault down');
    };
    await expect(recentlyLooked('k', contoso, failing, { now: clock })).rejects.toThrow(
      'vault down',
    );
    await expect(recentlyLooked('k', contoso, failing, { now: clock })).rejects.toThrow(
      'vault down',
    );
    expect(looks).toBe(2);
    forgetOnboardingFacts(contoso);
  });
});

describe('connectionAsShown', () => {
  const status = {
    state: 'connected' as const,
    secretName: 'sam-refresh-token',
    current: {
      version: 'v2',
      createdAt: null,
      mintedBy: null,
      mfa: true,
      purpose: 'consent',
      current: true,
    },
    history: [],
    liveCheck: {
      ok: false as const,
      failure: {
        code: 'token_unavailable',
        problem: "Key Vault refused the portal's identity.",
        fix: "Grant the portal's identity get/set/list/delete on secrets (Key Vault Secrets Officer).",
        action: 'fix-configuration' as const,
        owner: 'portal' as const,
      },
    },
  };

  it("words a failed live check for its reader: the operator's steps stay the operator's", () => {
    const partner = connectionAsShown(status, null, 'partner');
    expect(partner.liveCheck?.ok === false && partner.liveCheck.failure.fix).toMatch(
      /^The portal's operator must fix this/,
    );
    const operator = connectionAsShown(status, null, 'operator');
    expect(operator.liveCheck?.ok === false && operator.liveCheck.failure.fix).toMatch(
      /Key Vault Secrets Officer/,
    );
  });

  it("shows the consent's own live check when it is about the stored version", () => {
    const outcome = { secretVersion: 'v2', liveCheck: { ok: true, customerCount: 3 } };
    const shown = connectionAsShown(status, outcome as never, 'partner');
    expect(shown.liveCheck).toEqual({ ok: true, customerCount: 3 });
    const older = connectionAsShown(
      status,
      { ...outcome, secretVersion: 'v1' } as never,
      'partner',
    );
    expect(older.liveCheck?.ok).toBe(false);
  });
});
