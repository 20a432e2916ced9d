import { metrics, trace, type Counter, type Histogram } from '@opentelemetry/api';

/**
 * The portal's metrics. Labels are small fixed sets (outcome, error code, dependency,
 * status class): never a token, an id of a person, or anything unbounded.
 */
interface Instruments {
  redemptions: Counter;
  cacheLookups: Counter;
  dependencyDuration: Histogram;
  partnerCenterThrottles: Counter;
  rateLimitRefusals: Counter;
}

let instruments: Instruments | undefined;

/**
 * Created on first use, after instrumentation.ts registered the SDK: instruments made on the
 * API's no-op meter would stay no-op for good. Off (no SDK), they are cheap no-ops.
 */
function get(): Instruments {
  if (instruments) return instruments;
  const meter = metrics.getMeter('partner-portal');
  instruments = {
    redemptions: meter.createCounter('portal.token.redemptions', {
      description: 'Refresh-token redemptions by outcome and error code',
    }),
    cacheLookups: meter.createCounter('portal.token.cache.lookups', {
      description: 'Access-token cache lookups by result (hit, miss)',
    }),
    dependencyDuration: meter.createHistogram('portal.dependency.duration', {
      unit: 'ms',
      description: 'Latency of calls to Partner Center, Key Vault and Entra ID (all attempts)',
    }),
    partnerCenterThrottles: meter.createCounter('portal.partner_center.throttles', {
      description: 'Partner Center answers with HTTP 429',
    }),
    rateLimitRefusals: meter.createCounter('portal.rate_limit.refusals', {
      description: 'Requests the portal refused with 429 by route',
    }),
  };
  return instruments;
}

export const recordRedemption = (outcome: 'success' | 'failure', code = 'none'): void =>
  get().redemptions.add(1, { outcome, 'error.code': code });
/** Also marks the current span (the token service's) with the result. */
export function recordCacheLookup(result: 'hit' | 'miss'): void {
  get().cacheLookups.add(1, { result });
  trace.getActiveSpan()?.setAttribute('portal.token.cache', result);
}
export const recordRateLimitRefusal = (route: string): void =>
  get().rateLimitRefusals.add(1, { route });
export const recordPartnerCenterThrottle = (): void => get().partnerCenterThrottles.add(1);

export type Dependency = 'partner-center' | 'key-vault' | 'entra';
export function recordDependencyCall(
  dependency: Dependency,
  durationMs: number,
  status: number,
  outcome: 'ok' | 'error',
): void {
  get().dependencyDuration.record(durationMs, {
    dependency,
    'http.response.status_code': status,
    outcome,
  });
}
