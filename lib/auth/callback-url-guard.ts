/**
 * next-auth v4 refuses a `callbackUrl` query parameter or `callback-url` cookie that is not an
 * http(s) URL with a 500 "server configuration" answer, for every action including the
 * session lookup; a planted cookie would lock a browser out until it is cleared. The proxy
 * answers the parameter with a 400 and drops the cookie before next-auth sees either.
 */
export const callbackUrlCookieNames = [
  'next-auth.callback-url',
  '__Secure-next-auth.callback-url',
] as const;

/** The same test next-auth applies (an absolute http(s) URL, or a path on the portal). */
export function isUsableCallbackUrl(value: string, publicUrl: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? publicUrl : undefined).protocol);
  } catch {
    return false;
  }
}
