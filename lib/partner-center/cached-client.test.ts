import { describe, expect, it, vi } from 'vitest';
import { cachingClient, forgetPartnerCenterAnswers, sharedResponseCache } from './cached-client';
import type { PartnerCenterClient } from './client';
import { ResponseCache } from './response-cache';

const contoso = '11111111-1111-1111-1111-111111111111';
const fabrikam = '22222222-2222-2222-2222-222222222222';
const customerId = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';

function fakeClient(name: string) {
  return {
    listCustomers: vi.fn(async () => ({
      items: [name],
      continuationToken: null,
      fetchedAt: '2026-01-01T00:00:00.000Z',
    })),
    getCustomer: vi.fn(async (id: string) => ({ id, name })),
    listCustomerUsers: vi.fn(async () => ({
      items: [],
      continuationToken: null,
      fetchedAt: '2026-01-01T00:00:00.000Z',
    })),
    getCustomerUser: vi.fn(async (id: string, userId: string) => ({ id: userId, customerId: id })),
    getOrganizationProfile: vi.fn(async () => ({ companyName: name })),
  };
}
const asClient = (fake: ReturnType<typeof fakeClient>) => fake as unknown as PartnerCenterClient;
/** A cache of a few answers, fresh for a minute and never stale unless a test says. */
const smallCache = (options: Partial<ConstructorParameters<typeof ResponseCache>[0]> = {}) =>
  new ResponseCache({ ttlMs: 60_000, staleMs: 0, maxEntries: 10, maxBytes: 100_000, ...options });

