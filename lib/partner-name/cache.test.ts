import { describe, expect, it, vi } from 'vitest';
import { createPartnerNameCache, partnerLabel } from './cache';

const tenant = '8f0c6a52-1111-4222-8333-444455556666';

function setup(
  lookup: (id: string) => Promise<string | null>,
  whenLookupFails?: (id: string) => Promise<string | null>,
) {
  let now = 1_000;
  const spy = vi.fn(lookup);
  const cache = createPartnerNameCache({
    lookup: spy,
    whenLookupFails,
    now: () => now,
    ttlMs: 600_000,
    failureTtlMs: 30_000,
  });
  return { cache, spy, advance: (ms: number) => (now += ms) };
}

describe('partner name cache', () => {
  it('asks once per ttl and shares one look-up between concurrent callers', async () => {
    const { cache, spy, advance } = setup(async () => 'Contoso Partner');
    expect(await Promise.all([cache.get(tenant), cache.get(tenant.toUpperCase())])).toEqual([
      'Contoso Partner',
      'Contoso Partner',
    ]);
    expect(spy).toHaveBeenCalledTimes(1);
    advance(599_999);
    await cache.get(tenant);
    expect(spy).toHaveBeenCalledTimes(1);
    advance(1);
    await cache.get(tenant);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('remembers a failure only briefly and never throws', async () => {
    const { cache, spy, advance } = setup(async () => {
      throw new Error('Partner Center is down');
    });
    expect(await cache.get(tenant)).toBeNull();
    advance(29_999);
    await cache.get(tenant);
    expect(spy).toHaveBeenCalledTimes(1);
    advance(1);
    await cache.get(tenant);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('keeps the name it knew through a failed look-up, and asks again soon', async () => {
    const answers: (() => Promise<string | null>)[] = [
      async () => 'Contoso Partner',
      async () => {
        throw new Error('Partner Center is down');
      },
      async () => null,
    ];
    const { cache, spy, advance } = setup(() => answers.shift()!());
    expect(await cache.get(tenant)).toBe('Contoso Partner');
    advance(600_000);
    expect(await cache.get(tenant)).toBe('Contoso Partner');
    expect(cache.peek(tenant)).toBe('Contoso Partner');
    advance(30_000);
    // An answer without a name (no longer connected) is one.
    expect(await cache.get(tenant)).toBeNull();
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('takes the fallback only for a failed look-up with no name known here', async () => {
    const fallback = vi.fn(async () => '  Contoso   Ltd ');
    const failing = setup(async () => {
      throw new Error('Partner Center is down');
    }, fallback);
    expect(await failing.cache.get(tenant)).toBe('Contoso Ltd');
    // Asked again, and the fallback with it, only once the failure's time is up.
    failing.advance(29_999);
    await failing.cache.get(tenant);
    expect(fallback).toHaveBeenCalledTimes(1);
    // "No name" from Partner Center (not connected) is an answer, not a failure.
    fallback.mockClear();
    expect(await setup(async () => null, fallback).cache.get(tenant)).toBeNull();
    expect(fallback).not.toHaveBeenCalled();
    // A fallback that fails too leaves none, and the page does not fail.
    const both = setup(
      async () => {
        throw new Error('Partner Center is down');
      },
      async () => {
        throw new Error('the database is down');
      },
    );
    expect(await both.cache.get(tenant)).toBeNull();
  });

  it('treats a blank name as none and tidies whitespace', async () => {
    const names = ['  ', '  Fabrikam \n Partners  '];
    const { cache, advance } = setup(async () => names.shift() ?? null);
    expect(await cache.get(tenant)).toBeNull();
    advance(30_000);
    expect(await cache.get(tenant)).toBe('Fabrikam Partners');
  });

  it('peek answers the last name, however old, and never asks', async () => {
    const { cache, spy, advance } = setup(async () => 'Contoso Partner');
    expect(cache.peek(tenant)).toBeNull();
    await cache.get(tenant);
    advance(24 * 3_600_000);
    expect(cache.peek(tenant.toUpperCase())).toBe('Contoso Partner');
    expect(spy).toHaveBeenCalledTimes(1);
    cache.forget(tenant);
    expect(cache.peek(tenant)).toBeNull();
  });

  it("seed takes another instance's name when none is known here; get still asks", async () => {
    const { cache, spy } = setup(async () => 'Contoso Partner Ltd');
    cache.seed(tenant, '  Contoso   Partner ');
    expect(cache.peek(tenant)).toBe('Contoso Partner');
    cache.seed(tenant, 'Someone else');
    expect(cache.peek(tenant)).toBe('Contoso Partner');
    expect(await cache.get(tenant)).toBe('Contoso Partner Ltd');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('forget makes the next call ask again', async () => {
    const names = ['Old Name', 'New Name'];
    const { cache, spy } = setup(async () => names.shift() ?? null);
    expect(await cache.get(tenant)).toBe('Old Name');
    cache.forget(tenant.toUpperCase());
    expect(await cache.get(tenant)).toBe('New Name');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('labels a partner by name, else by its full tenant id', () => {
    expect(partnerLabel(tenant, 'Contoso')).toBe('Contoso');
    expect(partnerLabel(tenant, null)).toBe(`Tenant ${tenant}`);
  });
});
