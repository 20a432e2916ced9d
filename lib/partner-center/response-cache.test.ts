import { describe, expect, it, vi } from 'vitest';
import { ResponseCache, type ResponseCacheOptions } from './response-cache';

const contoso = '11111111-1111-1111-1111-111111111111';
const fabrikam = '22222222-2222-2222-2222-222222222222';

function cacheAt(options: Partial<ResponseCacheOptions> = {}) {
  const clock = { now: 1_000_000 };
  const cache = new ResponseCache({
    ttlMs: 60_000,
    staleMs: 60_000,
    maxEntries: 100,
    maxBytes: 1_000_000,
    now: () => clock.now,
    ...options,
  });
  return { cache, clock };
}

describe('ResponseCache', () => {
  it('serves a fresh answer without loading again, with the time it was fetched', async () => {
    const { cache, clock } = cacheAt();
    const load = vi.fn(async () => ['page 1']);
    const first = await cache.get(contoso, 'customers', load);
    clock.now += 30_000;
    const second = await cache.get(contoso, 'customers', load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(second).toEqual({ value: ['page 1'], fetchedAt: first.fetchedAt });
  });

  it('never shares an answer across partner tenants, even for the same request', async () => {
    const { cache } = cacheAt();
    await cache.get(contoso, 'customers', async () => 'contoso customers');
    const other = await cache.get(fabrikam, 'customers', async () => 'fabrikam customers');
    expect(other.value).toBe('fabrikam customers');
    expect(
      (await cache.get(contoso.toUpperCase(), 'customers', async () => 'reloaded')).value,
    ).toBe('contoso customers');
  });

  it('serves a stale answer at once and replaces it in the background (stale-while-revalidate)', async () => {
    const { cache, clock } = cacheAt();
    await cache.get(contoso, 'customers', async () => 'old');
    clock.now += 90_000;
    let release: (value: string) => void = () => undefined;
    const load = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    expect((await cache.get(contoso, 'customers', load)).value).toBe('old');
    expect((await cache.get(contoso, 'customers', load)).value).toBe('old');
    release('new');
    await vi.waitFor(async () =>
      expect((await cache.get(contoso, 'customers', load)).value).toBe('new'),
    );
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again once an answer is older than fresh + stale', async () => {
    const { cache, clock } = cacheAt();
    await cache.get(contoso, 'customers', async () => 'old');
    clock.now += 120_001;
    expect((await cache.get(contoso, 'customers', async () => 'new')).value).toBe('new');
  });

  it('shares one load between concurrent callers and caches no failure', async () => {
    const { cache } = cacheAt();
    const failing = vi.fn(async () => {
      throw new Error('Partner Center is down');
    });
    await expect(
      Promise.all([cache.get(contoso, 'k', failing), cache.get(contoso, 'k', failing)]),
    ).rejects.toThrow('down');
    expect(failing).toHaveBeenCalledTimes(1);
    expect((await cache.get(contoso, 'k', async () => 'ok')).value).toBe('ok');
  });

  it('is bounded by entries: the least recently used goes first', async () => {
    const { cache } = cacheAt({ maxEntries: 2 });
    await cache.get(contoso, 'a', async () => 'a');
    await cache.get(contoso, 'b', async () => 'b');
    await cache.get(contoso, 'a', async () => 'a again');
    await cache.get(contoso, 'c', async () => 'c');
    expect(cache.size.entries).toBe(2);
    expect((await cache.get(contoso, 'a', async () => 'reloaded')).value).toBe('a');
    expect((await cache.get(contoso, 'b', async () => 'reloaded')).value).toBe('reloaded');
  });

  it("shares the bounds between partners: one partner's many searches push out only its own answers", async () => {
    const { cache } = cacheAt({ maxEntries: 4, maxBytes: 1_000 });
    await cache.get(fabrikam, 'customers', async () => 'fabrikam');
    for (const q of ['a', 'b', 'c', 'd', 'e', 'f'])
      await cache.get(contoso, `search ${q}`, async () => `contoso ${q}`);
    expect(cache.size.entries).toBe(4);
    expect((await cache.get(fabrikam, 'customers', async () => 'reloaded')).value).toBe('fabrikam');
    // Contoso's oldest searches went, its newest stayed.
    expect((await cache.get(contoso, 'search a', async () => 'reloaded')).value).toBe('reloaded');
    expect((await cache.get(contoso, 'search f', async () => 'again')).value).toBe('contoso f');
    // By bytes too: Contoso's large answers cannot push out Fabrikam's.
    const bytes = cacheAt({ maxEntries: 100, maxBytes: 100 }).cache;
    await bytes.get(fabrikam, 'customers', async () => 'f'.repeat(30));
    for (const q of ['a', 'b', 'c']) await bytes.get(contoso, q, async () => q.repeat(30));
    expect(bytes.size.bytes).toBeLessThanOrEqual(100);
    expect((await bytes.get(fabrikam, 'customers', async () => 'reloaded')).value).toHaveLength(30);
  });

  it('is bounded by bytes, and never keeps an answer larger than the whole budget', async () => {
    const { cache } = cacheAt({ maxBytes: 100 });
    await cache.get(contoso, 'a', async () => 'x'.repeat(40));
    await cache.get(contoso, 'b', async () => 'y'.repeat(40));
    await cache.get(contoso, 'c', async () => 'z'.repeat(40));
    expect(cache.size.bytes).toBeLessThanOrEqual(100);
    expect(cache.size.entries).toBe(2);
    expect((await cache.get(contoso, 'huge', async () => 'h'.repeat(500))).value).toHaveLength(500);
    expect(cache.size.entries).toBe(2);
  });

  it('forgetTenant drops that tenant only, and a load already running does not store its answer', async () => {
    const { cache } = cacheAt();
    await cache.get(contoso, 'k', async () => 'contoso');
    await cache.get(fabrikam, 'k', async () => 'fabrikam');
    let release: (value: string) => void = () => undefined;
    const running = cache.get(
      contoso,
      'other',
      () => new Promise<string>((resolve) => (release = resolve)),
    );
    cache.forgetTenant(contoso);
    release('before the change');
    await running;
    expect((await cache.get(contoso, 'other', async () => 'after')).value).toBe('after');
    expect((await cache.get(contoso, 'k', async () => 'reloaded')).value).toBe('reloaded');
    expect((await cache.get(fabrikam, 'k', async () => 'reloaded')).value).toBe('fabrikam');
  });

  it('after forgetTenant a caller does not join a load that began before it (Refresh shows now)', async () => {
    const { cache } = cacheAt();
    let release: (value: string) => void = () => undefined;
    const before = cache.get(
      contoso,
      'k',
      () => new Promise<string>((resolve) => (release = resolve)),
    );
    cache.forgetTenant(contoso);
    const after = cache.get(contoso, 'k', async () => 'after the click');
    release('before the click');
    expect((await before).value).toBe('before the click');
    expect((await after).value).toBe('after the click');
  });

  it('forgetTenant with a choice of keys drops those only; only their running loads are disowned', async () => {
    const { cache } = cacheAt();
    await cache.get(contoso, 'list?1', async () => 'list');
    await cache.get(contoso, 'detail', async () => 'detail');
    const releases: Record<string, (value: string) => void> = {};
    const running = (key: string) =>
      cache.get(contoso, key, () => new Promise<string>((resolve) => (releases[key] = resolve)));
    const listLoad = running('list?2');
    const detailLoad = running('other-detail');
    cache.forgetTenant(contoso, (key) => key.startsWith('list?'));
    releases['list?2']!('before the click');
    releases['other-detail']!('kept');
    await Promise.all([listLoad, detailLoad]);
    expect((await cache.get(contoso, 'list?1', async () => 'reloaded')).value).toBe('reloaded');
    expect((await cache.get(contoso, 'list?2', async () => 'reloaded')).value).toBe('reloaded');
    expect((await cache.get(contoso, 'detail', async () => 'reloaded')).value).toBe('detail');
    expect((await cache.get(contoso, 'other-detail', async () => 'reloaded')).value).toBe('kept');
  });

  it('with ttl 0 is off: every call loads and nothing is kept', async () => {
    const { cache } = cacheAt({ ttlMs: 0 });
    const load = vi.fn(async () => 'answer');
    await cache.get(contoso, 'k', load);
    await cache.get(contoso, 'k', load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size.entries).toBe(0);
  });
});
