/** Hardening shared by proxy.ts and the route handlers (see README, "Security"). */
export { contentSecurityPolicy, newNonce, baseSecurityHeaders, type CspOptions } from './csp';
export { clientAddress } from './client-address';
export {
  RouteLimiter,
  type RateDecision,
  type RouteLimiterOptions,
  type SharedRateStore,
} from './rate-limit';
export {
  checkRateLimit,
  resetRateLimits,
  limitedRouteOf,
  normalisedPath,
  type LimitedRoute,
  type RateLimitSettings,
} from './rate-limits';
export { requestLimits, readBoundedText, PayloadTooLargeError } from './limits';
export {
  refusalResponse,
  tooManyRequests,
  payloadTooLarge,
  uriTooLong,
  methodNotAllowed,
  malformedAddress,
  unusableCallbackUrl,
  type Refusal,
} from './responses';
export { allowedMethods } from './methods';
export { isSameOrigin } from './origin';
