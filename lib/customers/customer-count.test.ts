import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Page, PartnerCenterClient } from '@/lib/partner-center';
import { cachingClient } from '@/lib/partner-center/cached-client';
import { createPartnerCenterClient } from '@/lib/partner-center/client';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { seekPages } from '@/lib/partner-center/paging';
import { ResponseCache } from '@/lib/partner-center/response-cache';
import { fakeClock, jsonResponse, recordingFetch } from '@/test/support/partner-center-fetch';
import { guidFor, wireCustomer } from '@/test/support/partner-center-fixtures';
import {
  customerCount,
  customerCountPageBound,
  customerCountView,
  throttledCountWaitMs,
} from './customer-count';
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
    const walk = customerCount('tenant-count-a', client)!;
    expect(customerCount('tenant-count-a', client)).toBe(walk);
    await walk.finished;
    expect([walk.count, walk.pages, walk.truncated, calls()]).toEqual([1_234, 3, false, 3]);
    expect(await customerCountView('tenant-count-a', client)).toEqual({
      count: 1_234,
      done: true,
      truncated: false,
      countedAgo: 'just now',
      countedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      recount: null,
    });
    expect(calls()).toBe(3);
    const other = fakeClient(7);
    expect((await customerCountView('tenant-count-b', other.client))?.count).toBe(7);
  });

  it(`stops at ${customerCountPageBound} pages and says the count is a lower bound`, async () => {
    const { client, calls } = fakeClient(customerCountPageBound * 500 + 1);
    const walk = customerCount('tenant-count-huge', client)!;
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
      waitForWalk(customerCount('tenant-count-loop', client)!, 1_000),
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
    )!;
    await walk.finished;
    expect([walk.count, server.calls.length]).toEqual([4, 4]);
    await clientB.getCustomer(guidFor(1));
    expect(liveB.getCustomer).toHaveBeenCalledTimes(1);
  });
});

/** Partner Center's 429 as the client reports it, with the wait it asked for (or would have had). */
function throttled(retryAfter: number): PartnerCenterError {
  return new PartnerCenterError({
    code: 'throttled',
    status: 429,
    description: 'Rate limit is exceeded.',
    requestId: 'r',
    correlationId: 'c',
    retryAfter,
  });
}

/**
 * A client with 7 customers on one page, or throttled (429, `retryAfter` seconds) while
 * `answer.throttled`; a page waits for `answer.release` when set.
 */
function throttlingClient(retryAfter = 600) {
  const answer = { throttled: false, calls: 0, release: null as Promise<void> | null };
  const client = pagesClient(async () => {
    answer.calls += 1;
    await answer.release;
    if (answer.throttled) throw throttled(retryAfter);
    return { items: new Array(7).fill({}), continuationToken: null, fetchedAt: '' };
  });
  return { client, answer };
}

describe('customerCount while Partner Center throttles', () => {
  // The counts age on the host's clock (cacheNow outside the local profile): moved by hand.
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());
  const minutes = (n: number) => vi.setSystemTime(Date.now() + n * 60_000);

  it('keeps the last count with its age, and starts no walk until the stated wait is over', async () => {
    const { client, answer } = throttlingClient();
    const tenant = 'tenant-count-throttled';
    expect(await customerCountView(tenant, client)).toMatchObject({ count: 7, done: true });
    minutes(16); // past the count's 15 minutes: counted again, and Partner Center throttles
    answer.throttled = true;
    expect(await customerCountView(tenant, client)).toEqual({
      count: 7,
      done: true,
      truncated: false,
      countedAgo: '16 min ago',
      // The count that stands, with the time it finished: the freshness line compares it.
      countedAt: new Date(Date.now() - 16 * 60_000).toISOString(),
      recount: 'waiting',
    });
    expect(answer.calls).toBe(2);
    minutes(9); // within the 10 minutes (Retry-After: 600) it asked for: no call
    expect(await customerCountView(tenant, client)).toMatchObject({
      countedAgo: '25 min ago',
      recount: 'waiting',
    });
    expect(answer.calls).toBe(2);
    minutes(2);
    answer.throttled = false;
    expect(await customerCountView(tenant, client)).toMatchObject({
      count: 7,
      countedAgo: 'just now',
    });
    expect(answer.calls).toBe(3);
  });

  it('shows the last count, not "so far", while the next count runs, and says it runs', async () => {
    const { client, answer } = throttlingClient();
    const tenant = 'tenant-count-recounting';
    await customerCountView(tenant, client);
    minutes(16);
    let release: () => void = () => undefined;
    answer.release = new Promise<void>((resolve) => (release = resolve));
    expect(await customerCountView(tenant, client, 5)).toMatchObject({
      count: 7,
      done: true,
      countedAgo: '16 min ago',
      recount: 'running',
    });
    release();
    expect(await customerCountView(tenant, client)).toMatchObject({
      countedAgo: 'just now',
      recount: null,
    });
  });

  it('backs off 1, then 2 minutes (then 4, 8, 15) after throttled counts in a row', async () => {
    // 10 s: what a walk reports after 429s without Retry-After (its own last backoff step).
    const { client, answer } = throttlingClient(10);
    answer.throttled = true;
    const tenant = 'tenant-count-backoff';
    const callsAfter = async (minutesLater: number) => {
      minutes(minutesLater);
      expect(await customerCountView(tenant, client)).toBeNull();
      return answer.calls;
    };
    expect(await callsAfter(0)).toBe(1);
    expect([await callsAfter(0.5), await callsAfter(0.6)]).toEqual([1, 2]);
    expect([await callsAfter(1.9), await callsAfter(0.2)]).toEqual([2, 3]);
  });

  it('waits at least what Partner Center stated, up to an hour, and at most 15 minutes otherwise', () => {
    expect([1, 2, 3, 5, 9].map((n) => throttledCountWaitMs(n, 5) / 60_000)).toEqual([
      1, 2, 4, 15, 15,
    ]);
    expect(throttledCountWaitMs(1, 600)).toBe(600_000);
    expect(throttledCountWaitMs(1, 86_400)).toBe(3_600_000);
  });
});
