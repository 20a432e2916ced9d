import { recordRateLimitRefusal } from '@/lib/telemetry/metrics';
import { clientAddress } from './client-address';
import { TokenBucketLimiter, type RateDecision } from './rate-limit';

/** The routes a client may not hammer: starting a sign-in and the two callbacks from Entra. */
export type LimitedRoute = 'sign-in' | 'consent-callback';

export interface RateLimitSettings {
  trustedProxyCount: number;
  signInPerMinute: number;
  consentCallbackPerMinute: number;
}

/**
 * The path as the router will serve it: percent-decoded, repeated slashes collapsed, no
 * trailing slash. Next serves `/api/auth/%63allback/azure-ad` as the callback, so limits must
 * match what is served, not the raw spelling.
 */
export function normalisedPath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // proxy.ts refuses undecodable paths before rate limits; keep the raw form otherwise.
  }
  const collapsed = decoded.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : collapsed;
}

/** Which limited route a request is, or null. */
export function limitedRouteOf(method: string, rawPathname: string): LimitedRoute | null {
  const pathname = normalisedPath(rawPathname);
  if (pathname === '/api/consent/callback') return 'consent-callback';
  if (method === 'POST' && pathname.startsWith('/api/auth/signin')) return 'sign-in';
  if (pathname.startsWith('/api/auth/callback/')) return 'sign-in';
  return null;
}

// One set of buckets per process, kept on globalThis: Next may load the proxy bundle more than once.
const holder = globalThis as typeof globalThis & { __partnerPortalRateLimits?: { key: string; limiters: Record<LimitedRoute, TokenBucketLimiter> } };

function limiters(settings: RateLimitSettings): Record<LimitedRoute, TokenBucketLimiter> {
  const key = `${settings.signInPerMinute}/${settings.consentCallbackPerMinute}`;
  if (holder.__partnerPortalRateLimits?.key !== key) {
    holder.__partnerPortalRateLimits = {
      key,
      limiters: {
        'sign-in': new TokenBucketLimiter({ capacity: settings.signInPerMinute, windowSeconds: 60 }),
        'consent-callback': new TokenBucketLimiter({ capacity: settings.consentCallbackPerMinute, windowSeconds: 60 }),
      },
    };
  }
  return holder.__partnerPortalRateLimits.limiters;
}

/** Takes a token for this request's route and client address; null when the route is not limited. */
export function checkRateLimit(request: Request, settings: RateLimitSettings, nowMs = Date.now()): RateDecision | null {
  const route = limitedRouteOf(request.method, new URL(request.url).pathname);
  if (!route) return null;
  const decision = limiters(settings)[route].take(clientAddress(request.headers, settings.trustedProxyCount), nowMs);
  if (!decision.allowed) recordRateLimitRefusal(route);
  return decision;
}
