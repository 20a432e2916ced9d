/**
 * The scaled seed (20,000 customers, ~500,000 users, one customer with 50,000) pages through
 * the handlers with every customer seen once, and users are derived lazily: a deep page
 * derives exactly its own users, never the customer's whole list.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServiceModule } from '../core/service';
import { bigCustomerName, buildCustomerBooks, scaledBigCustomerUsers } from '../seed/customers';
import { partnerTenants } from '../seed/identities';
import { createTestContext } from '../core/test-context.test-support';
import { createPartnerCenterService } from './index';
import { appUserToken, firstTenant, pcGet, walkPages } from './handlers.test-support';

const derived = vi.hoisted(() => ({ users: 0 }));
vi.mock('../seed/customer-users', async (importOriginal) => {
  const original = await importOriginal<typeof import('../seed/customer-users')>();
  return {
    ...original,
    customerUserAt: (...args: Parameters<typeof original.customerUserAt>) => {
      derived.users++;
      return original.customerUserAt(...args);
    },
  };
});

const scale = 20_000;
let service: ServiceModule;
let token: string;

beforeAll(async () => {
  const t = await createTestContext();
  service = createPartnerCenterService(t.ctx, { scale });
  token = await appUserToken(t, firstTenant.tenantId);
});

describe('Partner Center at scale', () => {
  const book = buildCustomerBooks(partnerTenants, { scale }).get(firstTenant.tenantId)!;
  const big = book.customers.find((c) => c.companyName === bigCustomerName)!;

  it('seeds 20,000 customers and about 500,000 users without materialising users', () => {
    expect(book.customers).toHaveLength(scale);
    expect(book.totalUsers).toBeGreaterThanOrEqual(480_000);
    expect(big.userCount).toBe(scaledBigCustomerUsers);
    expect(derived.users).toBe(0);
  });

  it('visits all 20,000 customers exactly once in 40 pages of 500', async () => {
    // A walk without size: its links carry none either, and every page holds 500.
    const first = await pcGet(service, '/v1/customers', token);
    expect(first.body.links.self.uri).toBe('/v1/customers');
    expect(first.body.links.next.uri).toBe('/v1/customers?seekOperation=Next');
    const { items, pages } = await walkPages(service, '/v1/customers', token);
    expect([items.length, pages]).toEqual([scale, 40]);
    expect(new Set(items.map((c) => c.id)).size).toBe(scale);
  });

  it('derives only the users of the requested page, even deep in a 50,000-user customer', async () => {
    const path = `/v1/customers/${big.id}/users?size=500`;
    let page = await pcGet(service, path, token);
    for (let i = 1; i < 60; i++) {
      const header = page.body.links.next.headers[0].value as string;
      page = await pcGet(
        service,
        `/v1/customers/${big.id}/users?size=500&seekOperation=Next`,
        token,
        { 'MS-ContinuationToken': header },
      );
    }
    const before = derived.users;
    const deep = await pcGet(
      service,
      `/v1/customers/${big.id}/users?size=500&seekOperation=Next`,
      token,
      {
        'MS-ContinuationToken': page.body.links.next.headers[0].value,
      },
    );
    expect(deep.body.totalCount).toBe(500);
    expect(deep.body.items).toHaveLength(500);
    expect(derived.users - before).toBe(500);
    expect(derived.users).toBe(61 * 500);
  });

  // After the derivation count above: this walk derives users of its own.
  it("keeps a walk's page size across next pages asked for without size", async () => {
    const users = `/v1/customers/${big.id}/users`;
    let page = await pcGet(service, `${users}?size=250`, token);
    for (let i = 0; i < 3; i++) {
      page = await pcGet(service, `${users}?seekOperation=Next`, token, {
        'MS-ContinuationToken': page.body.links.next.headers[0].value,
      });
      expect(page.body.items).toHaveLength(250);
      expect(page.body.links.self.uri).toBe(`/customers/${big.id}/users?size=250`);
    }
  });

  it('filters 20,000 customers by name prefix', async () => {
    const filter = encodeURIComponent(
      JSON.stringify({ Field: 'CompanyName', Value: 'summit ana', Operator: 'starts_with' }),
    );
    const res = await walkPages(service, `/v1/customers?size=50&filter=${filter}`, token);
    const expected = book.customers.filter((c) =>
      c.companyName.toLowerCase().startsWith('summit ana'),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(res.items.map((c) => c.id)).toEqual(expected.map((c) => c.id));
  });
});
