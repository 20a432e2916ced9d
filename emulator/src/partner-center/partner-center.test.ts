import { beforeEach, describe, expect, it } from 'vitest';
import type { ServiceModule } from '../core/service';
import { customerUserIsInactive } from '../seed/customer-users';
import { buildCustomerBooks, bigCustomerName } from '../seed/customers';
import { partnerCenterResource, partnerTenants, portalApp } from '../seed/identities';
import { createTestContext, type TestContext } from '../core/test-context.test-support';
import { createPartnerCenterService } from './index';
import { appUserToken, firstTenant, pcGet, secondTenant, walkPages } from './handlers.test-support';

const books = buildCustomerBooks(partnerTenants);
const firstBook = books.get(firstTenant.tenantId)!;
const secondBook = books.get(secondTenant.tenantId)!;
let t: TestContext;
let service: ServiceModule;
let token: string;

beforeEach(async () => {
  t = await createTestContext();
  service = createPartnerCenterService(t.ctx);
  token = await appUserToken(t, firstTenant.tenantId);
});

describe('customers', () => {
  it('visits every customer exactly once across pages, sorted by company name', async () => {
    const { items, pages } = await walkPages(service, '/v1/customers?size=7', token);
    expect(items.length).toBe(firstBook.customers.length);
    expect(pages).toBe(Math.ceil(firstBook.customers.length / 7));
    const ids = items.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(firstBook.customers.map((c) => c.id)));
    const names = items.map((c) =>
      (c.companyProfile as { companyName: string }).companyName.toLowerCase(),
    );
    expect(names).toEqual([...names].sort());
    // List items carry only what "Get a list of customers" shows.
    // As "Get a list of customers" documents them: no item, nor its company profile, has links.
    expect(Object.keys(items[0]!).sort()).toEqual([
      'attributes',
      'companyProfile',
      'id',
      'relationshipToPartner',
    ]);
    expect(Object.keys(items[0]!.companyProfile as object).sort()).toEqual([
      'attributes',
      'companyName',
      'domain',
      'tenantId',
    ]);
  });

  it('filters by company name and domain with starts_with, case-insensitively, across pages', async () => {
    const filter = encodeURIComponent(
      JSON.stringify({ Field: 'CompanyName', Value: 'W', Operator: 'starts_with' }),
    );
    const byName = await walkPages(service, `/v1/customers?size=2&filter=${filter}`, token);
    const expected = firstBook.customers.filter((c) => /^w/i.test(c.companyName));
    expect(expected.length).toBeGreaterThan(2);
    expect(byName.items.length).toBe(expected.length);
    expect(byName.items.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    const domain = encodeURIComponent(
      JSON.stringify({ Field: 'Domain', Value: 'NORTHWIND', Operator: 'starts_with' }),
    );
    const byDomain = await pcGet(service, `/v1/customers?filter=${domain}`, token);
    expect(
      byDomain.body.items.map(
        (c: { companyProfile: { companyName: string } }) => c.companyProfile.companyName,
      ),
    ).toEqual(['Northwind Traders']);
    const bad = encodeURIComponent(
      JSON.stringify({ Field: 'CompanyName', Value: 'x', Operator: 'equals' }),
    );
    expect((await pcGet(service, `/v1/customers?filter=${bad}`, token)).status).toBe(400);
    expect((await pcGet(service, '/v1/customers?filter=%7Bnope', token)).status).toBe(400);
  });

  it('rejects tampered, foreign and missing continuation tokens with 400 in Partner Center shape', async () => {
    const first = await pcGet(service, '/v1/customers?size=5', token);
    const value: string = first.body.links.next.headers[0].value;
    const [payload, mac] = value.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), offset: 0 }),
    ).toString('base64url');
    // The MAC tampered in its first character: each of its 6 bits is data, so any other letter
    // changes the bytes (the last character's low bits may be padding, and may be 'A' already).
    const tamperedMac = `${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    for (const bad of [`${forged}.${mac}`, `${payload}.${tamperedMac}`, 'garbage']) {
      const res = await pcGet(service, '/v1/customers?size=5&seekOperation=Next', token, {
        'MS-ContinuationToken': bad,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: expect.stringMatching(/^\d+$/),
        data: [],
        source: 'PartnerFD',
      });
    }
    expect((await pcGet(service, '/v1/customers?seekOperation=Next', token)).status).toBe(400);
    const otherTenant = await appUserToken(t, secondTenant.tenantId);
    expect(
      (
        await pcGet(service, '/v1/customers?seekOperation=Next', otherTenant, {
          'MS-ContinuationToken': value,
        })
      ).status,
    ).toBe(400);
    expect((await pcGet(service, '/v1/customers?size=501', token)).status).toBe(400);
    expect((await pcGet(service, '/v1/customers?size=0', token)).status).toBe(400);
  });

  it('returns the full customer by id and answers unknown, malformed and foreign ids', async () => {
    const customer = firstBook.customers[3]!;
    const res = await pcGet(service, `/v1/customers/${customer.id}`, token);
    expect(res.body).toMatchObject({
      id: customer.id,
      commerceId: customer.commerceId,
      customDomains: customer.customDomains,
      allowDelegatedAccess: customer.allowDelegatedAccess,
      companyProfile: { tenantId: customer.id, domain: customer.domain },
      attributes: { objectType: 'Customer' },
    });
    const unknown = await pcGet(
      service,
      '/v1/customers/00000000-0000-4000-8000-000000000000',
      token,
    );
    expect([unknown.status, unknown.body.code]).toEqual([404, '1000']);
    expect((await pcGet(service, '/v1/customers/not-a-guid', token)).status).toBe(400);
    const foreign = await pcGet(service, `/v1/customers/${secondBook.customers[0]!.id}`, token);
    expect([foreign.status, foreign.body.code]).toEqual([403, '20002']);
  });

  it('isolates partner tenants: disjoint customer lists', async () => {
    const other = await walkPages(
      service,
      '/v1/customers',
      await appUserToken(t, secondTenant.tenantId),
    );
    expect(other.items.length).toBe(secondBook.customers.length);
    const mine = new Set(firstBook.customers.map((c) => c.companyName));
    expect(
      other.items.filter((c) =>
        mine.has((c.companyProfile as { companyName: string }).companyName),
      ),
    ).toEqual([]);
  });
});

describe('customer users', () => {
  const big = firstBook.customers.find((c) => c.companyName === bigCustomerName)!;

  it('pages the big customer active users once each, in display-name order, and gets one by id', async () => {
    const active = await walkPages(service, `/v1/customers/${big.id}/users?size=100`, token);
    const inactiveCount = Array.from({ length: big.userCount }, (_, i) =>
      customerUserIsInactive(big, i),
    ).filter(Boolean).length;
    expect(inactiveCount).toBeGreaterThan(0);
    expect(active.items.length).toBe(big.userCount - inactiveCount);
    expect(new Set(active.items.map((u) => u.id)).size).toBe(active.items.length);
    expect(active.items.every((u) => u.state === 'active' && u.softDeletionTime === null)).toBe(
      true,
    );
    const names = active.items.map((u) => String(u.displayName).toLowerCase());
    expect(names).toEqual([...names].sort());
    const sample = active.items[123]!;
    const one = await pcGet(service, `/v1/customers/${big.id}/users/${String(sample.id)}`, token);
    expect(one.body).toEqual(sample);
    expect(
      (
        await pcGet(
          service,
          `/v1/customers/${big.id}/users/00000000-0000-4000-8000-000000000000`,
          token,
        )
      ).status,
    ).toBe(404);
  });

  it('lists deleted users with the documented UserState filter, and refuses every other filter or sort', async () => {
    const deleted = encodeURIComponent(
      JSON.stringify({ Field: 'UserState', Value: 'Inactive', Operator: 'equals' }),
    );
    const gone = await walkPages(
      service,
      `/v1/customers/${big.id}/users?size=5&filter=${deleted}`,
      token,
    );
    expect(gone.items.length).toBeGreaterThan(5);
    for (const user of gone.items) {
      expect(user.state).toBe('inactive');
      expect(user.softDeletionTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    // Reached through the filter only: by id, a deleted user is not found (UNCONFIRMED).
    const byId = await pcGet(
      service,
      `/v1/customers/${big.id}/users/${String(gone.items[0]!.id)}`,
      token,
    );
    expect(byId.status).toBe(404);
    const undocumented = [
      { Field: 'DisplayName', Value: 'mia', Operator: 'starts_with' },
      { Field: 'UserPrincipalName', Value: 'zoe.', Operator: 'starts_with' },
      { Field: 'UserState', Value: 'Active', Operator: 'equals' },
      { Field: 'UserState', Value: 'Inactive', Operator: 'starts_with' },
    ];
    for (const filter of undocumented) {
      const res = await pcGet(
        service,
        `/v1/customers/${big.id}/users?filter=${encodeURIComponent(JSON.stringify(filter))}`,
        token,
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: expect.stringMatching(/^\d+$/),
        description: expect.any(String),
        data: [],
        source: 'PartnerFD',
      });
    }
    expect(
      (
        await pcGet(
          service,
          `/v1/customers/${big.id}/users?sortField=displayName&sortDirection=descending`,
          token,
        )
      ).status,
    ).toBe(400);
  });

  it('needs an App+User token and isolates other tenants', async () => {
    const appOnly = await t.mint({
      aud: partnerCenterResource,
      tid: firstTenant.tenantId,
      appid: portalApp.clientId,
    });
    expect((await pcGet(service, '/v1/customers', appOnly)).status).toBe(200);
    expect((await pcGet(service, `/v1/customers/${big.id}/users`, appOnly)).status).toBe(403);
    expect((await pcGet(service, '/v1/profiles/organization', appOnly)).status).toBe(403);
    const other = await appUserToken(t, secondTenant.tenantId);
    expect((await pcGet(service, `/v1/customers/${big.id}/users`, other)).status).toBe(403);
  });
});

describe('seek paging', () => {
  const big = firstBook.customers.find((c) => c.companyName === bigCustomerName)!;
  const continuation = (page: {
    body: { links: { next: { headers: Array<{ value: string }> } } };
  }) => page.body.links.next.headers[0]!.value;
  const encoded = (filter: Record<string, string>) => encodeURIComponent(JSON.stringify(filter));

  it("keeps the walk's page size when a next page is asked for without size, as the SDKs ask", async () => {
    expect(firstBook.customers.length).toBeGreaterThan(3 * 7);
    // The .NET and Java SDKs' seek query sends `seekOperation=Next` and the token, nothing else.
    for (const [collection, size] of [
      ['/v1/customers', 7],
      [`/v1/customers/${big.id}/users`, 5],
    ] as const) {
      let page = await pcGet(service, `${collection}?size=${size}`, token);
      const seen = page.body.items.map((i: { id: string }) => i.id);
      for (let i = 0; i < 2; i++) {
        page = await pcGet(service, `${collection}?seekOperation=Next`, token, {
          'MS-ContinuationToken': continuation(page),
        });
        expect(page.status).toBe(200);
        expect(page.body.items).toHaveLength(size);
        expect(page.body.totalCount).toBe(size);
        seen.push(...page.body.items.map((i: { id: string }) => i.id));
      }
      expect(new Set(seen).size).toBe(3 * size);
    }
  });

  it("refuses a next page whose size is not the walk's, and accepts the walk's own", async () => {
    const first = await pcGet(service, '/v1/customers?size=7', token);
    const other = await pcGet(service, '/v1/customers?size=3&seekOperation=Next', token, {
      'MS-ContinuationToken': continuation(first),
    });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({
      code: '800002',
      description: expect.stringContaining('7'),
      data: [],
      source: 'PartnerFD',
    });
    const same = await pcGet(service, '/v1/customers?size=7&seekOperation=Next', token, {
      'MS-ContinuationToken': continuation(first),
    });
    expect(same.status).toBe(200);
    expect(same.body.items).toHaveLength(7);
  });

  it('writes each collection’s links as its reference page prints them', async () => {
    // "Get a list of customers": `"uri": "/v1/customers?size=40"`, with /v1. Every page of a
    // walk names the walk's first request; `next` adds seekOperation=Next.
    const customers = await pcGet(service, '/v1/customers?size=2', token);
    expect(customers.body.links.self.uri).toBe('/v1/customers?size=2');
    expect(customers.body.links.next.uri).toBe('/v1/customers?size=2&seekOperation=Next');
    const second = await pcGet(service, '/v1/customers?seekOperation=Next', token, {
      'MS-ContinuationToken': continuation(customers),
    });
    expect(second.body.links.self.uri).toBe('/v1/customers?size=2');
    expect(second.body.links.next.uri).toBe('/v1/customers?size=2&seekOperation=Next');

    // "Get a list of customers filtered by a search field": without /v1, the filter repeated.
    const byName = encoded({ Field: 'CompanyName', Value: 'W', Operator: 'starts_with' });
    expect(byName).toBe(
      '%7B%22Field%22%3A%22CompanyName%22%2C%22Value%22%3A%22W%22%2C%22Operator%22%3A%22starts_with%22%7D',
    );
    const filtered = await pcGet(service, `/v1/customers?size=2&filter=${byName}`, token);
    expect(filtered.body.links.self.uri).toBe(`/customers?size=2&filter=${byName}`);
    expect(filtered.body.links.next.uri).toBe(
      `/customers?size=2&filter=${byName}&seekOperation=Next`,
    );

    // "Get a list of all user accounts for a customer": without /v1; its request has no size,
    // and neither has the link.
    const users = `/customers/${big.id}/users`;
    const all = await pcGet(service, `/v1${users}`, token);
    expect(all.body.links.self.uri).toBe(users);
    expect(all.body.links.next).toBeUndefined();
    const paged = await pcGet(service, `/v1${users}?size=2`, token);
    expect(paged.body.links.self.uri).toBe(`${users}?size=2`);
    expect(paged.body.links.next.uri).toBe(`${users}?size=2&seekOperation=Next`);

    // "View deleted users for a customer": without /v1, size then the filter as the request
    // sent it (the page's link says UserStatus, a slip for the UserState its request sends).
    const inactive = encoded({ Field: 'UserState', Value: 'Inactive', Operator: 'equals' });
    expect(inactive).toBe(
      '%7B%22Field%22%3A%22UserState%22%2C%22Value%22%3A%22Inactive%22%2C%22Operator%22%3A%22equals%22%7D',
    );
    const deleted = await pcGet(service, `/v1${users}?size=500&filter=${inactive}`, token);
    expect(deleted.body.links.self.uri).toBe(`${users}?size=500&filter=${inactive}`);
    const deletedPaged = await pcGet(service, `/v1${users}?size=2&filter=${inactive}`, token);
    expect(deletedPaged.body.links.next.uri).toBe(
      `${users}?size=2&filter=${inactive}&seekOperation=Next`,
    );
  });
});
