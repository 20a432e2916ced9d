import { describe, expect, it } from 'vitest';
import type { PartnerCenterClient } from '@/lib/partner-center';
import type { UserListQuery } from './list-query';
import type { CustomerRequest } from './request';
import { loadUserList } from './user-list';
import { userDirectory } from './user-directory';
import { customerUser, throttledBy57s, walkedUsersClient } from './users.test-support';

const query: UserListQuery = { q: '', field: 'name', size: 25, page: 1, view: 'active' };
const someone = customerUser('Adele Vance', 'adele@x.test');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function requestFor(tenantId: string, client: PartnerCenterClient): CustomerRequest {
  return { tenantId, client } as unknown as CustomerRequest;
}

describe('loadUserList', () => {
  it('shows a walk failure that happened between two auto-refreshes instead of walking again', async () => {
    let calls = 0;
    const throttled = throttledBy57s('c');
    const client = walkedUsersClient(async (opts) => {
      calls += 1;
      if (!opts.continuationToken)
        return { items: [someone], continuationToken: 'p2', fetchedAt: '' };
      await sleep(30);
      throw throttled;
    });
    const request = requestFor('tenant-review-flaky', client);
    const customer = '33333333-3333-4333-8333-333333333333';
    // The first render waits less than the walk takes: progress, and the page reloads itself.
    expect((await loadUserList(request, customer, query, 5)).kind).toBe('loading');
    await sleep(80); // the walk fails on page 2 while nobody waits
    // The auto-refresh must show the failure (wait 57 s), not start the same walk again.
    await expect(loadUserList(request, customer, query, 5)).rejects.toBe(throttled);
    expect(calls).toBe(2);
    // Seen once: the next visit (Try again) walks afresh (pages 1 and 2 asked for again).
    expect((await loadUserList(request, customer, query, 5)).kind).toBe('loading');
    expect(calls).toBe(4);
  });

  it('keeps the user directories within their memory bound while many big walks run', async () => {
    const page = Array.from({ length: 500 }, () => someone);
    const pagesBeforeHanging = 180; // 90,000 users each, then Partner Center is slow
    const gates: (() => void)[] = [];
    const client = walkedUsersClient(async (opts) => {
      const n = Number(opts.continuationToken ?? 0);
      if (n >= pagesBeforeHanging) await new Promise<void>((resolve) => gates.push(resolve));
      return { items: page, continuationToken: String(n + 1), fetchedAt: '' };
    });
    const customers = ['4', '5', '6'].map((d) => `${d.repeat(8)}-4444-4444-8444-444444444444`);
    const walks = customers.map((id) => userDirectory('tenant-review-big', client, id, 'active'));
    for (const walk of walks) walk.finished.catch(() => undefined);
    await sleep(200);
    const held = walks.reduce((sum, walk) => sum + walk.items.length, 0);
    expect(held).toBeLessThanOrEqual(250_000);
    // The walk that hit the bound failed; its page says so (no endless progress reloads).
    const stopped = customers.filter((_, i) => walks[i]?.finishedAt !== null);
    expect(stopped).toHaveLength(1);
    const request = requestFor('tenant-review-big', client);
    await expect(loadUserList(request, stopped[0] ?? '', query, 5)).resolves.toEqual({
      kind: 'busy',
    });
    gates.forEach((release) => release());
  });

  // "N users read so far" and nothing coming in read as a portal that hung.
  it("says while a walk waits out Partner Center's Retry-After, and no more once it reads again", async () => {
    let release = () => {};
    const client = walkedUsersClient(async (opts) => {
      if (!opts.continuationToken)
        return { items: [someone], continuationToken: 'p2', fetchedAt: '' };
      if (opts.continuationToken === 'p2') {
        // The transport's 429 on page 2: a 57 s wait before its next attempt.
        opts.onRetry?.({
          reason: 'throttled',
          attempt: 1,
          delayMs: 57_000,
          status: 429,
          requestId: 'r',
          correlationId: 'c',
          pace: 'walk',
        });
        await new Promise<void>((resolve) => (release = resolve));
        return { items: [someone], continuationToken: 'p3', fetchedAt: '' };
      }
      await new Promise<void>(() => undefined);
      return { items: [], continuationToken: null, fetchedAt: '' };
    });
    const request = requestFor('tenant-review-paused', client);
    const customer = '77777777-7777-4777-8777-777777777777';
    const paused = await loadUserList(request, customer, query, 5);
    expect(paused).toMatchObject({ kind: 'loading', usersRead: 1, pagesRead: 1 });
    expect(paused.kind === 'loading' && paused.waitSeconds).toBeGreaterThan(50);
    expect(paused.kind === 'loading' && paused.waitSeconds).toBeLessThanOrEqual(57);
    release();
    await sleep(10);
    expect(await loadUserList(request, customer, query, 5)).toMatchObject({
      kind: 'loading',
      usersRead: 2,
      waitSeconds: null,
    });
  });
});
