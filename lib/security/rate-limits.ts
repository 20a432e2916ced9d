import { recordRateLimitRefusal } from '@/lib/telemetry/metrics';
import { clientAddress } from './client-address';
import { limitedRouteOf, type LimitedRoute } from './limited-routes';
import { RouteLimiter, type RateDecision, type SharedRateStore } from './rate-limit';
import { rateLimitKey } from './rate-limit-key';

export interface RateLimitSettings {
  trustedProxyCount: number;
  signInPerMinute: number;
  consentCallbackPerMinute: number;
}

// One set of limiters per process, kept on globalThis: Next may load the proxy bundle more than once.
const holder = globalThis as typeof globalThis & {
  __partnerPortalRateLimits?: { key: string; limiters: Record<LimitedRoute, RouteLimiter> };
};

function limiters(
  settings: RateLimitSettings,
  shared: SharedRateStore | undefined,
): Record<LimitedRoute, RouteLimiter> {
  const key = `${settings.signInPerMinute}/${settings.consentCallbackPerMinute}/${shared ? 'shared' : 'local'}`;
  if (holder.__partnerPortalRateLimits?.key !== key) {
    holder.__partnerPortalRateLimits = {
      key,
      limiters: {
        'sign-in': new RouteLimiter({
          name: 'sign-in',
          points: settings.signInPerMinute,
          durationSeconds: 60,
          shared,
        }),
        'consent-callback': new RouteLimiter({
          name: 'consent-callback',
          points: settings.consentCallbackPerMinute,
          durationSeconds: 60,
          shared,
        }),
      },
    };
  }
  return holder.__partnerPortalRateLimits.limiters;
}

/**
 * Takes a point for this request's route and client (its IPv4 address or IPv6 /64, see
 * rateLimitKey); null when the route is not limited.
 */
export async function checkRateLimit(
  request: Request,
  settings: RateLimitSettings,
  shared?: SharedRateStore,
): Promise<RateDecision | null> {
  const route = limitedRouteOf(request.method, new URL(request.url).pathname);
  if (!route) return null;
  const decision = await limiters(settings, shared)[route].take(
    rateLimitKey(clientAddress(request.headers, settings.trustedProxyCount)),
  );
  if (!decision.allowed) recordRateLimitRefusal(route);
  return decision;
}

/** Forget every count in this process (tests). */
export function resetRateLimits(): void {
  holder.__partnerPortalRateLimits = undefined;
}
