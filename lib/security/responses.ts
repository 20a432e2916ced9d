import { PortalFailure } from '@/lib/failure/failure';
import { failureResponse } from '@/lib/failure/render';

/**
 * Refusals the proxy and route handlers send: the failure model's JSON (`failureResponse`) for
 * API callers, a small static HTML page (no script, no inline style, so the CSP allows it) for
 * browsers. The text never echoes what the client sent.
 */
export interface Refusal {
  status: number;
  error: string;
  title: string;
  message: string;
  headers?: Record<string, string>;
}

/** True when the caller is a browser navigation rather than a script or an API client. */
function wantsHtml(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  const path = new URL(request.url).pathname;
  return !path.startsWith('/api/') && accept.includes('text/html');
}

/** The refusal as a Response (HTML for browser navigations, JSON otherwise). */
export function refusalResponse(request: Request, refusal: Refusal): Response {
  const headers = new Headers({ 'cache-control': 'no-store', ...refusal.headers });
  if (wantsHtml(request) || request.headers.get('sec-fetch-dest') === 'document') {
    headers.set('content-type', 'text/html; charset=utf-8');
    return new Response(refusalPage(refusal), { status: refusal.status, headers });
  }
  const refused = new PortalFailure({
    code: refusal.error,
    problem: refusal.message,
    // Only a rate limit passes with time; every other refusal needs a different request.
    action: refusal.status === 429 ? 'retry' : 'none',
    transient: refusal.status === 429,
    status: refusal.status,
  });
  return failureResponse(refused, Object.fromEntries(headers));
}

function refusalPage({ status, title, message }: Refusal): string {
  const text = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${text(title)} · Partner Portal</title></head>` +
    `<body><main><p>Error ${status}</p><h1>${text(title)}</h1><p>${text(message)}</p><p><a href="/">Go to the start page</a></p></main></body></html>`
  );
}

export const tooManyRequests = (retryAfterSeconds: number): Refusal => ({
  status: 429,
  error: 'rate_limited',
  title: 'Too many attempts',
  message: `Too many attempts from your network. Wait ${retryAfterSeconds} seconds, then try again.`,
  headers: { 'retry-after': String(retryAfterSeconds) },
});

export const payloadTooLarge = (limitBytes: number): Refusal => ({
  status: 413,
  error: 'payload_too_large',
  title: 'Request too large',
  message: `The request body is larger than the portal accepts (${limitBytes} bytes).`,
});

export const uriTooLong = (limitChars: number): Refusal => ({
  status: 414,
  error: 'uri_too_long',
  title: 'Address too long',
  message: `The address or its query is longer than the portal accepts (${limitChars} characters).`,
});

export const methodNotAllowed = (allowed: readonly string[]): Refusal => ({
  status: 405,
  error: 'method_not_allowed',
  title: 'Method not allowed',
  message: `This address answers ${allowed.filter((m) => m !== 'HEAD' && m !== 'OPTIONS').join(' and ')} only.`,
  headers: { allow: allowed.join(', ') },
});

export const malformedAddress = (): Refusal => ({
  status: 400,
  error: 'bad_request',
  title: 'Invalid address',
  message: 'The address contains invalid percent-encoding (e.g. "%ff" or "%u002e").',
});

export const unusableCallbackUrl = (): Refusal => ({
  status: 400,
  error: 'bad_request',
  title: 'Invalid return address',
  message:
    "The callbackUrl parameter is not an http(s) address; sign in from the portal's own pages.",
});
