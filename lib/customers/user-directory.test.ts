import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerUser, UserView } from '@/lib/partner-center';
import {
  forgetUserDirectory,
  searchUsers,
  userDirectory,
  userDirectoryRefreshMinAgeMs,
} from './user-directory';
import { customerUser, walkedUsersClient } from './users.test-support';
import { WalkBudgetError, WalkCache, waitForWalk } from './walk-cache';

const people = [
  customerUser('Adele Vance', 'adele@x.test'),
  customerUser('Alex Wilber', 'alex@x.test'),
  customerUser('Mia Hill', 'zed@x.test'),
  customerUser('mia Low', 'mia@x.test'),
];

/** A client whose user pages come from `pages` (2 users each), counting calls per view. */
function fakeClient(users: CustomerUser[]) {
  const calls: UserView[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const client = walkedUsersClient(async (opts) => {
    calls.push(opts.view ?? 'active');
    await gate;
    const start = Number(opts.continuationToken ?? 0);
    const next = start + 2 < users.length ? String(start + 2) : null;
    return { items: users.slice(start, start + 2), continuationToken: next, fetchedAt: '' };
  });
  return { client, calls, release };
}

describe('searchUsers', () => {
  it('matches display name or UPN prefixes case-insensitively and pages the matches', () => {
    expect(
      searchUsers(people, { field: 'name', q: 'MIA' }, 1, 25).items.map((u) => u.displayName),
    ).toEqual(['Mia Hill', 'mia Low']);
    expect(
      searchUsers(people, { field: 'upn', q: 'mia' }, 1, 25).items.map((u) => u.displayName),
    ).toEqual(['mia Low']);
    const second = searchUsers(people, { field: 'name', q: '' }, 2, 3);
    expect([second.page, second.pageCount, second.matches, second.items.length]).toEqual([
      2, 2, 4, 1,
    ]);
    expect(searchUsers(people, { field: 'name', q: 'a' }, 99, 25).page).toBe(1);
    expect(searchUsers(people, { field: 'name', q: 'nobody' }, 1, 25)).toMatchObject({
      items: [],
      matches: 0,
      pageCount: 1,
    });
  });

  it('finds a name whatever Unicode form either side is in (NFKC)', () => {
    // Partner Center may hold "José" decomposed (e + U+0301); browsers send it composed.
    const directory = [customerUser('Jose\u0301 Álvarez'.normalize('NFD'), 'jose@x.test')];
    const byName = (q: string) => searchUsers(directory, { field: 'name', q }, 1, 25).matches;
    expect(byName('José'.normalize('NFC'))).toBe(1);
    expect(byName('JOSÉ Á'.normalize('NFD'))).toBe(1);
    // Full-width letters, as an IME types them.
    expect(byName('\uFF2A\uFF4F\uFF53')).toBe(1);
    expect(byName('Jose ')).toBe(0);
  });
});

describe('userDirectory', () => {
  // The walks age on the host's clock here (no PORTAL_PROFILE): moved by hand, timers stay real.
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('walks every page once for concurrent callers and keeps tenants, customers and views apart', async () => {
    const { client, calls, release } = fakeClient(people);
    const customer = '11111111-1111-4111-8111-111111111111';
    const first = userDirectory('tenant-a', client, customer, 'active');
    const again = userDirectory('tenant-a', client, customer, 'active');
    expect(again).toBe(first);
    expect(userDirectory('tenant-b', client, customer, 'active')).not.toBe(first);
    expect(userDirectory('tenant-a', client, customer, 'deleted')).not.toBe(first);
    release();
    await first.finished;
    expect(first.items.map((u) => u.userPrincipalName)).toEqual(
      people.map((u) => u.userPrincipalName),
    );
    expect([first.done, first.pages, first.truncated]).toEqual([true, 2, false]);
    // 2 pages for tenant-a/active; tenant-b and the deleted view walk on their own.
    expect(calls.filter((v) => v === 'active')).toHaveLength(2 + 2);
    expect(userDirectory('tenant-a', client, customer, 'active')).toBe(first);
    vi.setSystemTime(Date.now() + userDirectoryRefreshMinAgeMs);
    forgetUserDirectory('tenant-a', customer, 'active');
    expect(userDirectory('tenant-a', client, customer, 'active')).not.toBe(first);
  });

  it('a Refresh right after a walk keeps its list: clicks and scripts do not re-read 200 pages', async () => {
    const { client, calls, release } = fakeClient(people);
    const customer = '33333333-3333-4333-8333-333333333333';
    const first = userDirectory('tenant-r', client, customer, 'active');
    release();
    await first.finished;
    for (let i = 0; i < 5; i++) {
      vi.setSystemTime(Date.now() + 1_000);
      forgetUserDirectory('tenant-r', customer, 'active');
      expect(userDirectory('tenant-r', client, customer, 'active')).toBe(first);
    }
    expect(calls).toHaveLength(2);
    vi.setSystemTime(Date.now() + userDirectoryRefreshMinAgeMs);
    forgetUserDirectory('tenant-r', customer, 'active');
    const again = userDirectory('tenant-r', client, customer, 'active');
    expect(again).not.toBe(first);
    await again.finished;
    expect(calls).toHaveLength(4);
  });

  it('fails at a repeated next link instead of listing the same user 200 times', async () => {
    let calls = 0;
    const client = walkedUsersClient(async () => {
      calls += 1;
      return { items: [people[0]], continuationToken: 'same-token', fetchedAt: '' };
    });
    const customer = '22222222-2222-4222-8222-222222222222';
    const walk = userDirectory('tenant-loop', client, customer, 'active');
    await expect(waitForWalk(walk, 10_000)).rejects.toMatchObject({
      code: 'malformed_response',
      description: expect.stringContaining('same page link twice'),
    });
    // The failed walk's users are freed at once.
    expect({ calls, users: walk.items.length }).toEqual({ calls: 2, users: 0 });
    // Forgotten like any failed walk: the next visit tries again.
    expect(userDirectory('tenant-loop', client, customer, 'active')).not.toBe(walk);
  });
});

describe('WalkCache', () => {
  it('expires finished walks after the ttl and forgets failed ones at once', async () => {
    let now = 0;
    const cache = new WalkCache<number>({ ttlMs: 1_000, maxEntries: 2, now: () => now });
    const ok = cache.walk('a', async (w) => void w.items.push(1));
    await ok.finished;
    now = 999;
    expect(cache.peek('a')).toBe(ok);
    now = 2_001;
    expect(cache.peek('a')).toBeUndefined();
    const failing = cache.walk('b', async () => {
      throw new Error('Partner Center down');
    });
    await expect(waitForWalk(failing, 1_000)).rejects.toThrow('Partner Center down');
    expect(cache.peek('b')).toBeUndefined();
  });

  it('keeps at most maxEntries finished walks, dropping the least recently used', async () => {
    const cache = new WalkCache<number>({ ttlMs: 60_000, maxEntries: 2 });
    const a = cache.walk('a', async () => undefined);
    await a.finished;
    await cache.walk('b', async () => undefined).finished;
    cache.peek('a');
    await cache.walk('c', async () => undefined).finished;
    expect(cache.peek('a')).toBe(a);
    expect(cache.peek('b')).toBeUndefined();
  });

  it('never drops a running walk: one walk per key, the bound holds again once they finish', async () => {
    const cache = new WalkCache<number>({ ttlMs: 60_000, maxEntries: 2 });
    const releases: (() => void)[] = [];
    let started = 0;
    const walker = () => {
      started += 1;
      return new Promise<void>((resolve) => releases.push(resolve));
    };
    const a = cache.walk('tenant\ncustomer-A', walker); // a big customer, still walking
    cache.walk('tenant\ncustomer-B', walker);
    cache.walk('tenant\ncustomer-C', walker); // three running: the map holds them all
    // The users page of A refreshes while its walk runs: the same walk, no second one.
    expect(cache.walk('tenant\ncustomer-A', walker)).toBe(a);
    expect(started).toBe(3);
    releases.forEach((release) => release());
    await Promise.all(['A', 'B', 'C'].map((c) => cache.peek(`tenant\ncustomer-${c}`)?.finished));
    const kept = ['A', 'B', 'C'].filter((c) => cache.peek(`tenant\ncustomer-${c}`));
    expect(kept).toHaveLength(2);
  });

  it("shares the entry bound between holders: one partner's many walks never drop another's lists", async () => {
    const cache = new WalkCache<number>({
      ttlMs: 60_000,
      maxEntries: 4,
      holderOf: (key) => key.split('\n')[0]!,
    });
    const fabrikam = cache.walk('fabrikam\ncustomer-F', async () => undefined);
    await fabrikam.finished;
    const contosoDone = cache.walk('contoso\ncustomer-0', async () => undefined);
    await contosoDone.finished;
    // Contoso's agent opens the users pages of five more customers at once.
    const running = () => new Promise<void>(() => undefined);
    for (let i = 1; i <= 5; i += 1) cache.walk(`contoso\ncustomer-${i}`, running);
    // Contoso's own finished list went (above its share); Fabrikam's, within it, stays.
    expect(cache.peek('contoso\ncustomer-0')).toBeUndefined();
    expect(cache.peek('fabrikam\ncustomer-F')).toBe(fabrikam);
    // Within one holder the bound is least recently used, as before.
    const other = new WalkCache<number>({
      ttlMs: 60_000,
      maxEntries: 1,
      holderOf: (key) => key.split('\n')[0]!,
    });
    const first = other.walk('contoso\na', async () => undefined);
    await first.finished;
    await other.walk('contoso\nb', async () => undefined).finished;
    expect(other.peek('contoso\na')).toBeUndefined();
  });

  it('drops the least recently used finished walks when the item budget is exceeded', async () => {
    const cache = new WalkCache<number>({ ttlMs: 60_000, maxEntries: 10, maxItems: 5 });
    const a = cache.walk('a', async (w) => void w.items.push(1, 2, 3));
    await a.finished;
    const b = cache.walk('b', async (w) => void w.items.push(1, 2, 3));
    await b.finished;
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('b')).toBe(b);
  });

  it("shares the item budget between holders: one partner's walks never make another's fail", () => {
    const cache = new WalkCache<number>({
      ttlMs: 60_000,
      maxEntries: 10,
      maxItems: 10,
      holderOf: (key) => key.split('\n')[0]!,
    });
    const running = () => new Promise<void>(() => undefined);
    const items = (n: number) => Array.from({ length: n }, (_, i) => i);
    const contosoBig = cache.walk('contoso\ncustomer-A', running);
    const contosoSmall = cache.walk('contoso\ncustomer-B', running);
    cache.keep(contosoBig, items(5));
    cache.keep(contosoSmall, items(4));
    // Fabrikam (3 of an even share of 5) needs room that only Contoso's walks hold: Contoso's
    // largest walk stops, its items freed, and fails at its next page.
    const fabrikam = cache.walk('fabrikam\ncustomer-C', running);
    cache.keep(fabrikam, items(3));
    expect(fabrikam.items).toHaveLength(3);
    expect(contosoBig.items).toHaveLength(0);
    expect(() => cache.keep(contosoBig, items(1))).toThrow(WalkBudgetError);
    expect(contosoSmall.items).toHaveLength(4);
    // A holder above its share gets no room from others: its own walk fails, theirs go on.
    expect(() => cache.keep(contosoSmall, items(4))).toThrow(WalkBudgetError);
    expect(contosoSmall.items).toHaveLength(0);
    expect(fabrikam.items).toHaveLength(3);
    cache.keep(fabrikam, items(2));
    expect(fabrikam.items).toHaveLength(5);
  });

  it("frees the item budget from the lists of the partner above its share, not another partner's", async () => {
    const holderOf = (key: string) => key.split('\n')[0]!;
    const cache = new WalkCache<number>({ ttlMs: 60_000, maxEntries: 10, maxItems: 10, holderOf });
    const items = (n: number) => Array.from({ length: n }, (_, i) => i);
    const listed = (n: number) => async (w: { items: number[] }) => void w.items.push(...items(n));
    // Fabrikam's list is the least recently used one, within Fabrikam's share (5 of 10).
    const fabrikam = cache.walk('fabrikam\ncustomer-F', listed(3));
    await fabrikam.finished;
    await cache.walk('contoso\ncustomer-0', listed(2)).finished;
    // Contoso's agent reads a very large customer: its next page needs 1 more item than is free.
    const contosoBig = cache.walk('contoso\ncustomer-A', () => new Promise<void>(() => undefined));
    cache.keep(contosoBig, items(4));
    cache.keep(contosoBig, items(2));
    expect(contosoBig.items).toHaveLength(6);
    expect(cache.peek('contoso\ncustomer-0')).toBeUndefined();
    expect(cache.peek('fabrikam\ncustomer-F')).toBe(fabrikam);
    // The same when a walk that fills its items itself takes the budget past the bound.
    const other = new WalkCache<number>({ ttlMs: 60_000, maxEntries: 10, maxItems: 10, holderOf });
    const fabrikamList = other.walk('fabrikam\ncustomer-F', listed(3));
    await fabrikamList.finished;
    await other.walk('contoso\ncustomer-0', listed(2)).finished;
    const contosoList = other.walk('contoso\ncustomer-A', listed(6));
    await contosoList.finished;
    expect(other.peek('contoso\ncustomer-0')).toBeUndefined();
    expect(other.peek('fabrikam\ncustomer-F')).toBe(fabrikamList);
    expect(other.peek('contoso\ncustomer-A')).toBe(contosoList);
  });

  it('still bounds memory when only lists within their share are left to drop', async () => {
    const cache = new WalkCache<number>({
      ttlMs: 60_000,
      maxEntries: 10,
      maxItems: 10,
      holderOf: (key) => key.split('\n')[0]!,
    });
    const items = (n: number) => Array.from({ length: n }, (_, i) => i);
    const listed = (n: number) => async (w: { items: number[] }) => void w.items.push(...items(n));
    await cache.walk('fabrikam\ncustomer-F', listed(3)).finished;
    const northwind = cache.walk('northwind\ncustomer-N', listed(2));
    await northwind.finished;
    await cache.walk('contoso\ncustomer-0', listed(1)).finished;
    // Contoso (above its share of 10 / 3) needs 4 items: its own list gives 1, and as memory is
    // a hard bound the least recently used list within its share gives the rest.
    const contosoBig = cache.walk('contoso\ncustomer-A', () => new Promise<void>(() => undefined));
    cache.keep(contosoBig, items(4));
    cache.keep(contosoBig, items(4));
    expect(contosoBig.items).toHaveLength(8);
    expect(cache.peek('contoso\ncustomer-0')).toBeUndefined();
    expect(cache.peek('fabrikam\ncustomer-F')).toBeUndefined();
    expect(cache.peek('northwind\ncustomer-N')).toBe(northwind);
  });

  it('reports a walk still running as not finished in time', async () => {
    const cache = new WalkCache<number>({ ttlMs: 60_000, maxEntries: 2 });
    let release: () => void = () => undefined;
    const walk = cache.walk('slow', () => new Promise<void>((resolve) => (release = resolve)));
    expect(await waitForWalk(walk, 1)).toBe(false);
    release();
    expect(await waitForWalk(walk, 1_000)).toBe(true);
  });
});
