/**
 * The Content-Security-Policy and the other response headers every page and route carries.
 * Pure functions (no `server-only`): proxy.ts and the tests use them.
 */

/** sha256 of `display:none`, the one inline style React's streaming HTML writes. */
export const reactHiddenSegmentStyleHash = "'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='";

export interface CspOptions {
  /** Per-request nonce; Next reads it from the request's CSP header and puts it on its scripts. */
  nonce: string;
  /** Origins a form may post to or navigate to (besides 'self'): Entra's authority for the consent start. */
  formActionOrigins: readonly string[];
  /** `next dev` needs eval for React's debugging; never in production. */
  development?: boolean;
}

/**
 * A strict CSP: scripts only with this request's nonce ('strict-dynamic' lets Next's own
 * chunks load), styles only from the portal (Tailwind compiles to a file), no plugins,
 * no framing, no `<base>` rewriting, forms only to the portal and Entra.
 */
export function contentSecurityPolicy({
  nonce,
  formActionOrigins,
  development = false,
}: CspOptions): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    'style-src': ["'self'", `'nonce-${nonce}'`],
    // React's streaming renderer parks segments that belong inside an SVG in
    // `<svg aria-hidden="true" style="display:none">`; exactly that attribute value is allowed.
    'style-src-attr': ["'unsafe-hashes'", reactHiddenSegmentStyleHash],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'", ...formActionOrigins],
    'manifest-src': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** 128 random bits, base64: unguessable and fresh for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Headers besides the CSP. HSTS only when the portal is served over https (it would pin http hosts otherwise). */
export function baseSecurityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // A signed-in tool for partner staff: nothing of it belongs in a search index.
    'X-Robots-Tag': 'noindex, nofollow',
    ...(https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}
