import 'server-only';
import { isGuid } from '@/lib/validation/guid';
import type { PartnerCenterClient } from './client';
import { ResponseCache } from './response-cache';

/** Bounds of the process-wide cache: 5,000 answers and 16 MiB of their JSON (objects in memory take a few times that). */
const MAX_ENTRIES = 5_000;
const MAX_BYTES = 16 * 1024 * 1024;

// One cache per process (on globalThis: Next may load this module more than once).
const holder = globalThis as typeof globalThis & {
  __partnerPortalResponseCache?: { ttlSeconds: number; cache: ResponseCache };
};

/**
 * The process's response cache for `ttlSeconds` (config `partnerCenter.cacheSeconds`);
 * answers age on `now` (the local profile's cloud clock; default the host's).
 */
export function sharedResponseCache(ttlSeconds: number, now?: () => number): ResponseCache {
  if (holder.__partnerPortalResponseCache?.ttlSeconds !== ttlSeconds) {
    const ttlMs = ttlSeconds * 1000;
    holder.__partnerPortalResponseCache = {
      ttlSeconds,
      cache: new ResponseCache({
        ttlMs,
        staleMs: ttlMs,
        maxEntries: MAX_ENTRIES,
        maxBytes: MAX_BYTES,
        now,
      }),
    };
  }
  return holder.__partnerPortalResponseCache.cache;
}

/**
 * What a page shows from the cache, for its Refresh: the customers list (every page and search
 * of it, read together), or one customer's details and, on a user's page, that user's.
 */
export type CachedPageAnswers = { customersList: true } | { customerId: string; userId?: string };

// The answers' keys, one place for the client that caches them and the Refresh that drops them.
const customersListPrefix = 'customers?';
const customerKey = (customerId: string) => `customer/${customerId.toLowerCase()}`;
const customerUserKey = (customerId: string, userId: string) =>
  `${customerKey(customerId)}/users/${userId.toLowerCase()}`;

/**
 * Drops cached answers of a partner tenant: every one (after consent or disconnect), or those
 * of the page being refreshed, so a Refresh leaves colleagues' other pages served from cache.
 */
export function forgetPartnerCenterAnswers(tenantId: string, page?: CachedPageAnswers): void {
  const cache = holder.__partnerPortalResponseCache?.cache;
  if (!page) return cache?.forgetTenant(tenantId);
  if ('customersList' in page)
    return cache?.forgetTenant(tenantId, (key) => key.startsWith(customersListPrefix));
  const keys = new Set([customerKey(page.customerId)]);
  if (page.userId) keys.add(customerUserKey(page.customerId, page.userId));
  cache?.forgetTenant(tenantId, (key) => keys.has(key));
}

export interface CachingOptions {
  cache: ResponseCache;
  /** The partner tenant whose token `client` uses: the cache's isolation key. */
  tenantId: string;
  /** Told when each answer served was fetched, so a page can say "Data as of". */
  onServed?: (fetchedAt: number) => void;
  /**
   * Throws when the tenant can no longer get a token (disconnected, needs re-consent). Run
   * before every answer, cached or not, so a page never shows a lost connection's data as
   * current; with a cached access token it costs no call.
   */
  assertConnected?: () => Promise<unknown>;
  /** Brings the cache's clock up to date before a lookup (the local profile's emulator clock). */
  syncClock?: () => Promise<void>;
}

/**
 * `client` with the customers list and the customer and user details served through the
 * cache. Users pages are not: the portal's user directory (lib/customers/user-directory.ts)
 * already keeps each customer's walked list per tenant, with its own Refresh; exports, the
 * customer count's walk (`customerPages`: its pages would push every other partner's answers
 * out of the shared cache) and the health probe always go to Partner Center.
 * A caller's abort signal is not passed to a shared load: one closed tab must not fail others.
 */
export function cachingClient(
  client: PartnerCenterClient,
  options: CachingOptions,
): PartnerCenterClient {
  const { cache, tenantId } = options;
  async function cachedAnswer<V>(key: string, load: () => Promise<V>) {
    await options.syncClock?.();
    await options.assertConnected?.();
    const answer = await cache.get(tenantId, key, load);
    options.onServed?.(answer.fetchedAt);
    return answer;
  }
  const cached = async <V>(key: string, load: () => Promise<V>) =>
    (await cachedAnswer(key, load)).value;
  return {
    ...client,
    // The page's `fetchedAt` ("Data as of") is the cache's, on the clock answers age on (the
    // emulator's in the local profile), as every other page's time is (`onServed`); the
    // client stamps it on the host's clock.
    listCustomers: async ({ signal: _signal, ...opts } = {}) => {
      const answer = await cachedAnswer(
        `${customersListPrefix}${JSON.stringify([opts.size, opts.search, opts.continuationToken])}`,
        () => client.listCustomers(opts),
      );
      return { ...answer.value, fetchedAt: new Date(answer.fetchedAt).toISOString() };
    },
    // Only ids that are GUIDs have keys: an id from a URL such as `<customer>/users/<user>`
    // would otherwise name another cached answer. The client refuses the others (404).
    getCustomer: (customerId) =>
      isGuid(customerId)
        ? cached(customerKey(customerId), () => client.getCustomer(customerId))
        : client.getCustomer(customerId),
    getCustomerUser: (customerId, userId) =>
      isGuid(customerId) && isGuid(userId)
        ? cached(customerUserKey(customerId, userId), () =>
            client.getCustomerUser(customerId, userId),
          )
        : client.getCustomerUser(customerId, userId),
  };
}
