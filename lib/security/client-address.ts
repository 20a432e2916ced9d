/**
 * The client address a rate limit is keyed by.
 *
 * Next's server fills `X-Forwarded-For` with the socket's address only when the request has
 * none, so the header is all a proxy or route can see. `trustedProxyCount` says how many
 * reverse proxies in front of the portal append to it: the address the outermost trusted
 * proxy saw is that many entries from the right. With 0 (no proxy) the last entry is used,
 * which is the socket address unless the client sent the header itself; deployments should
 * run behind a proxy that appends it and set TRUSTED_PROXY_COUNT (see README, Security).
 */
export function clientAddress(headers: Headers, trustedProxyCount: number): string {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return 'unknown';
  const index = Math.max(entries.length - Math.max(trustedProxyCount, 1), 0);
  // Bounded so a forged header cannot make huge map keys.
  return (entries[index] ?? 'unknown').slice(0, 64).toLowerCase();
}
