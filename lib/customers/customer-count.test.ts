import { describe, expect, it } from 'vitest';
import type { PartnerCenterClient } from '@/lib/partner-center';
import { customerCount, customerCountPageBound, customerCountView } from './customer-count';

/** A client with `total` customers in pages of up to 500 (what the count asks for). */
function fakeClient(total: number) {
  let calls = 0;
  const client = {
    async listCustomers(opts: { continuationToken?: string | null }) {
      calls += 1;
      const start = Number(opts.continuationToken ?? 0);
      const size = Math.min(500, total - start);
      return {
        items: new Array(size).fill({}),
        continuationToken: start + size < total ? String(start + size) : null,
        fetchedAt: '',
      };
    },
  } as unknown as PartnerCenterClient;
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
    const client = {
      async listCustomers() {
        if (fail) throw new Error('Partner Center down');
        return { items: [{}], continuationToken: null, fetchedAt: '' };
      },
    } as unknown as PartnerCenterClient;
    expect(await customerCountView('tenant-count-flaky', client)).toBeNull();
    fail = false;
    expect((await customerCountView('tenant-count-flaky', client))?.count).toBe(1);
  });
});
