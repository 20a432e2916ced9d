import { z } from 'zod';
import type { EmulatorRequest } from '../core/http';
import type { ContinuationTokens, SeekCursor } from './continuation';
import { badRequest } from './errors';
import { link } from './wire';

/**
 * Largest page size: the SDKs check `size` against 1..500 (Java `CustomerCollectionOperations`
 * MIN/MAX_PAGE_SIZE). A walk that starts without `size` (the customers page marks it required;
 * the SDK's `get()` omits it) gets pages of 500: UNCONFIRMED. `size=0`, which the SDK sends for
 * a filter-only query, answers 400: what Partner Center does with it is undocumented.
 */
export const maxPageSize = 500;

const filterSchema = z.object({
  Field: z.string().min(1).max(64),
  Value: z.string().max(256),
  Operator: z.string().min(1).max(32),
});

/** A filter Microsoft documents for a collection: the field, its operator, and (optionally) the one value allowed. */
export interface DocumentedFilter {
  field: string;
  operator: string;
  value?: string;
}

/**
 * The `filter` query parameter (URL-decoded JSON), matched case-insensitively against the
 * filters Microsoft documents for this collection; null when absent. Anything else -> 400
 * in Partner Center's error envelope (refuse, never guess, what an undocumented filter does).
 */
export function parseFilter(
  url: URL,
  documented: readonly DocumentedFilter[],
): SeekCursor['filter'] {
  const raw = url.searchParams.get('filter');
  if (raw === null) return null;
  let parsed;
  try {
    parsed = filterSchema.safeParse(JSON.parse(raw));
  } catch {
    throw badRequest('The filter is not valid JSON.');
  }
  if (!parsed.success) throw badRequest('The filter must be {"Field","Value","Operator"}.');
  const { Field, Value, Operator } = parsed.data;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const match = documented.find(
    (f) =>
      same(f.field, Field) &&
      same(f.operator, Operator) &&
      (f.value === undefined || same(f.value, Value)),
  );
  if (!match)
    throw badRequest(
      `Filtering on ${Field.slice(0, 64)} with ${Operator.slice(0, 32)} is not supported.`,
    );
  return { field: match.field, operator: match.operator, value: match.value ?? Value };
}

/** The request's `size`, or null when it sends none. */
function requestedPageSize(url: URL): number | null {
  const raw = url.searchParams.get('size');
  if (raw === null) return null;
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > maxPageSize)
    throw badRequest(`size must be an integer from 1 to ${maxPageSize}.`);
  return size;
}

export interface SeekRequest {
  /** How many items this page holds at most: the walk's page size. */
  size: number;
  cursor: SeekCursor;
}

/**
 * Where this page starts and how long it is. The first page comes from the query
 * (`firstCursor` plus `size`); a `seekOperation=Next` page from the `MS-ContinuationToken`
 * header, which must have been issued for the same collection and caller, and keeps the
 * walk's page size: Microsoft's SDKs send a next page's request with the token and
 * `seekOperation` only (.NET `CustomerCollectionOperations.QueryAsync`, whose unit test checks
 * that `seekOperation` is the one URI parameter; Java `CustomerCollectionOperations.query`).
 * A next page's `size` other than the walk's answers 400: no Microsoft source says a walk can
 * change its page size (the REST reference's next links repeat the walk's own), so neither
 * serving the new size nor silently keeping the old is documented.
 */
export function readSeekRequest(
  req: EmulatorRequest,
  tokens: ContinuationTokens,
  firstCursor: () => Omit<SeekCursor, 'size'>,
): SeekRequest {
  const requested = requestedPageSize(req.url);
  const seek = req.url.searchParams.get('seekOperation');
  if (seek === null) {
    return { size: requested ?? maxPageSize, cursor: { ...firstCursor(), size: requested } };
  }
  if (seek.toLowerCase() !== 'next') throw badRequest('seekOperation must be Next.');
  const header = req.headers['ms-continuationtoken'];
  if (typeof header !== 'string' || header === '')
    throw badRequest('seekOperation=Next needs the MS-ContinuationToken header.');
  const cursor = tokens.decode(header);
  const expected = firstCursor();
  if (
    cursor.kind !== expected.kind ||
    cursor.tenantId !== expected.tenantId ||
    cursor.customerId !== expected.customerId
  ) {
    throw badRequest('The continuation token belongs to another collection.');
  }
  const size = cursor.size ?? maxPageSize;
  if (requested !== null && requested !== size)
    throw badRequest(`size must be ${size}, the page size this walk started with, or absent.`);
  return { size, cursor };
}

/**
 * The query a walk's links repeat: what its first request asked for, `size` (when it sent one)
 * then `filter`, in the order of the REST reference's examples ("View deleted users for a
 * customer": `?size=500&filter=%7B%22Field%22...`; "Get a list of customers filtered by a search
 * field": `?size=0&filter=...`; a request without `size` gets a link without it, "Get a list of
 * all user accounts for a customer"). The filter is written with its documented field and
 * operator names and the value asked for.
 */
function walkQuery(cursor: SeekCursor): string {
  const parts: string[] = [];
  if (cursor.size !== null) parts.push(`size=${cursor.size}`);
  if (cursor.filter) {
    const { field, value, operator } = cursor.filter;
    const json = JSON.stringify({ Field: field, Value: value, Operator: operator });
    parts.push(`filter=${encodeURIComponent(json)}`);
  }
  return parts.join('&');
}

/**
 * The seek collection envelope: totalCount, items, links (self and, when more, next).
 * `totalCount` is the number of items in THIS page (the .NET SDK's ResourceCollection and
 * the docs' examples). `path` is the collection's link path as its reference page prints it
 * (with or without `/v1`). Every page's `self` is the walk's first request, and `next` is
 * `self` plus `seekOperation=Next`, as the invoice line item pages show their seek walks
 * (UNCONFIRMED for customers and users: no page shows their `next` link or a later page).
 */
export function seekCollection(
  path: string,
  request: SeekRequest,
  collectionSize: number,
  items: unknown[],
  tokens: ContinuationTokens,
): Record<string, unknown> {
  const query = walkQuery(request.cursor);
  const self = query === '' ? path : `${path}?${query}`;
  const nextOffset = request.cursor.offset + items.length;
  const next =
    nextOffset < collectionSize
      ? {
          next: link(`${self}${query === '' ? '?' : '&'}seekOperation=Next`, [
            {
              key: 'MS-ContinuationToken',
              value: tokens.encode({ ...request.cursor, offset: nextOffset }),
            },
          ]),
        }
      : {};
  return {
    totalCount: items.length,
    items,
    links: { self: link(self), ...next },
    attributes: { objectType: 'Collection' },
  };
}