describe('cachingClient', () => {
  it('serves nothing, not even a cached answer, once the tenant cannot get a token', async () => {
    const cache = smallCache();
    const live = fakeClient('contoso');
    let connected = true;
    const notConnected = new Error('not connected');
    const client = cachingClient(asClient(live), {
      cache,
      tenantId: contoso,
      assertConnected: async () => {
        if (!connected) throw notConnected;
      },
    });
    await client.listCustomers({ size: 25 });
    await client.getCustomer(customerId);
    connected = false;
    await expect(client.listCustomers({ size: 25 })).rejects.toBe(notConnected);
    await expect(client.getCustomer(customerId)).rejects.toBe(notConnected);
    connected = true;
    await client.listCustomers({ size: 25 });
    expect(live.listCustomers).toHaveBeenCalledTimes(1);
  });

  it("dates a customers page by the cache's clock, the one its age and other pages' times use", async () => {
    // The local profile's cache ages on the emulator's clock, a year ahead of the host here.
    let cacheNow = Date.parse('2027-12-07T10:00:00.000Z');
    const cache = smallCache({ now: () => cacheNow });
    const served: number[] = [];
    const client = cachingClient(asClient(fakeClient('contoso')), {
      cache,
      tenantId: contoso,
      onServed: (fetchedAt) => served.push(fetchedAt),
    });
    const first = await client.listCustomers({ size: 25 });
    expect(first.fetchedAt).toBe('2027-12-07T10:00:00.000Z');
    cacheNow += 30_000;
    // From the cache: still the time it was fetched, as "Data as of" on the other pages says.
    const again = await client.listCustomers({ size: 25 });
    expect(again.fetchedAt).toBe('2027-12-07T10:00:00.000Z');
    expect(served).toEqual([Date.parse(first.fetchedAt), Date.parse(first.fetchedAt)]);
    expect(again.items).toEqual(['contoso']);
  });

  it('caches no answer under an id that is not a GUID: a user is never served as a customer', async () => {
    const cache = smallCache();
    const live = fakeClient('contoso');
    const refused = new Error('That is not a valid customer id');
    live.getCustomer.mockImplementation(async (id: string) => {
      if (id.includes('/')) throw refused;
      return { id, name: 'contoso' };
    });
    const client = cachingClient(asClient(live), { cache, tenantId: contoso });
    const userId = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
    await client.getCustomerUser(customerId, userId);
    // `/customers/<customer>%2Fusers%2F<user>`, decoded: the client's own check answers.
    await expect(client.getCustomer(`${customerId}/users/${userId}`)).rejects.toBe(refused);
    expect(live.getCustomer).toHaveBeenCalledTimes(1);
  });

  it('answers the same list or detail request of one partner tenant from the cache', async () => {
    const cache = smallCache();
    const live = fakeClient('contoso');
    const served: number[] = [];
    const client = cachingClient(asClient(live), {
      cache,
      tenantId: contoso,
      onServed: (at) => served.push(at),
    });
    await client.listCustomers({ size: 25 });
    await client.listCustomers({ size: 25, signal: new AbortController().signal });
    await client.getCustomer(customerId);
    await client.getCustomer(customerId.toUpperCase());
    expect(live.listCustomers).toHaveBeenCalledTimes(1);
    expect(live.getCustomer).toHaveBeenCalledTimes(1);
    expect(served).toHaveLength(4);
    // A different request is a different key.
    await client.listCustomers({ size: 50 });
    await client.listCustomers({ size: 25, search: { field: 'CompanyName', prefix: 'Con' } });
    expect(live.listCustomers).toHaveBeenCalledTimes(3);
  });

  it('brings its clock up to date before each lookup, so a clock jump expires answers (local profile)', async () => {
    let cloud = 1_000_000;
    const cache = smallCache({ staleMs: 60_000, now: () => cloud });
    const live = fakeClient('contoso');
    // The sync is what learns of the jump (the emulator's clock moved by 91 days).
    let jumpPending = false;
    const client = cachingClient(asClient(live), {
      cache,
      tenantId: contoso,
      syncClock: async () => {
        if (jumpPending) cloud += 91 * 86_400_000;
        jumpPending = false;
      },
    });
    await client.listCustomers({ size: 25 });
    await client.listCustomers({ size: 25 });
    expect(live.listCustomers).toHaveBeenCalledTimes(1);
    jumpPending = true;
    await client.listCustomers({ size: 25 });
    expect(live.listCustomers).toHaveBeenCalledTimes(2);
  });

  it('keeps partner tenants apart and leaves uncached calls (health probe, users pages) live', async () => {
    const cache = smallCache();
    const contosoLive = fakeClient('contoso');
    const fabrikamLive = fakeClient('fabrikam');
    await cachingClient(asClient(contosoLive), { cache, tenantId: contoso }).listCustomers();
    const fabrikamPage = await cachingClient(asClient(fabrikamLive), {
      cache,
      tenantId: fabrikam,
    }).listCustomers();
    expect(fabrikamPage.items).toEqual(['fabrikam']);
    const client = cachingClient(asClient(contosoLive), { cache, tenantId: contoso });
    await client.getOrganizationProfile();
    await client.getOrganizationProfile();
    expect(contosoLive.getOrganizationProfile).toHaveBeenCalledTimes(2);
    // Users pages feed the user directory's own cache: not kept twice.
    await client.listCustomerUsers(customerId);
    await client.listCustomerUsers(customerId);
    expect(contosoLive.listCustomerUsers).toHaveBeenCalledTimes(2);
  });

  it("a page's Refresh drops that page's answers only; consent and disconnect drop all", async () => {
    const cache = sharedResponseCache(60);
    const live = fakeClient('contoso');
    const client = cachingClient(asClient(live), { cache, tenantId: contoso });
    const otherCustomer = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
    const userId = 'cccccccc-cccc-cccc-cccc-cccccccccccc';
    const otherUser = 'dddddddd-dddd-dddd-dddd-dddddddddddd';
    const fabrikamLive = fakeClient('fabrikam');
    const fabrikamClient = cachingClient(asClient(fabrikamLive), { cache, tenantId: fabrikam });
    const readAll = async () => {
      await client.listCustomers({ size: 25 });
      await client.listCustomers({ size: 25, continuationToken: 'page-2' });
      await client.getCustomer(customerId);
      await client.getCustomer(otherCustomer);
      await client.getCustomerUser(customerId, userId);
      await client.getCustomerUser(customerId, otherUser);
      await fabrikamClient.getCustomer(customerId);
    };
    const calls = () => ({
      lists: live.listCustomers.mock.calls.length,
      customers: live.getCustomer.mock.calls.map(([id]) => id),
      users: live.getCustomerUser.mock.calls.map(([, id]) => id),
    });
    await readAll();
    const first = calls();
    expect(first).toEqual({
      lists: 2,
      customers: [customerId, otherCustomer],
      users: [userId, otherUser],
    });

    // A user's page: that user and the customer beside it, nothing else.
    forgetPartnerCenterAnswers(contoso.toUpperCase(), { customerId, userId });
    await readAll();
    expect(calls()).toEqual({
      lists: 2,
      customers: [...first.customers, customerId],
      users: [...first.users, userId],
    });
    // The customers list: every page of it, no details.
    forgetPartnerCenterAnswers(contoso, { customersList: true });
    await readAll();
    expect(calls()).toMatchObject({ lists: 4, customers: [...first.customers, customerId] });
    // A customer's page: its details only (not its users' details).
    forgetPartnerCenterAnswers(contoso, { customerId: otherCustomer });
    await readAll();
    expect(calls()).toEqual({
      lists: 4,
      customers: [...first.customers, customerId, otherCustomer],
      users: [...first.users, userId],
    });
    // Another partner's answers are never touched by these.
    expect(fabrikamLive.getCustomer).toHaveBeenCalledTimes(1);
    // Consent or disconnect: everything of that tenant.
    forgetPartnerCenterAnswers(contoso);
    await readAll();
    expect(calls().lists).toBe(6);
    expect(live.getCustomer).toHaveBeenCalledTimes(6);
    expect(live.getCustomerUser).toHaveBeenCalledTimes(5);
    expect(fabrikamLive.getCustomer).toHaveBeenCalledTimes(1);
  });
});
