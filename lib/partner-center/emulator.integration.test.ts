import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { bigCustomerName } from '@/emulator/src/seed/customers';
import { partnerTenants, portalApp } from '@/emulator/src/seed/identities';
import { uniformClock } from '@/lib/clock';
import { redeemRefreshToken } from '@/lib/entra';
import { createTokenService, minAgeToReplaceRejectedMs } from '@/lib/tokens/service';
import { createRefreshTokenStore } from '@/lib/vault';
import {
  mintPartnerCenterGrant,
  startTestEmulator,
  type TestEmulator,
} from '@/test/support/emulator';
import { emulatorConfig } from '@/test/support/emulator-config';
import { createPartnerCenterClient, type PartnerCenterClient } from './client';
import type { CustomerSummary, Page } from './dto';
import { PartnerCenterError } from './errors';
import { describePartnerCenterRefusal } from './refusals';
import type { RetryEvent } from './retry';

/**
 * The client against the real emulator with a real delegated (MFA) token: seek paging,
 * filters, BOM (the emulator sends one on every body), errors, throttling.
 */
let emulator: TestEmulator;
let accessToken: string;

function client(
  options: Partial<Parameters<typeof createPartnerCenterClient>[0]> = {},
): PartnerCenterClient {
  return createPartnerCenterClient({
    baseUrl: emulator.endpoints.partnerCenterUrl,
    getAccessToken: async () => accessToken,
    ...options,
  });
}

async function allCustomers(
  pc: PartnerCenterClient,
  size: number,
  search?: { field: 'CompanyName' | 'Domain'; prefix: string },
) {
  const items: CustomerSummary[] = [];
  let page: Page<CustomerSummary> | null = null;
  do {
    page = await pc.listCustomers({ size, search, continuationToken: page?.continuationToken });
    items.push(...page.items);
  } while (page.continuationToken);
  return { items };
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  accessToken = (
    await mintPartnerCenterGrant(emulator, 'sales@contosopartner.onmicrosoft.com', 'v2')
  ).accessToken;
});
afterAll(() => emulator?.close());

