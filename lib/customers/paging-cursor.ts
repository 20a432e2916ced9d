import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Paging state for continuation-token lists, kept in the URL so links and the back button
 * work without server sessions. Partner Center only pages forward, so the cursor carries a
 * short trail of the tokens that led to the current page; "previous" pops one. Beside each
 * token it carries how many items the pages before that one held, counted as they were shown,
 * so the pager can say "customers 26–50" without assuming that every earlier page was full.
 *
 * The cursor is signed: a copied link keeps working for colleagues of the same partner
 * tenant, but an edited or foreign cursor is rejected instead of being passed to Partner
 * Center (whose tokens are opaque and whose errors on junk are unhelpful).
 */

/** How many earlier tokens the URL remembers; beyond that "previous" falls back to page 1. */
export const maxTrailLength = 10;
/** Keeps page URLs well under common 16 KB header limits even with long tokens. */
const maxCursorChars = 6_000;

export interface PagingState {
  /** 1-based page number shown to the user. */
  page: number;
  /** Continuation tokens of the latest pages, oldest first; the last one fetches `page`. */
  trail: string[];
  /**
   * Beside each token of `trail`: how many items the pages before the one it fetches held.
   * Absent when not known (a link made before the portal kept it); page 1 needs none.
   */
  itemsBefore?: number[];
}

export const firstPage: PagingState = { page: 1, trail: [] };

export class PagingStateError extends Error {
  readonly code = 'paging_state_invalid';
  constructor(readonly reason: 'malformed' | 'bad_signature' | 'inconsistent' | 'too_long') {
    super(`The paging link is not valid (${reason}).`);
    this.name = 'PagingStateError';
  }
}

const payloadSchema = z
  .object({
    p: z.number().int().min(2).max(1_000_000),
    t: z.array(z.string().min(1).max(maxCursorChars)).min(1).max(maxTrailLength),
    o: z.array(z.number().int().min(0).max(1_000_000_000)).optional(),
  })
  // Not `.strict()`: a field a later release adds (the cursor is signed, so only the portal
  // writes one) is left aside, and during a rolling upgrade an instance still on this release
  // opens the newer instances' links, without what that field adds, instead of refusing them.
  // So a new field may only add to what a page says (as `o` did); one that changes which items
  // it holds (an order, a filter) belongs in the signed context (CursorScope) or a new signing
  // version (`paging-cursor.v1` in `sign`), which older instances refuse.
  .refine((s) => s.t.length <= s.p - 1, 'trail longer than the pages before it')
  .refine(
    (s) => !s.o || (s.o.length === s.t.length && s.o.every((n, i) => i === 0 || n >= s.o![i - 1]!)),
    'item counts that do not match the trail',
  );

/** Signing input for one list: a cursor made for one list/search never opens another. */
export interface CursorScope {
  key: string;
  /** Everything the cursor is only valid for: tenant, list, search, page size. */
  context: string;
}

/** How many items the pages before `state`'s held, as they were shown; null when not known. */
export function itemsBefore(state: PagingState): number | null {
  return state.page <= 1 ? 0 : (state.itemsBefore?.at(-1) ?? null);
}

/**
 * The state of the page after `state`, fetched with `nextToken`; `shown`: the items `state`'s
 * page holds, without which the next page's position is not known either.
 */
export function nextState(state: PagingState, nextToken: string, shown?: number): PagingState {
  const trail = [...state.trail, nextToken].slice(-maxTrailLength);
  const before = itemsBefore(state);
  if (shown === undefined || before === null) return { page: state.page + 1, trail };
  const itemsBeforeNext = [...(state.itemsBefore ?? []), before + shown].slice(-maxTrailLength);
  return { page: state.page + 1, trail, itemsBefore: itemsBeforeNext };
}

/**
 * The state of the page before `state`: the first page when we are on page 2, `null` when
 * the trail no longer holds the token of the previous page (the user then restarts at 1).
 */
export function previousState(state: PagingState): PagingState | null {
  if (state.page <= 1) return null;
  if (state.page === 2) return firstPage;
  if (state.trail.length < 2) return null;
  const previous = { page: state.page - 1, trail: state.trail.slice(0, -1) };
  return state.itemsBefore
    ? { ...previous, itemsBefore: state.itemsBefore.slice(0, -1) }
    : previous;
}

/** The continuation token that fetches the current page (none for page 1). */
export function currentToken(state: PagingState): string | undefined {
  return state.trail.at(-1);
}

/**
 * Serialises a state into the URL's `cursor` value; page 1 has no cursor. When long tokens
 * would make the URL too long, the oldest ones are dropped (only "previous" reach shrinks).
 */
export function encodeCursor(state: PagingState, scope: CursorScope): string | undefined {
  if (state.page <= 1) return undefined;
  for (let keep = state.trail.length; keep >= 1; keep -= 1) {
    const body = Buffer.from(
      JSON.stringify({
        p: state.page,
        t: state.trail.slice(-keep),
        ...(state.itemsBefore ? { o: state.itemsBefore.slice(-keep) } : {}),
      }),
    ).toString('base64url');
    const cursor = `${body}.${sign(body, scope)}`;
    if (cursor.length <= maxCursorChars) return cursor;
  }
  // Even the current page's token alone does not fit in a link.
  throw new PagingStateError('too_long');
}

/**
 * Reads a `cursor` value back; absent means page 1.
 * @throws PagingStateError when the cursor was edited, truncated or made for another list.
 */
export function decodeCursor(raw: string | undefined, scope: CursorScope): PagingState {
  if (raw === undefined || raw === '') return firstPage;
  if (raw.length > maxCursorChars) throw new PagingStateError('malformed');
  const [body, mac, extra] = raw.split('.');
  if (!body || !mac || extra !== undefined) throw new PagingStateError('malformed');
  const expected = Buffer.from(sign(body, scope));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new PagingStateError('bad_signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new PagingStateError('malformed');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new PagingStateError('inconsistent');
  const { p: page, t: trail, o } = parsed.data;
  return o ? { page, trail, itemsBefore: o } : { page, trail };
}

function sign(body: string, scope: CursorScope): string {
  return createHmac('sha256', scope.key)
    .update(`paging-cursor.v1\n${scope.context}\n${body}`)
    .digest()
    .subarray(0, 18)
    .toString('base64url');
}
