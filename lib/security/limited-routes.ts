/**
 * Which requests the rate limits cover, decided from the method and path alone: proxy.ts asks
 * this before every request and loads the limiters themselves (rate-limits.ts, with the
 * PostgreSQL client they count through) only for a request they cover.
 */

/** The routes a client may not hammer: starting a sign-in and the two callbacks from Entra. */
export type LimitedRoute = 'sign-in' | 'consent-callback';

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
