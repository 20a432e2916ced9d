import 'server-only';
import { getConfig } from '@/lib/config';
import { RouteLimiter, type RateDecision } from './rate-limit';
import { sharedRateStore } from './shared-rate-store';

/** A bound on what a partner tenant's Admins may start: `points` per `durationSeconds`. */
export interface TenantLimit {
  /** The limiter's name, also its key prefix in `rate_limits`. */
  name: string;
  points: number;
  durationSeconds: number;
}

// Per process, on globalThis (Next may load a module twice): one limiter per name, made again
// when `DATABASE_URL` appears or goes (tests switch it).
const holder = globalThis as typeof globalThis & {
  __partnerPortalTenantLimits?: Map<string, { shared: boolean; limiter: RouteLimiter }>;
};

/**
 * Takes one point of `limit` for `tenantId`, whichever of its Admins (or a script holding one's
 * cookie) asks. With `DATABASE_URL` the count is in the shared `rate_limits` table, so presses a
 * load balancer spreads over instances are not multiplied; without it, or while PostgreSQL does
 * not answer, each instance counts alone.
 */
export function takeTenantLimit(limit: TenantLimit, tenantId: string): Promise<RateDecision> {
  const shared = sharedRateStore(getConfig().database.url);
  const limiters = (holder.__partnerPortalTenantLimits ??= new Map());
  let held = limiters.get(limit.name);
  if (held?.shared !== Boolean(shared)) {
    held = { shared: Boolean(shared), limiter: new RouteLimiter({ ...limit, shared }) };
    limiters.set(limit.name, held);
  }
  return held.limiter.take(tenantId.toLowerCase());
}

/** Forget every count in this process (tests). */
export function resetTenantLimits(): void {
  holder.__partnerPortalTenantLimits = undefined;
}
