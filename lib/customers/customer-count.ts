import 'server-only';
import type { PartnerCenterClient } from '@/lib/partner-center';
import { isPartnerCenterError } from '@/lib/partner-center/errors';
import { ago } from '@/lib/format/ago';
import { cacheNow, syncCacheClock } from './cache-clock';
import { WalkCache, waitForWalk, type Walk } from './walk-cache';

/** 200 pages of 500: beyond 100,000 customers the count says "more than". */
export const customerCountPageBound = 200;
const pageSize = 500;
/** Partner tenants whose count, last count and throttling this instance keeps. */
const maxTenants = 500;
const countTtlMs = 15 * 60_000;

const counts = new WalkCache<never>({ ttlMs: countTtlMs, maxEntries: maxTenants, now: cacheNow });

/** A count that finished: shown while the next one runs, or after it failed, with its time. */
interface FinishedCount {
  count: number;
  truncated: boolean;
  countedAt: number;
}
const lastCounts = new Map<string, FinishedCount>();

/**
 * After a count walk Partner Center throttled: no new walk for the tenant before `until`
 * (`failures` in a row so far). Partner Center's "API throttling guidance" names "regularly
 * scanning resource collections" as a cause of throttling and asks clients to "avoid
 * immediate retries, because all requests accrue against your usage limits": every page
 * view would otherwise start the walk again into the same limit, against the quota the
 * partner's colleagues share.
 */
interface ThrottledCount {
  until: number;
  failures: number;
}
const throttledCounts = new Map<string, ThrottledCount>();

/**
 * How long the count waits after its `failures`th throttled walk in a row: at least what
 * Partner Center stated (the walk's own retries already sat out waits of up to 2 minutes),
 * and at least 1, 2, 4, 8, then 15 minutes (the count's own refresh interval). The guidance
 * says to retry a repeated 429 "with Exponential backoff" but names no delay: these steps
 * are the portal's. A stated wait is kept to an hour at most, so one odd header cannot stop
 * the count until the process restarts.
 */
export function throttledCountWaitMs(failures: number, statedSeconds: number | null): number {
  const backoffMs = Math.min(countTtlMs, 60_000 * 2 ** (failures - 1));
  const statedMs = Math.min(60 * 60_000, (statedSeconds ?? 0) * 1000);
  return Math.max(backoffMs, statedMs);
}

/**
 * The partner tenant's customer count, counted honestly by walking every seek page in the
 * background (bounded), cached per partner tenant with its time, one walk at a time.
 * Returns at once: the walk may still be running (`done` false, `count` so far); null while
 * the wait after a throttled walk lasts (no walk is started then).
 * The pages come from `customerPages`, which bypasses the response cache: 200 pages of 500
 * would otherwise push every other partner tenant's cached answers out of the shared cache.
 */
export function customerCount(tenantId: string, client: PartnerCenterClient): Walk<never> | null {
  const known = counts.peek(tenantId);
  if (known) return known;
  const throttled = throttledCounts.get(tenantId);
  if (throttled && cacheNow() < throttled.until) return null;
  return counts.walk(tenantId, async (walk) => {
    try {
      for await (const page of client.customerPages({ size: pageSize })) {
        walk.count += page.items.length;
        walk.pages += 1;
        walk.truncated = page.continuationToken !== null;
        if (walk.pages >= customerCountPageBound) break;
      }
    } catch (error) {
      if (isPartnerCenterError(error) && error.code === 'throttled') {
        const failures = (throttled?.failures ?? 0) + 1;
        const until = cacheNow() + throttledCountWaitMs(failures, error.retryAfter);
        throttledCounts.set(tenantId, { until, failures });
      }
      throw error;
    }
    throttledCounts.delete(tenantId);
    remember(tenantId, { count: walk.count, truncated: walk.truncated, countedAt: cacheNow() });
  });
}

/** Keeps `finished` as the tenant's last count, within `maxTenants` (least recently counted go). */
function remember(tenantId: string, finished: FinishedCount): void {
  lastCounts.delete(tenantId);
  lastCounts.set(tenantId, finished);
  for (const key of lastCounts.keys()) {
    if (lastCounts.size <= maxTenants) break;
    lastCounts.delete(key);
    throttledCounts.delete(key);
  }
}

/** What the customers page shows: the count so far or done, and "counted 2 min ago". */
export interface CustomerCountView {
  count: number;
  done: boolean;
  truncated: boolean;
  countedAgo: string | null;
  /**
   * When the count shown finished, on the caches' clock (ISO); null while the first one runs.
   * The list compares it with its rows' time, to say the count's age only where it differs.
   */
  countedAt: string | null;
  /**
   * Beside an earlier count: a new one is `running`, or Partner Center throttled the last try
   * and the portal is `waiting` before it counts again; null otherwise. (An old count's age
   * alone read as a portal that had stopped counting.)
   */
  recount: 'running' | 'waiting' | null;
}

/**
 * `customerCount` as the page shows it. Waits briefly (a small partner is counted in one
 * call), never longer. A count that finished is what it shows: the one just made, else the
 * last one with its age ("counted 20 min ago") while the next runs, or after it failed or was
 * throttled. Without one: the running walk's count so far, or nothing when it failed.
 */
export async function customerCountView(
  tenantId: string,
  client: PartnerCenterClient,
  waitMs = 800,
): Promise<CustomerCountView | null> {
  await syncCacheClock();
  const walk = customerCount(tenantId, client);
  let counted = false;
  try {
    counted = walk !== null && (await waitForWalk(walk, waitMs));
  } catch {
    // The walk failed: the last count stands, if there is one.
  }
  const now = cacheNow();
  const shown: FinishedCount | undefined =
    counted && walk
      ? { count: walk.count, truncated: walk.truncated, countedAt: walk.finishedAt ?? now }
      : lastCounts.get(tenantId);
  const running = walk !== null && walk.finishedAt === null;
  if (shown)
    return {
      count: shown.count,
      done: true,
      truncated: shown.truncated,
      countedAgo: ago(shown.countedAt, now),
      countedAt: new Date(shown.countedAt).toISOString(),
      recount: counted
        ? null
        : running
          ? 'running'
          : (throttledCounts.get(tenantId)?.until ?? 0) > now
            ? 'waiting'
            : null,
    };
  if (walk && running)
    return {
      count: walk.count,
      done: false,
      truncated: walk.truncated,
      countedAgo: null,
      countedAt: null,
      recount: null,
    };
  return null;
}
