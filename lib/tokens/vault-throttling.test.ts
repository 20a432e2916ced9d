import { describe, expect, it } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { PortalFailure } from '@/lib/failure';
import { throttledVaultError } from '@/lib/vault/errors';
import { createRefreshTokenStore, secretNameFor, type SecretClientLike } from '@/lib/vault/store';
import { createTokenService } from './index';
import { FakeClock, FakeEntra, FakeVault } from './fakes.test-support';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const northwind = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';

/** A fake vault that answers the next `throttled` reads with Key Vault's 429 and this wait. */
class ThrottlingVault extends FakeVault {
  throttled = 0;
  retryAfterSeconds = 3;
  override async readRefreshToken(tenantId: string) {
    if (this.throttled > 0) {
      this.throttled -= 1;
      this.reads += 1;
      throw throttledVaultError({
        operation: 'get',
        status: 429,
        retryAfterSeconds: this.retryAfterSeconds,
      });
    }
    return super.readRefreshToken(tenantId);
  }
}

function setup() {
  const clock = new FakeClock();
  const vault = new ThrottlingVault(clock);
  const delays: number[] = [];
  const service = createTokenService({
    config: unitTestConfig(),
    vault,
    entra: new FakeEntra(clock),
    clock,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
      clock.advance(ms);
    },
  });
  vault.consent(contoso, 'rt-contoso');
  return { vault, service, delays };
}

describe('a redemption while Key Vault throttles', () => {
  it("waits the vault's Retry-After before reading again, not the backoff of an outage", async () => {
    const { vault, service, delays } = setup();
    vault.throttled = 1;
    expect(await service.getAccessToken(contoso)).toMatch(/^at-/);
    expect(delays).toEqual([3_000]);
    expect(vault.reads).toBe(2);
  });

  it('gives up at once when the wait is past the budget, and says how long to wait', async () => {
    const { vault, service, delays } = setup();
    vault.throttled = 100;
    vault.retryAfterSeconds = 30;
    const failure = await service.getAccessToken(contoso).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortalFailure);
    expect(failure).toMatchObject({
      code: 'token_unavailable',
      problem: 'Key Vault is throttling requests; try again in 30 s.',
      status: 503,
      transient: true,
      retryAfterSeconds: 30,
    });
    expect(delays).toEqual([]);
    expect(vault.reads).toBe(1);
  });
});

describe('the keep-alive against a throttling Key Vault', () => {
  it('asks the vault once per documented backoff step across tenants, never faster', async () => {
    const clock = new FakeClock();
    const started = clock.now();
    const reads: number[] = [];
    const tenants = [contoso, fabrikam, northwind];
    const client = {
      async *listPropertiesOfSecrets() {
        for (const tenantId of tenants)
          yield { name: secretNameFor(tenantId), enabled: true, updatedOn: new Date(0), tags: {} };
      },
      async getSecret() {
        reads.push(clock.now() - started);
        // Key Vault's 429 as Microsoft documents it: no Retry-After.
        throw Object.assign(new Error('Too many requests'), { name: 'RestError', statusCode: 429 });
      },
    } as unknown as SecretClientLike;
    const service = createTokenService({
      config: unitTestConfig({ PARTNER_TENANTS: `${fabrikam},${northwind}` }),
      vault: createRefreshTokenStore({ config: unitTestConfig(), client, clock }),
      entra: new FakeEntra(clock),
      clock,
      random: () => 0.5,
      sleep: async (ms) => clock.advance(ms),
    });

    const outcomes = await service.runKeepAlive();

    // 1, 2, 4, 8 s between reads (the budget of 10 s per tenant ends each tenant's waiting);
    // the last tenant's wait (16 s) is past its budget: it does not ask at all.
    expect(reads).toEqual([0, 1_000, 3_000, 7_000, 15_000]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['failed', 'failed', 'failed']);
    for (const outcome of outcomes)
      expect(outcome.error).toMatchObject({
        code: 'token_unavailable',
        reason: expect.stringMatching(/^Key Vault is throttling requests; try again in \d+ s\.$/),
      });
  });
});
