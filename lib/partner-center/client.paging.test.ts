import { describe, expect, it } from 'vitest';
import { createPartnerCenterClient, customerUserExportPageBound } from './client';
import { PartnerCenterError } from './errors';
import { fakeClock, jsonResponse, recordingFetch } from '@/test/support/partner-center-fetch';
import { fakeCollectionServer } from './fake-partner-center.test-support';
import { guidFor, wireCustomer, wireUser } from '@/test/support/partner-center-fixtures';
import { customerName } from './labels';

const baseUrl = 'https://pc.test';
const names = [
  'Alpine Ski House',
  'Coho Winery',
  'Contoso',
  'Fabrikam',
  'Northwind Traders',
  'Tailspin Toys',
  'Wide World Importers',
];
const customers = names.map((name, i) =>
  wireCustomer(i + 1, name, `${name.split(' ')[0]!.toLowerCase()}.onmicrosoft.com`),
);

function clientFor(fetch: typeof globalThis.fetch) {
  return createPartnerCenterClient({
    baseUrl,
    getAccessToken: async () => 'token-abc',
    fetch,
    clock: fakeClock(),
    correlationId: guidFor(77, 'cccccccc'),
  });
}

describe('listCustomers paging', () => {
  it.each(['versioned', 'unversioned'] as const)(
    'visits every customer exactly once across pages (%s links)',
    async (linkStyle) => {
      const server = fakeCollectionServer({
        path: '/v1/customers',
        items: customers,
        linkStyle,
        bom: true,
      });
      const client = clientFor(server.fetch);
      const seen: string[] = [];
      let token: string | null = null;
      let pages = 0;
      do {
        const page = await client.listCustomers({ size: 3, continuationToken: token });
        expect(page).not.toHaveProperty('totalCount');
        seen.push(...page.items.map((c) => c.companyName));
        token = page.continuationToken;
        pages++;
      } while (token);
      expect(pages).toBe(3);
      expect(seen).toEqual(names);
      const [first, second] = server.calls;
      expect(first!.url.searchParams.get('seekOperation')).toBeNull();
      expect(first!.headers.get('MS-ContinuationToken')).toBeNull();
      expect(second!.url.pathname).toBe('/v1/customers');
      expect(second!.url.searchParams.get('seekOperation')).toBe('Next');
      expect(second!.headers.get('MS-ContinuationToken')).toBe(
        Buffer.from('3').toString('base64url'),
      );
    },
  );

  it('turns wire customers into summaries', async () => {
    const client = clientFor(
      fakeCollectionServer({ path: '/v1/customers', items: customers.slice(4, 5) }).fetch,
    );
    const page = await client.listCustomers();
    expect(page).toEqual({
      items: [
        {
          id: guidFor(5),
          companyName: 'Northwind Traders',
          domain: 'northwind.onmicrosoft.com',
          tenantId: guidFor(5),
          relationship: 'reseller',
        },
      ],
      continuationToken: null,
      fetchedAt: '2026-01-06T12:00:00.000Z',
    });
  });

  it('searches by company name or domain prefix with a starts_with filter', async () => {
    const server = fakeCollectionServer({
      path: '/v1/customers',
      items: customers,
      filterField: (c, field) =>
        field === 'CompanyName' ? c.companyProfile.companyName : c.companyProfile.domain,
    });
    const client = clientFor(server.fetch);
    const byName = await client.listCustomers({ search: { field: 'CompanyName', prefix: ' co ' } });
    expect(byName.items.map((c) => c.companyName)).toEqual(['Coho Winery', 'Contoso']);
    expect(JSON.parse(server.calls[0]!.url.searchParams.get('filter')!)).toEqual({
      Field: 'CompanyName',
      Value: 'co',
      Operator: 'starts_with',
    });
    const byDomain = await client.listCustomers({ search: { field: 'Domain', prefix: 'WIDE' } });
    expect(byDomain.items.map((c) => c.companyName)).toEqual(['Wide World Importers']);
  });

  it('pages a filtered result to its end', async () => {
    const server = fakeCollectionServer({
      path: '/v1/customers',
      items: customers,
      filterField: (c) => c.companyProfile.companyName,
    });
    const client = clientFor(server.fetch);
    const first = await client.listCustomers({
      size: 1,
      search: { field: 'CompanyName', prefix: 'c' },
    });
    const second = await client.listCustomers({ continuationToken: first.continuationToken });
    expect([...first.items, ...second.items].map((c) => c.companyName)).toEqual([
      'Coho Winery',
      'Contoso',
    ]);
    expect(second.continuationToken).toBeNull();
  });

  it('iterates every user of a customer page by page', async () => {
    const users = Array.from({ length: 11 }, (_, i) => wireUser(i + 1, `User ${i + 1}`));
    const customerId = guidFor(1);
    const server = fakeCollectionServer({
      path: `/v1/customers/${customerId}/users`,
      items: users,
    });
    const client = clientFor(server.fetch);
    const pageSizes: number[] = [];
    const ids = new Set<string>();
    for await (const page of client.iterateCustomerUsers(customerId, { size: 4 })) {
      pageSizes.push(page.length);
      page.forEach((u) => ids.add(u.id));
    }
    expect(pageSizes).toEqual([4, 4, 3]);
    expect(ids.size).toBe(11);
  });

  it('rejects a continuation token that points elsewhere, without calling', async () => {
    const server = fakeCollectionServer({ path: '/v1/customers', items: customers });
    const client = clientFor(server.fetch);
    const forge = (uri: string) =>
      Buffer.from(JSON.stringify({ u: uri, t: 'x' })).toString('base64url');
    for (const token of [
      forge('https://evil.test/v1/customers?seekOperation=Next'),
      forge('/v1/customers/x/users'),
      'not-a-token',
    ]) {
      const error = await client
        .listCustomers({ continuationToken: token })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PartnerCenterError);
      expect((error as PartnerCenterError).code).toBe('bad_request');
    }
    expect(server.calls).toHaveLength(0);
  });

  it('rejects a page size outside 1..500 without calling', async () => {
    const server = fakeCollectionServer({ path: '/v1/customers', items: customers });
    await expect(clientFor(server.fetch).listCustomers({ size: 501 })).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect(server.calls).toHaveLength(0);
  });
});

