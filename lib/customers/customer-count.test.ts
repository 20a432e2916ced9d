import { describe, expect, it, vi } from 'vitest';
import type { Page, PartnerCenterClient } from '@/lib/partner-center';
import { cachingClient } from '@/lib/partner-center/cached-client';
import { createPartnerCenterClient } from '@/lib/partner-center/client';
import { seekPages } from '@/lib/partner-center/paging';
import { ResponseCache } from '@/lib/partner-center/response-cache';
import { fakeClock, jsonResponse, recordingFetch } from '@/test/support/partner-center-fetch';
import { guidFor, wireCustomer } from '@/test/support/partner-center-fixtures';
import { customerCount, customerCountPageBound, customerCountView } from './customer-count';
import { waitForWalk } from './walk-cache';

/** A client whose customer pages (walked as the real client walks them) come from `listPage`. */
function pagesClient(listPage: (token: string | null) => Promise<Page<unknown>>) {
  return {
    customerPages: () => seekPages(listPage, 'correlation-id'),
  } as unknown as PartnerCenterClient;
}

/** A client with `total` customers in pages of up to 500 (what the count asks for). */
function fakeClient(total: number) {
  let calls = 0;
  const client = pagesClient(async (token) => {
    calls += 1;
    const start = Number(token ?? 0);
    const size = Math.min(500, total - start);
    return {
      items: new Array(size).fill({}),
      continuationToken: start + size < total ? String(start + size) : null,
      fetchedAt: '',
    };
  });
  return { client, calls: () => calls };
}

describe('customerCount', () => {
  it('counts every page, once per partner tenant, and labels the result with its time', async () => {
    const { client, calls } = fakeClient(1_234);
    const walk = customerCount('tenant-count-a', client);
    expect(customerCount('tenant-count-a', client)).toBe(walk);
    await walk.finished;
    expect([walk.count, walk.pages, walk.truncated, calls()]).toEqual([1_234, 3, false, 3]);
    expect(await customerCountView('tenant-count-a', client)).toEqual({
      count: 1_234,
      done: true,
      truncated: false,
      countedAgo: 'just now',
    });
    expect(calls()).toBe(3);
    const other = fakeClient(7);
    expect((await customerCountView('tenant-count-b', other.client))?.count).toBe(7);
  });

  it(`stops at ${customerCountPageBound} pages and says the count is a lower bound`, async () => {
    const { client, calls } = fakeClient(customerCountPageBound * 500 + 1);
    const walk = customerCount('tenant-count-huge', client);
    await walk.finished;
    expect([walk.count, walk.truncated, calls()]).toEqual([
      customerCountPageBound * 500,
      true,
      customerCountPageBound,
    ]);
  });

  it('shows no count when the walk failed, and tries again next time', async () => {
    let fail = true;
    const client = pagesClient(async () => {
      if (fail) throw new Error('Partner Center down');
      return { items: [{}], continuationToken: null, fetchedAt: '' };
    });
    expect(await customerCountView('tenant-count-flaky', client)).toBeNull();
    fail = false;
    expect((await customerCountView('tenant-count-flaky', client))?.count).toBe(1);
  });

  it('stops at a repeated next link and shows no count rather than "more than 100,000"', async () => {
    let calls = 0;
    const client = pagesClient(async () => {
      calls += 1;
      return { items: [{}], continuationToken: 'same-token', fetchedAt: '' };
    });
    await expect(
      waitForWalk(customerCount('tenant-count-loop', client), 1_000),
    ).rejects.toMatchObject({ code: 'malformed_response' });
    expect(calls).toBe(2);
  });

  it("counts past the response cache: another partner tenant's cached answers stay", async () => {
    // The cache all partner tenants share, small enough that 4 cached pages would fill it.
    const cache = new ResponseCache({ ttlMs: 60_000, staleMs: 0, maxEntries: 3, maxBytes: 1e6 });
    const liveB = { getCustomer: vi.fn(async (id: string) => ({ id, companyName: 'B customer' })) };
    const clientB = cachingClient(liveB as unknown as PartnerCenterClient, {
      cache,
      tenantId: 'tenant-count-b-cached',
    });
    await clientB.getCustomer(guidFor(1));
    // Partner A's customers, 4 pages, served by a real client behind the caching wrapper.
    const server = recordingFetch(({ headers }) => {
      const page = Number(headers.get('MS-ContinuationToken') ?? 0);
      return jsonResponse({
        totalCount: 1,
        items: [wireCustomer(page + 1, `Customer ${page + 1}`, `c${page + 1}.test`)],
        links:
          page < 3
            ? {
                next: {
                  uri: '/v1/customers?seekOperation=Next',
                  method: 'GET',
                  headers: [{ key: 'MS-ContinuationToken', value: String(page + 1) }],
                },
              }
            : {},
      });
    });
    const liveA = createPartnerCenterClient({
      baseUrl: 'https://pc.test',
      getAccessToken: async () => 't',
      fetch: server.fetch,
      clock: fakeClock(),
    });
    const walk = customerCount(
      'tenant-count-a-cached',
      cachingClient(liveA, { cache, tenantId: 'a' }),
    );
    await walk.finished;
    expect([walk.count, server.calls.length]).toEqual([4, 4]);
    await clientB.getCustomer(guidFor(1));
    expect(liveB.getCustomer).toHaveBeenCalledTimes(1);
  });
});
