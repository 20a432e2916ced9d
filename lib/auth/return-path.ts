/**
 * Where a person may be sent after signing in: a path on the portal's own origin, nothing
 * else. The candidate is resolved with the URL parser against the public URL (as a browser
 * would resolve it) and refused when it leaves that origin, and refused outright when it
 * holds a control character, a line or paragraph separator or a backslash, raw or
 * percent-encoded: browsers drop tabs and newlines and read `\` as `/`, which turns a
 * harmless-looking path such as `/<TAB>/evil.example` into another site.
 */
const unsafeCharacter = /[\u0000-\u001f\u007f\u2028\u2029\\]/;

export function safeReturnPath(
  // An array: a query parameter given twice (`?callbackUrl=/a&callbackUrl=//evil`), ambiguous.
  candidate: string | readonly string[] | null | undefined,
  publicUrl: string,
  fallback = '/',
): string {
  if (typeof candidate !== 'string' || !candidate || unsafeCharacter.test(candidate))
    return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(candidate);
  } catch {
    return fallback;
  }
  if (unsafeCharacter.test(decoded)) return fallback;
  const base = new URL(publicUrl);
  // Relative candidates must be absolute paths; `//host` and `/%2F/host` are other origins in disguise.
  if (!/^https?:\/\//i.test(candidate) && (!candidate.startsWith('/') || decoded.startsWith('//')))
    return fallback;
  let resolved: URL;
  try {
    resolved = new URL(candidate, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base.origin || resolved.username || resolved.password) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return path.startsWith('//') ? fallback : path;
}
