import { z } from 'zod';
import type { Page } from './dto';
import { PartnerCenterError } from './errors';
import type { WireLink } from './wire';

/**
 * Seek paging. Partner Center's `links.next` block says how to get the next page: a uri
 * (with `seekOperation=Next`) and headers (`MS-ContinuationToken`). The portal keeps paging
 * state in page URLs, so that block travels as one opaque string, the continuation token,
 * and is replayed exactly. Because the string may come back from a browser, decoding only
 * accepts the same origin and collection path as the call it was issued for: a tampered
 * token can never send the bearer token elsewhere.
 */

const CONTINUATION_HEADER = 'MS-ContinuationToken';

/**
 * Where a continuation token comes from. `browser`: a page URL sent back, bounded like any
 * input from outside. `walk`: the next link Partner Center sent a server-side walk (count,
 * users list, export) a moment ago, which the walk follows without it ever leaving the
 * server. Microsoft documents no length for `MS-ContinuationToken` (its examples have 44
 * characters; other Microsoft services' opaque continuation tokens have been reported at over
 * 10,000, e.g. Azure/azure-sdk-for-go#24324), so a walk is not held to the browser's bound: a
 * long token would otherwise fail the walk as "not valid" on every try.
 */
export type ContinuationSource = 'browser' | 'walk';

const continuationSchemas = {
  browser: z.object({ u: z.string().min(1).max(4096), t: z.string().max(8192).nullable() }),
  walk: z.object({ u: z.string().min(1), t: z.string().nullable() }),
} satisfies Record<ContinuationSource, z.ZodType<{ u: string; t: string | null }>>;

/** URL of an API path (`/v1/...`) under the configured base URL (which may carry a path prefix). */
export function apiUrl(
  baseUrl: string,
  path: string,
  query?: Record<string, string | undefined>,
): URL {
  const base = new URL(baseUrl);
  const url = new URL(base.pathname.replace(/\/+$/, '') + path, base.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url;
}

/**
 * A link's uri as an absolute URL. Relative uris are resolved against the base URL; Partner
 * Center has been seen to omit the `/v1` prefix in links, so it is added when missing.
 */
export function resolveLinkUri(baseUrl: string, uri: string): URL {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return new URL(uri);
  const relative = uri.startsWith('/') ? uri : `/${uri}`;
  const versioned = /^\/v1(\/|\?|$)/i.test(relative) ? relative : `/v1${relative}`;
  const base = new URL(baseUrl);
  return new URL(base.pathname.replace(/\/+$/, '') + versioned, base.origin);
}

/** The `next` link as a continuation token, or `null` on the last page. */
export function encodeContinuation(next: WireLink | null | undefined): string | null {
  if (!next) return null;
  const header = next.headers?.find(
    (h) => h.key.toLowerCase() === CONTINUATION_HEADER.toLowerCase(),
  );
  const payload = { u: next.uri, t: header?.value ?? null };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * The request a continuation token stands for. Throws `bad_request` (before any call) when
 * the token is unreadable (or, from a browser, too long) or points outside `expectedPath` on
 * the configured origin.
 */
export function decodeContinuation(
  token: string,
  baseUrl: string,
  expectedPath: string,
  correlationId: string,
  source: ContinuationSource = 'browser',
): { url: URL; headers: Record<string, string> } {
  const invalid = (detail: string) =>
    new PartnerCenterError({
      code: 'bad_request',
      status: 400,
      description: `The paging link is not valid (${detail}); start again from the first page`,
      requestId: null,
      correlationId,
    });
  let payload: { u: string; t: string | null };
  try {
    payload = continuationSchemas[source].parse(
      JSON.parse(Buffer.from(token, 'base64url').toString('utf8')),
    );
  } catch {
    throw invalid('unreadable');
  }
  let url: URL;
  try {
    url = resolveLinkUri(baseUrl, payload.u);
  } catch {
    throw invalid('bad uri');
  }
  const expected = apiUrl(baseUrl, expectedPath);
  if (
    url.origin !== expected.origin ||
    url.pathname.toLowerCase() !== expected.pathname.toLowerCase()
  ) {
    throw invalid('wrong collection');
  }
  return { url, headers: payload.t === null ? {} : { [CONTINUATION_HEADER]: payload.t } };
}

const repeatedPageLinkDescription =
  'Partner Center sent the same page link twice; the list stopped to avoid an endless loop';

/**
 * A collection's seek pages from the first, one page per iteration, fetched only when the
 * consumer asks for the next. Microsoft documents `links.next` until the last page, never a
 * next link that leads back; following one would fetch the same pages for ever (one call each,
 * the same items again). So a walk remembers every token it followed, and a page whose next
 * token is one of them ends the walk with `malformed_response`, before that page's items are
 * yielded. Bounds (how many pages a consumer reads) stay with the consumer.
 */
export async function* seekPages<D>(
  loadPage: (continuationToken: string | null) => Promise<Page<D>>,
  correlationId: string,
): AsyncGenerator<Page<D>, void, undefined> {
  const followed = new Set<string>();
  let token: string | null = null;
  do {
    const page: Page<D> = await loadPage(token);
    if (token !== null) followed.add(token);
    if (page.continuationToken !== null && followed.has(page.continuationToken)) {
      // Status 0: refused before the call the repeated link would make (the page itself was fine).
      throw new PartnerCenterError({
        code: 'malformed_response',
        pagingStop: 'repeated_link',
        status: 0,
        description: repeatedPageLinkDescription,
        requestId: null,
        correlationId,
      });
    }
    yield page;
    token = page.continuationToken;
  } while (token);
}
