import { describe, expect, it } from 'vitest';
import { createNotRevokedCache } from './revocation-cache';
import { createInProcessRevocationFeed, type RevocationFeed } from './revocation-feed';

const t0 = 1_800_000_000_000;
const db = {} as Parameters<RevocationFeed['publish']>[0];

describe('not-revoked cache', () => {
  it('keeps an answer until a sign-out of that session is announced', async () => {
    const feed = createInProcessRevocationFeed();
    const cache = createNotRevokedCache(feed);
    cache.remember('h1', cache.version(), t0);
    cache.remember('h2', cache.version(), t0);
    expect(cache.has('h1', t0 + 1)).toBe(true);
    await feed.publish(db, 'h1');
    expect(cache.has('h1', t0 + 2)).toBe(false);
    expect(cache.has('h2', t0 + 2)).toBe(true);
  });

  it('does not keep an answer read while a sign-out arrived (it may predate it)', async () => {
    const feed = createInProcessRevocationFeed();
    const cache = createNotRevokedCache(feed);
    const since = cache.version(); // the read starts
    await feed.publish(db, 'h1'); // a sign-out is announced before the answer comes back
    cache.remember('h1', since, t0);
    expect(cache.has('h1', t0 + 1)).toBe(false);
  });

  it('forgets everything when the feed says anything may have changed, and keeps nothing while not live', () => {
    const listeners: ((hash: string | null) => void)[] = [];
    const feed = {
      live: true,
      subscribe: (l: (hash: string | null) => void) => void listeners.push(l),
      publish: async () => undefined,
    };
    const cache = createNotRevokedCache(feed);
    cache.remember('h1', cache.version(), t0);
    listeners.forEach((l) => l(null));
    expect(cache.has('h1', t0 + 1)).toBe(false);
    feed.live = false;
    cache.remember('h1', cache.version(), t0);
    feed.live = true;
    expect(cache.has('h1', t0 + 1)).toBe(false);
  });

  it('asks again after five minutes even with the feed live', () => {
    const cache = createNotRevokedCache(createInProcessRevocationFeed());
    cache.remember('h1', cache.version(), t0);
    expect(cache.has('h1', t0 + 299_999)).toBe(true);
    expect(cache.has('h1', t0 + 300_000)).toBe(false);
  });
});