describe('Partner Center client against the emulator', () => {
  it('pages all customers, each exactly once', async () => {
    const { items } = await allCustomers(client(), 7);
    expect(items.length).toBe(60);
    expect(new Set(items.map((c) => c.id)).size).toBe(items.length);
  });

  it('filters by company name and by domain prefix across pages', async () => {
    const { items: everyone } = await allCustomers(client(), 500);
    const sample = everyone[Math.floor(everyone.length / 2)]!;
    for (const [field, value] of [
      ['CompanyName', sample.companyName],
      ['Domain', sample.domain],
    ] as const) {
      const prefix = value.slice(0, 2).toUpperCase();
      const expected = everyone.filter((c) =>
        (field === 'CompanyName' ? c.companyName : c.domain)
          .toLowerCase()
          .startsWith(prefix.toLowerCase()),
      );
      const { items } = await allCustomers(client(), 2, { field, prefix });
      expect(items.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    }
  });

  it('reads a customer, its users page by page and as CSV', async () => {
    const pc = client();
    const [big] = (
      await pc.listCustomers({ search: { field: 'CompanyName', prefix: bigCustomerName } })
    ).items;
    expect(big?.companyName).toBe(bigCustomerName);
    const detail = await pc.getCustomer(big!.id);
    expect(detail).toMatchObject({
      id: big!.id,
      companyName: bigCustomerName,
      tenantId: big!.tenantId,
    });
    const ids = new Set<string>();
    let pages = 0;
    for await (const page of pc.iterateCustomerUsers(big!.id, { size: 100 })) {
      page.forEach((u) => ids.add(u.id));
      pages++;
    }
    const first = await pc.listCustomerUsers(big!.id, { size: 1 });
    expect(ids.size).toBeGreaterThan(300);
    expect(pages).toBe(Math.ceil(ids.size / 100));
    const deleted = new Set<string>();
    for await (const page of pc.iterateCustomerUsers(big!.id, { view: 'deleted' }))
      page.forEach((u) => deleted.add(u.id));
    expect(deleted.size).toBeGreaterThan(0);
    expect([...deleted].some((id) => ids.has(id))).toBe(false);
    const user = await pc.getCustomerUser(big!.id, first.items[0]!.id);
    expect(user).toEqual(first.items[0]);
    const csv = await new Response(pc.customerUsersCsv(big!.id)).text();
    expect(csv.trimEnd().split('\r\n')).toHaveLength(ids.size + 1);
  });

  it('maps an unknown customer to not_found and a bad token to unauthorized', async () => {
    const unknown = await client()
      .getCustomer('00000000-0000-4000-8000-000000000000')
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(PartnerCenterError);
    // The emulator sends Microsoft's string code ("1000"); the unit tests keep the number form.
    expect(unknown).toMatchObject({ code: 'not_found', status: 404, partnerCenterCode: 1000 });
    const forged = await client({ getAccessToken: async () => `${accessToken.slice(0, -4)}AAAA` })
      .getOrganizationProfile()
      .catch((e: unknown) => e);
    expect(forged).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it("names Partner Center's documented MFA refusal (a reason phrase, no body) for a token without MFA", async () => {
    const noMfa = await mintPartnerCenterGrant(
      emulator,
      'nomfa@contosopartner.onmicrosoft.com',
      'v2',
    );
    const refused = await client({ getAccessToken: async () => noMfa.accessToken })
      .getOrganizationProfile()
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'unauthorized',
      status: 401,
      partnerCenterCode: null,
      description: 'Unauthorized - MFA required',
    });
    expect(describePartnerCenterRefusal(refused as PartnerCenterError)?.key).toBe(
      'mfa-enforcement',
    );
  });

  it('sends a call Partner Center refused (401) once more with the replacement token', async () => {
    const retries: RetryEvent[] = [];
    const forged = `${accessToken.slice(0, -4)}AAAA`;
    const pc = client({
      getAccessToken: async () => forged,
      replaceRejectedAccessToken: async (rejected) => (rejected === forged ? accessToken : null),
      onRetry: (event) => retries.push(event),
    });
    expect((await pc.getOrganizationProfile()).companyName).toBeTruthy();
    expect(retries.map((r) => [r.reason, r.status])).toEqual([['unauthorized', 401]]);
  });

  it('with the token service: a young refused token stands, an older one is replaced once', async () => {
    const [contoso] = partnerTenants;
    const upn = `admin@${contoso!.domain}`;
    const config = emulatorConfig(emulator);
    const cloudTime = uniformClock(() => emulator.context.clock.now());
    const vault = createRefreshTokenStore({ config, clock: cloudTime });
    const grant = await mintPartnerCenterGrant(emulator, upn, 'v2');
    await vault.saveRefreshToken(contoso!.tenantId, grant.refreshToken, {
      upn,
      oid: String(decodeJwt(grant.accessToken).oid),
      mfa: true,
      clientId: portalApp.clientId,
      endpointVersion: 'v2',
    });
    const tokens = createTokenService({
      config,
      vault,
      clock: cloudTime,
      entra: {
        redeemRefreshToken: (rt, target) =>
          redeemRefreshToken(rt, target, { config, now: () => emulator.context.clock.now() }),
      },
    });
    const { resource } = config.partnerCenter;
    const pc = () =>
      client({
        getAccessToken: () => tokens.getAccessToken(contoso!.tenantId, resource),
        replaceRejectedAccessToken: (rejected) =>
          tokens.replaceRejectedAccessToken(contoso!.tenantId, resource, rejected),
      });
    const redemptions = () => emulator.context.counters.get('token.grant.refresh_token');
    const refuseOnce = () =>
      emulator.control('faults', {
        service: 'partnerCenter',
        kind: 'status',
        status: 401,
        count: 1,
      });
    try {
      await pc().getOrganizationProfile();
      const before = redemptions();
      await refuseOnce();
      const young = await pc()
        .getOrganizationProfile()
        .catch((e: unknown) => e);
      expect(young).toMatchObject({ code: 'unauthorized', status: 401 });
      expect(redemptions()).toBe(before);
      await emulator.control('clock', { advanceSeconds: minAgeToReplaceRejectedMs / 1000 });
      await refuseOnce();
      expect((await pc().getOrganizationProfile()).companyName).toBeTruthy();
      expect(redemptions()).toBe(before + 1);
    } finally {
      await emulator.control('faults', undefined, 'DELETE');
    }
  });

  it('fails as throttled with Retry-After when the tenant is over its rate', async () => {
    await emulator.control('partnerCenter/throttle', { requestsPerMinute: 1 });
    try {
      const pc = client({ retry: { maxRetryAfterMs: 1_000 } });
      await pc.getOrganizationProfile().catch(() => undefined);
      const error = await pc.getOrganizationProfile().catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'throttled',
        status: 429,
        correlationId: pc.correlationId,
      });
      expect((error as PartnerCenterError).retryAfter).toBeGreaterThan(1);
    } finally {
      await emulator.control('partnerCenter/throttle', { requestsPerMinute: null });
    }
  });
});
