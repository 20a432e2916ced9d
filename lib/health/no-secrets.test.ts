import { describe, expect, it } from 'vitest';
import type { SecretClientLike } from '@/lib/vault';
import { loadConfig } from '@/lib/config';
import { createRefreshTokenStore } from '@/lib/vault';
import { createHealthService } from './service';
import { listStoredTenants, toTokenStateFacts } from './sources';
import type { TenantTokenState } from '@/lib/tokens';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const refreshTokenValue = 'emu-rt.0.AVYAq9Zb7f-REFRESH-TOKEN-VALUE-zzzz';
const clientSecret = 'emu~LocalPortalSecret.DoNotUseInAzure~0001';
const config = loadConfig({
  PORTAL_PUBLIC_URL: 'http://localhost:3000',
  AUTH_SECRET: 'no-secrets-test-secret-0123456789-abcdefgh',
  ENTRA_TENANT_ID: contoso,
  ENTRA_CLIENT_ID: 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31',
  ENTRA_CLIENT_SECRET: clientSecret,
  KEY_VAULT_URL: 'https://vault.example.test',
});

/** A fake SecretClient holding a real-looking value; only the list APIs are reachable. */
function fakeSecretClient(failWith?: Error): SecretClientLike {
  const properties = {
    name: `sam-refresh-token-${contoso}`,
    version: '0123456789abcdef0123456789abcdef',
    enabled: true,
    createdOn: new Date(Date.UTC(2026, 0, 30)),
    updatedOn: new Date(Date.UTC(2026, 0, 30)),
    tags: {
      'minted-by': 'admin@contosopartner.onmicrosoft.com',
      'minted-at': '2026-01-30T00:00:00.000Z',
      mfa: 'true',
      purpose: 'consent',
    },
    // A list API never carries `value`; a careless adapter could still read one from a get.
    value: refreshTokenValue,
  };
  async function* list() {
    if (failWith) throw failWith;
    yield properties as never;
  }
  return {
    listPropertiesOfSecrets: list,
    listPropertiesOfSecretVersions: list,
    getSecret: async () =>
      ({ name: properties.name, value: refreshTokenValue, properties }) as never,
    setSecret: async () => {
      throw new Error('not used');
    },
    beginDeleteSecret: async () => {
      throw new Error('not used');
    },
  } as unknown as SecretClientLike;
}

const tokenState: TenantTokenState = {
  tenantId: contoso,
  status: 'degraded',
  lastRedemptionAt: Date.UTC(2026, 0, 31),
  lastWriteBack: null,
  accessTokenExpiresAt: Date.UTC(2026, 0, 31, 1),
  nextRefreshAt: Date.UTC(2026, 0, 31, 0, 55),
  consecutiveFailures: 1,
  lastError: {
    code: 'token_unavailable',
    aadsts: null,
    at: Date.UTC(2026, 0, 31),
    correlationId: 'abc',
    cause: 'Entra ID could not be reached.',
    fix: 'Retry.',
    action: 'retry',
  },
  counters: { redemptions: 1, cacheHits: 3, failures: 1, writeBacks: 0 },
};

async function reportJson(client: SecretClientLike): Promise<string> {
  const vault = createRefreshTokenStore({ config, client });
  const service = createHealthService({
    sources: {
      listStoredTenants: () => listStoredTenants(vault),
      readTokenStates: () => new Map([[contoso, toTokenStateFacts(tokenState)]]),
      probeEntra: async () => ({ state: 'ok', error: null }),
      probePartnerCenter: async () => ({ state: 'ok', error: null }),
    },
    clock: { now: () => Date.UTC(2026, 1, 1), cloudNow: () => Date.UTC(2026, 1, 1) },
    probeIntervalSeconds: 30,
    warnDays: [30, 7],
    homeTenantId: contoso,
  });
  return JSON.stringify(await service.getHealthReport());
}

function expectNoSecrets(json: string) {
  expect(json).not.toContain(refreshTokenValue);
  expect(json).not.toContain(clientSecret);
  expect(json).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
  expect(json).not.toMatch(/"(value|access_?token|refresh_?token|client_?secret|secret)"\s*:\s*"/i);
}

describe('the health report never carries a secret', () => {
  it('with a connected tenant: metadata only', async () => {
    const json = await reportJson(fakeSecretClient());
    expect(json).toContain('0123456789abcdef0123456789abcdef');
    expect(json).toContain('admin@contosopartner.onmicrosoft.com');
    expectNoSecrets(json);
  });

  it('when the vault fails with an error whose text includes the secret value', async () => {
    const leaky = Object.assign(new Error(`request body {"value":"${refreshTokenValue}"} failed`), {
      statusCode: 503,
    });
    const json = await reportJson(fakeSecretClient(leaky));
    expect(json).toContain('"state":"down"');
    expectNoSecrets(json);
  });
});
