/**
 * The emulator's live answers against Microsoft's documented examples (test/contracts/*):
 * same field names, casing, JSON types, nesting and header names. When the emulator drifts
 * from what Microsoft documents, this fails and names the path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigCustomerName } from '@/emulator/src/seed/customers';
import { partnerCenterResource, portalApp } from '@/emulator/src/seed/identities';
import {
  mintPartnerCenterGrant,
  startTestEmulator,
  tokenRequest,
  type TestEmulator,
} from '@/test/support/emulator';
import { headerDifferences, loadFixtures, shapeDifferences, type WireFixture } from './fixtures';

interface LiveAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  body: unknown;
}

const fixtures = new Map(loadFixtures().map((f) => [f.name, f]));
let emulator: TestEmulator;
let grants: Record<'v1' | 'v2', { refreshToken: string; accessToken: string }>;
let noMfaAccessToken: string;
let vaultToken: string;
let customerId: string;
let bigCustomerId: string;
let foreignCustomerId: string;

async function call(url: string, init: RequestInit = {}): Promise<LiveAnswer> {
  const response = await fetch(url, init);
  const text = (await response.text()).replace(/^\uFEFF/, '');
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

const pc = (path: string, token: string | null = grants.v2.accessToken) =>
  call(`${emulator.endpoints.partnerCenterUrl}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

async function token(version: 'v1' | 'v2', refreshToken: string): Promise<LiveAnswer> {
  const path = version === 'v1' ? 'oauth2/token' : 'oauth2/v2.0/token';
  const form = {
    grant_type: 'refresh_token',
    client_id: portalApp.clientId,
    client_secret: portalApp.clientSecret,
    refresh_token: refreshToken,
    ...(version === 'v1'
      ? { resource: partnerCenterResource }
      : { scope: `${partnerCenterResource}/user_impersonation offline_access openid` }),
  };
  return call(`${emulator.endpoints.loginUrl}/organizations/${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
}

const vault = (path: string, init: RequestInit & { auth?: boolean } = {}) =>
  call(`${emulator.endpoints.vaultUrl}${path}${path.includes('?') ? '&' : '?'}api-version=7.5`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.auth === false ? {} : { authorization: `Bearer ${vaultToken}` }),
    },
  });

const filter = (value: object) => encodeURIComponent(JSON.stringify(value));

/** How to get the emulator's answer for each documented example. */
const liveAnswers: Record<string, () => Promise<LiveAnswer>> = {
  'partner-center/customers-page': () => pc('/v1/customers?size=2'),
  'partner-center/customer': () => pc(`/v1/customers/${customerId}`),
  'partner-center/customer-users-page': () => pc(`/v1/customers/${bigCustomerId}/users?size=2`),
  'partner-center/deleted-users-page': () =>
    pc(
      `/v1/customers/${bigCustomerId}/users?size=500&filter=${filter({ Field: 'UserState', Value: 'Inactive', Operator: 'equals' })}`,
    ),
  'partner-center/organization-profile': () => pc('/v1/profiles/organization'),
  'partner-center/error-400': () =>
    pc(
      `/v1/customers/${bigCustomerId}/users?filter=${filter({ Field: 'DisplayName', Value: 'mia', Operator: 'starts_with' })}`,
    ),
  'partner-center/error-401': () => pc('/v1/customers', null),
  'partner-center/error-401-mfa': () => pc('/v1/profiles/organization', noMfaAccessToken),
  'partner-center/error-403': () => pc(`/v1/customers/${foreignCustomerId}`),
  'partner-center/error-404': () => pc('/v1/customers/00000000-0000-4000-8000-000000000000'),
  'partner-center/error-429': async () => {
    await emulator.control('partnerCenter/throttle', { requestsPerMinute: 1 });
    try {
      await pc('/v1/profiles/organization');
      return await pc('/v1/profiles/organization');
    } finally {
      await emulator.control('partnerCenter/throttle', { requestsPerMinute: null });
    }
  },
  'entra/token-v1-success': () => token('v1', grants.v1.refreshToken),
  'entra/token-v2-success': () => token('v2', grants.v2.refreshToken),
  'entra/token-error-v1': () => token('v1', 'not-a-refresh-token'),
  'entra/token-error-v2': () => token('v2', 'not-a-refresh-token'),
  'key-vault/secret-bundle': () =>
    vault('/secrets/contract-example', {
      method: 'PUT',
      body: JSON.stringify({
        value: 'example',
        contentType: 'application/x-refresh-token',
        tags: { mintedBy: 'admin@contoso' },
      }),
    }),
  'key-vault/secret-versions-page': () => vault('/secrets/contract-example/versions'),
  'key-vault/challenge-401': () => vault('/secrets/contract-example', { auth: false }),
};

beforeAll(async () => {
  emulator = await startTestEmulator();
  const admin = 'admin@contosopartner.onmicrosoft.com';
  grants = {
    v1: await mintPartnerCenterGrant(emulator, admin, 'v1'),
    v2: await mintPartnerCenterGrant(emulator, admin, 'v2'),
  };
  noMfaAccessToken = (
    await mintPartnerCenterGrant(emulator, 'nomfa@contosopartner.onmicrosoft.com', 'v2')
  ).accessToken;
  const vaultGrant = await tokenRequest(
    emulator,
    {
      grant_type: 'client_credentials',
      client_id: portalApp.clientId,
      client_secret: portalApp.clientSecret,
      scope: 'https://vault.azure.net/.default',
    },
    { tenant: portalApp.homeTenantId },
  );
  vaultToken = String(vaultGrant.body.access_token);
  const customers = (await pc('/v1/customers?size=500')).body as {
    items: Array<{ id: string; companyProfile: { companyName: string } }>;
  };
  customerId = customers.items.find((c) => c.companyProfile.companyName !== bigCustomerName)!.id;
  bigCustomerId = customers.items.find((c) => c.companyProfile.companyName === bigCustomerName)!.id;
  const fabrikam = await mintPartnerCenterGrant(
    emulator,
    'admin@fabrikamsolutions.onmicrosoft.com',
    'v2',
  );
  foreignCustomerId = (
    (await pc('/v1/customers?size=1', fabrikam.accessToken)).body as {
      items: Array<{ id: string }>;
    }
  ).items[0]!.id;
});
afterAll(async () => {
  await emulator?.close();
});

describe("the emulator answers in the shape of Microsoft's documented examples", () => {
  it('has a live answer for every fixture, and a fixture for every live answer', () => {
    expect([...fixtures.keys()].sort()).toEqual(Object.keys(liveAnswers).sort());
  });

  it.each(Object.keys(liveAnswers))('%s', async (name) => {
    const fixture = fixtures.get(name) as WireFixture;
    const live = await liveAnswers[name]!();
    expect(live.status).toBe(fixture.status);
    if (fixture.statusText !== undefined) expect(live.statusText).toBe(fixture.statusText);
    // A documented answer without a body has none live either (a null elsewhere is optional).
    if (fixture.body === null) expect(live.body).toBeNull();
    expect([
      ...headerDifferences(fixture, live.headers),
      ...shapeDifferences(fixture.body, live.body, fixture.optional),
    ]).toEqual([]);
  });
});
