import { z } from 'zod';
import type { EmulatorRequest } from '../core/http';
import type { ContinuationTokens, SeekCursor } from './continuation';
import { badRequest } from './errors';
import { link } from './wire';

/**
 * Largest page size: the SDKs check `size` against 1..500 (Java `CustomerCollectionOperations`
 * MIN/MAX_PAGE_SIZE). Without `size` (the REST page marks it required; the SDK's `get()` omits
 * it) the emulator answers pages of 500: UNCONFIRMED. `size=0`, which the SDK sends for a
 * filter-only query, answers 400: what Partner Center does with it is undocumented.
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
  return { field: match.field, value: match.value ?? Value };
}

function pageSize(url: URL): number {
  const raw = url.searchParams.get('size');
  if (raw === null) return maxPageSize;
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > maxPageSize)
    throw badRequest(`size must be an integer from 1 to ${maxPageSize}.`);
  return size;
}

export interface SeekRequest {
  size: number;
  cursor: SeekCursor;
}

/**
 * Where this page starts: the first page comes from the query (`firstCursor`), a
 * `seekOperation=Next` page from the `MS-ContinuationToken` header, which must have been
 * issued for the same collection and caller.
 */
export function readSeekRequest(
  req: EmulatorRequest,
  tokens: ContinuationTokens,
  firstCursor: () => SeekCursor,
): SeekRequest {
  const size = pageSize(req.url);
  const seek = req.url.searchParams.get('seekOperation');
  if (seek === null) return { size, cursor: firstCursor() };
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
  return { size, cursor };
}

/**
 * The seek collection envelope: totalCount, items, links (self and, when more, next).
 * `totalCount` is the number of items in THIS page (the .NET SDK's ResourceCollection and
 * the docs' examples); link uris are relative and without `/v1`, as documented.
 */
export function seekCollection(
  path: string,
  request: SeekRequest,
  collectionSize: number,
  items: unknown[],
  tokens: ContinuationTokens,
): Record<string, unknown> {
  const nextOffset = request.cursor.offset + items.length;
  const next =
    nextOffset < collectionSize
      ? {
          next: link(`${path}?size=${request.size}&seekOperation=Next`, [
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
    links: { self: link(`${path}?size=${request.size}`), ...next },
    attributes: { objectType: 'Collection' },
  };
}
