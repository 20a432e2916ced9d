/**
 * Whether a state-changing request comes from the portal's own pages. Browsers send
 * `Sec-Fetch-Site`; older ones only `Origin`. A request with neither is not from a browser
 * page at all (curl, a scheduler) and is refused unless `allowTypedUrl` (a typed address or
 * bookmark: a GET that only redirects, or one whose caller checked Sec-Fetch-Site is there).
 */
export function isSameOrigin(
  request: Request,
  publicUrl: string,
  options: { allowTypedUrl?: boolean } = {},
): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin' || (options.allowTypedUrl === true && site === 'none');
  const origin = request.headers.get('origin');
  if (origin === null) return options.allowTypedUrl === true;
  return origin === new URL(publicUrl).origin;
}
