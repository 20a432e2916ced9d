import 'server-only';
import type { PartnerCenterClient } from '@/lib/partner-center';
import { ago } from './ago';
import { cacheNow, syncCacheClock } from './cache-clock';
import { WalkCache, waitForWalk, type Walk } from './walk-cache';

/** 200 pages of 500: beyond 100,000 customers the count says "more than". */
export const customerCountPageBound = 200;
const pageSize = 500;

const counts = new WalkCache<never>({ ttlMs: 15 * 60_000, maxEntries: 500, now: cacheNow });

/**
 * The partner tenant's customer count, counted honestly by walking every seek page in the
 * background (bounded), cached per partner tenant with its time, one walk at a time.
 * Returns at once: the walk may still be running (`done` false, `count` so far).
 * The pages come from `customerPages`, which bypasses the response cache: 200 pages of 500
 * would otherwise push every other partner tenant's cached answers out of the shared cache.
 */
export function customerCount(tenantId: string, client: PartnerCenterClient): Walk<never> {
  return counts.walk(tenantId, async (walk) => {
    for await (const page of client.customerPages({ size: pageSize })) {
      walk.count += page.items.length;
      walk.pages += 1;
      walk.truncated = page.continuationToken !== null;
      if (walk.pages >= customerCountPageBound) break;
    }
  });
}

/** What the customers page shows: the count so far or done, and "counted 2 min ago". */
export interface CustomerCountView {
  count: number;
  done: boolean;
  truncated: boolean;
  countedAgo: string | null;
}

/**
 * `customerCount` as the page shows it. Waits briefly (a small partner is counted in one
 * call), never longer: a running walk says "so far"; a failed one shows nothing.
 */
export async function customerCountView(
  tenantId: string,
  client: PartnerCenterClient,
  waitMs = 800,
): Promise<CustomerCountView | null> {
  await syncCacheClock();
  const walk = customerCount(tenantId, client);
  try {
    await waitForWalk(walk, waitMs);
  } catch {
    return null;
  }
  return {
    count: walk.count,
    done: walk.done,
    truncated: walk.truncated,
    countedAgo: walk.finishedAt === null ? null : ago(walk.finishedAt, cacheNow()),
  };
}
