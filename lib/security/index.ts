/** Hardening shared by proxy.ts and the route handlers (see README, "Security"). */
export { contentSecurityPolicy, newNonce, baseSecurityHeaders, type CspOptions } from './csp';
export { clientAddress } from './client-address';
// The limiters themselves (rate-limit.ts, rate-limits.ts, with the PostgreSQL client they count
// through) are imported from their modules, at the first request they cover (proxy.ts).
export { limitedRouteOf, normalisedPath, type LimitedRoute } from './limited-routes';
export type { RateLimitSettings } from './rate-limits';
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