describe('walks over every page', () => {
  const customerId = guidFor(9);
  const usersPath = `/v1/customers/${customerId}/users`;

  /** One user per page, each page linking on with `tokenOf(call number)` (1-based). */
  function linkingServer(tokenOf: (call: number) => string) {
    let call = 0;
    return recordingFetch(() => {
      call += 1;
      return jsonResponse({
        totalCount: 1,
        items: [wireUser(call, `User ${call}`)],
        links: {
          next: {
            uri: `${usersPath}?size=500&seekOperation=Next`,
            method: 'GET',
            headers: [{ key: 'MS-ContinuationToken', value: tokenOf(call) }],
          },
        },
      });
    });
  }

  /** Reads the export to its end, or gives up past the export's bound (the header and every page). */
  async function readAll(stream: ReadableStream<Uint8Array>): Promise<unknown> {
    const reader = stream.getReader();
    for (let chunk = 0; chunk < customerUserExportPageBound + 10; chunk += 1) {
      const { done } = await reader.read();
      if (done) return 'closed';
    }
    await reader.cancel();
    return 'still paging';
  }

  it('refuses a next link it already followed: the export fails after two calls', async () => {
    const server = linkingServer(() => 'same-token');
    const outcome = await readAll(clientFor(server.fetch).customerUsersCsv(customerId)).catch(
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(PartnerCenterError);
    expect(outcome).toMatchObject({
      code: 'malformed_response',
      pagingStop: 'repeated_link',
      correlationId: guidFor(77, 'cccccccc'),
      description: expect.stringContaining('same page link twice'),
    });
    expect(server.calls).toHaveLength(2);
  });

  it('refuses a link back to an earlier page, not only to the last one', async () => {
    const server = linkingServer((call) => (call === 3 ? 'token-1' : `token-${call}`));
    const pages: number[] = [];
    const walk = async () => {
      for await (const users of clientFor(server.fetch).iterateCustomerUsers(customerId)) {
        pages.push(users.length);
        if (pages.length > 10) return 'still paging';
      }
    };
    await expect(walk()).rejects.toMatchObject({
      code: 'malformed_response',
      pagingStop: 'repeated_link',
    });
    expect([pages, server.calls.length]).toEqual([[1, 1], 3]);
  });

  it(`ends the export with an error after ${customerUserExportPageBound} pages, never short and silent`, async () => {
    const server = linkingServer((call) => `token-${call}`);
    const outcome = await readAll(clientFor(server.fetch).customerUsersCsv(customerId)).catch(
      (e: unknown) => e,
    );
    expect(outcome).toMatchObject({
      code: 'malformed_response',
      pagingStop: 'too_many_pages',
      description: expect.stringContaining(`after ${customerUserExportPageBound} pages`),
    });
    expect(server.calls).toHaveLength(customerUserExportPageBound);
  });

  it("follows Partner Center's own long continuation token in a walk, not from a browser", async () => {
    // Microsoft documents no length for MS-ContinuationToken; a token a browser sends back is
    // held to 8,192 characters, one Partner Center just sent a server-side walk is not.
    const longToken = 'A'.repeat(12_000);
    const serving = (path: string, item: unknown) =>
      recordingFetch(({ headers }) => {
        const followed = headers.get('MS-ContinuationToken') === longToken;
        const next = {
          uri: `${path.replace(/^\/v1/, '')}?seekOperation=Next`,
          method: 'GET',
          headers: [{ key: 'MS-ContinuationToken', value: longToken }],
        };
        return jsonResponse({ totalCount: 1, items: [item], links: followed ? {} : { next } });
      });
    const customersServer = serving('/v1/customers', customers[0]);
    const pages = [];
    for await (const page of clientFor(customersServer.fetch).customerPages()) pages.push(page);
    expect(pages).toHaveLength(2);
    expect(customersServer.calls[1]!.headers.get('MS-ContinuationToken')).toBe(longToken);
    const usersServer = serving(usersPath, wireUser(1, 'Adele Vance'));
    const csv = await new Response(
      clientFor(usersServer.fetch).customerUsersCsv(customerId),
    ).text();
    expect(csv.trimEnd().split('\r\n')).toHaveLength(3);
    // The same token coming back from a browser (a page URL) is refused before any call.
    const browsing = clientFor(customersServer.fetch);
    const first = await browsing.listCustomers();
    const calls = customersServer.calls.length;
    await expect(
      browsing.listCustomers({ continuationToken: first.continuationToken }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    expect(customersServer.calls).toHaveLength(calls);
  });

  it('walks every customer page by page, with the same guard', async () => {
    const server = fakeCollectionServer({ path: '/v1/customers', items: customers });
    const seen: string[] = [];
    for await (const page of clientFor(server.fetch).customerPages({ size: 3 }))
      seen.push(...page.items.map((c) => c.companyName));
    expect([seen, server.calls.length]).toEqual([names, 3]);
    const looping = recordingFetch(() =>
      jsonResponse({
        totalCount: 1,
        items: [customers[0]],
        links: { next: { uri: '/v1/customers?seekOperation=Next', method: 'GET', headers: [] } },
      }),
    );
    const walk = async () => {
      let pages = 0;
      for await (const _page of clientFor(looping.fetch).customerPages())
        if (++pages > 10) return 'still paging';
    };
    await expect(walk()).rejects.toMatchObject({ code: 'malformed_response' });
    expect(looping.calls).toHaveLength(2);
  });
});

/**
 * Microsoft's docs show examples, not schemas: one item without a field they show must not
 * fail the page (or the walk, count or export it is part of), and a `totalCount` the portal
 * never reads must not either. An item without an `id` still does.
 */
describe('pages with odd items', () => {
  const customerId = guidFor(9);
  const usersPath = `/v1/customers/${customerId}/users`;
  const profileless = { ...wireCustomer(20, 'x', 'x'), companyProfile: null };
  const { companyProfile: _dropped, ...withoutProfile } = wireCustomer(21, 'y', 'y');
  const { userPrincipalName: _upn, ...withoutUpn } = wireUser(3, 'Megan Bowen');
  const nameless = { id: guidFor(4, 'aaaaaaaa') };

  const onePage = (items: unknown[], totalCount: unknown = items.length) =>
    recordingFetch(() => jsonResponse({ totalCount, items, links: {} }, { bom: true }));

  it('keeps a customer sent with `companyProfile: null` or without one, named by its id', async () => {
    const server = onePage([customers[0], profileless, withoutProfile, customers[1]], '4');
    const page = await clientFor(server.fetch).listCustomers();
    expect(page.items).toEqual([
      expect.objectContaining({ companyName: 'Alpine Ski House' }),
      {
        id: guidFor(20),
        companyName: '',
        domain: '',
        tenantId: guidFor(20),
        relationship: 'reseller',
      },
      expect.objectContaining({ id: guidFor(21), companyName: '', tenantId: guidFor(21) }),
      expect.objectContaining({ companyName: 'Coho Winery' }),
    ]);
    expect(page.items.map(customerName)).toEqual([
      'Alpine Ski House',
      guidFor(20),
      guidFor(21),
      'Coho Winery',
    ]);
  });

  it('walks every customer page past one without a company profile', async () => {
    const server = fakeCollectionServer({
      path: '/v1/customers',
      items: [customers[0], profileless, customers[1]],
    });
    const ids: string[] = [];
    for await (const page of clientFor(server.fetch).customerPages({ size: 1 }))
      ids.push(...page.items.map((c) => c.id));
    expect(ids).toEqual([guidFor(1), guidFor(20), guidFor(2)]);
  });

  it('reads one customer without a company profile', async () => {
    const server = recordingFetch(() => jsonResponse(profileless));
    const detail = await clientFor(server.fetch).getCustomer(guidFor(20));
    expect(detail).toMatchObject({
      id: guidFor(20),
      companyName: '',
      domain: '',
      tenantId: guidFor(20),
      email: null,
      address: null,
    });
  });

  it('keeps a user sent without a user principal name, named by display name or id', async () => {
    const server = onePage([wireUser(1, 'Adele Vance'), withoutUpn, nameless], -1);
    const page = await clientFor(server.fetch).listCustomerUsers(customerId);
    expect(page.items.map((u) => [u.displayName, u.userPrincipalName])).toEqual([
      ['Adele Vance', 'user1@contoso.onmicrosoft.com'],
      ['Megan Bowen', ''],
      [guidFor(4, 'aaaaaaaa'), ''],
    ]);
  });

  it('walks every users page past one without a user principal name', async () => {
    const server = fakeCollectionServer({
      path: usersPath,
      items: [wireUser(1, 'Adele Vance'), withoutUpn, wireUser(5, 'Lee Gu')],
    });
    const names: string[] = [];
    for await (const users of clientFor(server.fetch).iterateCustomerUsers(customerId, { size: 1 }))
      names.push(...users.map((u) => u.displayName));
    expect(names).toEqual(['Adele Vance', 'Megan Bowen', 'Lee Gu']);
  });

  it.each([
    ['a string', '2'],
    ['a negative', -1],
    ['a fraction', 1.5],
    ['null', null],
  ])('reads a page whose unused totalCount is %s', async (_, totalCount) => {
    const server = onePage([customers[0], customers[1]], totalCount);
    const page = await clientFor(server.fetch).listCustomers();
    expect(page.items.map((c) => c.companyName)).toEqual(['Alpine Ski House', 'Coho Winery']);
  });

  it('still refuses a page whose item has no id', async () => {
    const { id: _id, ...idless } = wireUser(1, 'Adele Vance');
    const server = onePage([wireUser(2, 'Lee Gu'), idless]);
    await expect(clientFor(server.fetch).listCustomerUsers(customerId)).rejects.toMatchObject({
      code: 'malformed_response',
    });
  });
});
