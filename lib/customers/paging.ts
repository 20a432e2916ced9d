import 'server-only';
import { createHmac } from 'node:crypto';
import {
  currentToken,
  decodeCursor,
  encodeCursor,
  firstPage,
  nextState,
  previousState,
  PagingStateError,
  type CursorScope,
  type PagingState,
} from './paging-cursor';
import { isWellFormedCursor, listHref, type ListQuery } from './list-query';

/** Where a list lives and for whom: the cursor is only valid within this. */
export interface ListIdentity {
  /** The signed-in user's partner tenant. */
  tenantId: string;
  /** Path of the list page, `/customers` (user lists are paged by number over the walked list). */
  path: string;
}

export interface ResolvedPaging {
  state: PagingState;
  /** Continuation token for the current page, or undefined for page 1. */
  continuationToken: string | undefined;
  /** The URL carried a cursor that was edited or belongs to another list; we show page 1. */
  rejectedCursor: boolean;
}

export interface PagingLinks {
  page: number;
  nextHref: string | null;
  /**
   * More pages follow, but Partner Center's token for the next one is too long to carry in a
   * link (the cursor's bound keeps page URLs under header limits): `nextHref` is null.
   */
  nextOutOfReach?: boolean;
  previousHref: string | null;
  firstHref: string | null;
}

/** Derives the cursor-signing key from the session secret, so no new setting is needed. */
export function pagingKey(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('customers.paging-cursor').digest('base64url');
}

function scopeFor(
  identity: ListIdentity,
  query: ListQuery & { field?: string },
  key: string,
): CursorScope {
  // Without a search the field means nothing, and listHref leaves it out of the links: a
  // form that sent "Search by: Domain" with an empty box must still open page 2.
  const field = query.q ? (query.field ?? '-') : '-';
  // Partner Center's starts_with is case-insensitive, so "Contoso" and "contoso" share cursors.
  const context = [identity.tenantId, identity.path, field, query.q.toLowerCase(), query.size].join(
    '\n',
  );
  return { key, context };
}

/**
 * Turns the URL's cursor into the state and the token to fetch with. A cursor that does not
 * verify is not an error page: the user lands on page 1 with `rejectedCursor` set.
 */
export function resolvePaging(
  identity: ListIdentity,
  query: ListQuery,
  key: string,
): ResolvedPaging {
  if (query.cursor === undefined)
    return { state: firstPage, continuationToken: undefined, rejectedCursor: false };
  try {
    if (!isWellFormedCursor(query.cursor)) throw new PagingStateError('malformed');
    const state = decodeCursor(query.cursor, scopeFor(identity, query, key));
    return { state, continuationToken: currentToken(state), rejectedCursor: false };
  } catch (error) {
    if (error instanceof PagingStateError)
      return { state: firstPage, continuationToken: undefined, rejectedCursor: true };
    throw error;
  }
}

/**
 * Next/previous/first hrefs for the page in `state`, given the token Partner Center returned
 * and the items the page held (`shown`: the next link carries where the next page starts).
 */
export function pagingLinks(
  identity: ListIdentity,
  query: ListQuery & { field?: string },
  state: PagingState,
  nextToken: string | null,
  key: string,
  shown?: number,
): PagingLinks {
  const scope = scopeFor(identity, query, key);
  const href = (s: PagingState) => listHref(identity.path, query, encodeCursor(s, scope));
  const previous = previousState(state);
  let nextHref: string | null = null;
  let nextOutOfReach = false;
  try {
    nextHref = nextToken ? href(nextState(state, nextToken, shown)) : null;
  } catch (error) {
    if (!(error instanceof PagingStateError)) throw error;
    nextOutOfReach = true;
  }
  return {
    page: state.page,
    nextHref,
    ...(nextOutOfReach ? { nextOutOfReach } : {}),
    previousHref: previous ? href(previous) : null,
    firstHref: state.page > 1 ? href(firstPage) : null,
  };
}
