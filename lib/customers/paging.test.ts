import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCustomerListQuery, parseListQuery } from './list-query';
import { pagingKey, pagingLinks, resolvePaging, type ListIdentity } from './paging';
import {
  decodeCursor,
  encodeCursor,
  itemsBefore,
  maxTrailLength,
  PagingStateError,
} from './paging-cursor';

const key = pagingKey('a-session-secret-of-at-least-thirty-two-chars');
const contoso: ListIdentity = {
  tenantId: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  path: '/customers',
};

/** Follows an href the way a browser would: parse its query string back into searchParams. */
function paramsOf(href: string): Record<string, string> {
  return Object.fromEntries(new URL(href, 'http://portal.test').searchParams);
}

/** Walks forward `pages - 1` times, the token for page n being `token-n`. */
function walkForward(
  pages: number,
  query = parseCustomerListQuery({ q: 'Cont', field: 'domain', size: '50' }),
) {
  let params: Record<string, string> = { q: query.q, field: query.field, size: String(query.size) };
  for (let page = 1; page < pages; page += 1) {
    const parsed = parseCustomerListQuery(params);
    const { state } = resolvePaging(contoso, parsed, key);
    const next = pagingLinks(contoso, parsed, state, `token-${page + 1}`, key).nextHref;
    if (!next) throw new Error('no next link');
    params = paramsOf(next);
  }
  return params;
}

describe('paging state in the URL', () => {
  it('round-trips page number, token and search through the next link', () => {
    const params = walkForward(3);
    expect(params).toMatchObject({ q: 'Cont', field: 'domain', size: '50' });
    const resolved = resolvePaging(contoso, parseCustomerListQuery(params), key);
    expect(resolved).toMatchObject({ rejectedCursor: false, continuationToken: 'token-3' });
    expect(resolved.state.page).toBe(3);
  });

  it('goes back page by page to the first page, whose link carries no cursor', () => {
    let params = walkForward(4);
    const visited: Array<string | undefined> = [];
    for (;;) {
      const query = parseCustomerListQuery(params);
      const { state, continuationToken } = resolvePaging(contoso, query, key);
      visited.push(continuationToken);
      const previous = pagingLinks(contoso, query, state, null, key).previousHref;
      if (!previous) break;
      params = paramsOf(previous);
    }
    expect(visited).toEqual(['token-4', 'token-3', 'token-2', undefined]);
    expect(params.cursor).toBeUndefined();
  });

  it('keeps only a bounded trail; past it, previous is gone but first remains', () => {
    const deep = maxTrailLength + 5;
    let params = walkForward(deep);
    expect(params.cursor!.length).toBeLessThan(2_000);
    let steps = 0;
    for (;;) {
      const query = parseCustomerListQuery(params);
      const { state } = resolvePaging(contoso, query, key);
      const links = pagingLinks(contoso, query, state, null, key);
      expect(links.firstHref).toBe('/customers?field=domain&q=Cont&size=50');
      if (!links.previousHref) break;
      params = paramsOf(links.previousHref);
      steps += 1;
    }
    expect(steps).toBe(maxTrailLength - 1);
  });

  it('pages an unsearched list whose form sent "Search by: Domain" with an empty box', () => {
    // The GET search form always submits `field`; the links leave it out without a search.
    const params = walkForward(3, parseCustomerListQuery({ field: 'domain', q: '', size: '25' }));
    const resolved = resolvePaging(contoso, parseCustomerListQuery(params), key);
    expect(resolved).toMatchObject({ rejectedCursor: false, continuationToken: 'token-3' });
    expect(resolved.state.page).toBe(3);
  });

  it('says so, instead of failing the page, when the next token is too long for a link', () => {
    const query = parseCustomerListQuery({});
    const { state } = resolvePaging(contoso, query, key);
    const links = pagingLinks(contoso, query, state, 'x'.repeat(5_000), key);
    expect(links).toMatchObject({ page: 1, nextHref: null, nextOutOfReach: true });
    expect(pagingLinks(contoso, query, state, 'token-2', key).nextOutOfReach).toBeUndefined();
  });

  it('offers no next link on the last page', () => {
    const query = parseListQuery({});
    const links = pagingLinks(contoso, query, resolvePaging(contoso, query, key).state, null, key);
    expect(links).toEqual({ page: 1, nextHref: null, previousHref: null, firstHref: null });
  });
});

describe('tampered paging parameters', () => {
  const cursorOf = (params: Record<string, string>) => params.cursor!;

  it.each([
    ['a flipped character', (c: string) => c.slice(0, 5) + (c[5] === 'A' ? 'B' : 'A') + c.slice(6)],
    ['a dropped signature', (c: string) => c.split('.')[0]!],
    ['junk', () => 'not a cursor at all'],
    ['an extra segment', (c: string) => `${c}.x`],
  ])('rejects %s and falls back to page 1', (_name, tamper) => {
    const params = walkForward(3);
    const query = parseCustomerListQuery({ ...params, cursor: tamper(cursorOf(params)) });
    expect(resolvePaging(contoso, query, key)).toEqual({
      state: { page: 1, trail: [] },
      continuationToken: undefined,
      rejectedCursor: true,
    });
  });

  it('rejects a cursor reused with another search, tenant or key', () => {
    const params = walkForward(3);
    const otherSearch = parseCustomerListQuery({ ...params, q: 'Fabrikam' });
    expect(resolvePaging(contoso, otherSearch, key).rejectedCursor).toBe(true);
    const query = parseCustomerListQuery(params);
    const fabrikam = { ...contoso, tenantId: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22' };
    expect(resolvePaging(fabrikam, query, key).rejectedCursor).toBe(true);
    expect(
      resolvePaging(contoso, query, pagingKey('another-secret-of-at-least-thirty-two-c'))
        .rejectedCursor,
    ).toBe(true);
    expect(resolvePaging(contoso, query, key).rejectedCursor).toBe(false);
  });

  it('rejects a correctly signed but inconsistent state', () => {
    const scope = { key, context: 'x' };
    const forged = encodeCursor({ page: 2, trail: ['a', 'b', 'c'] }, scope);
    expect(() => decodeCursor(forged, scope)).toThrow(PagingStateError);
  });
});

describe('list query parsing', () => {
  it('falls back to defaults for unusable values', () => {
    expect(parseCustomerListQuery({ size: '7', field: 'tenant', q: '  con\u0000' })).toEqual({
      q: '',
      size: 25,
      field: 'name',
      cursor: undefined,
    });
    expect(parseCustomerListQuery({ size: ['100', '25'], field: 'domain', q: ' fab ' })).toEqual({
      q: 'fab',
      size: 100,
      field: 'domain',
      cursor: undefined,
    });
  });
});

describe('long continuation tokens', () => {
  it('drops the oldest trail entries to keep the URL short, never the current token', () => {
    const scope = { key, context: 'ctx' };
    const trail = Array.from({ length: maxTrailLength }, (_, i) => `${i}`.repeat(1_000));
    const cursor = encodeCursor({ page: 20, trail }, scope)!;
    expect(cursor.length).toBeLessThanOrEqual(6_000);
    const decoded = decodeCursor(cursor, scope);
    expect(decoded.page).toBe(20);
    expect(decoded.trail.at(-1)).toBe(trail.at(-1));
    expect(decoded.trail.length).toBeLessThan(maxTrailLength);
  });
});

// The pager said "Page 2 · 25 shown": where a page starts is only known from what the earlier
// pages held (Partner Center numbers nothing, and a page may hold fewer than the size).
describe('where a page starts', () => {
  /** Walks forward through pages holding `shown[i]` items each; the query of the last one. */
  function walkShowing(shown: number[], query = parseCustomerListQuery({ size: '25' })) {
    let params: Record<string, string> = { size: String(query.size) };
    for (const [index, items] of shown.entries()) {
      const parsed = parseCustomerListQuery(params);
      const { state } = resolvePaging(contoso, parsed, key);
      const next = pagingLinks(contoso, parsed, state, `token-${index + 2}`, key, items).nextHref;
      params = paramsOf(next!);
    }
    return parseCustomerListQuery(params);
  }

  it('carries the items of the pages before it, as they were shown, forward and back', () => {
    expect(itemsBefore(resolvePaging(contoso, parseCustomerListQuery({}), key).state)).toBe(0);
    // A short page before the last (Partner Center's pages need not be full).
    let query = walkShowing([25, 20, 25]);
    let { state } = resolvePaging(contoso, query, key);
    expect(state.page).toBe(4);
    expect(itemsBefore(state)).toBe(70);
    const back: Array<number | null> = [];
    for (;;) {
      const previous = pagingLinks(contoso, query, state, null, key).previousHref;
      if (!previous) break;
      query = parseCustomerListQuery(paramsOf(previous));
      state = resolvePaging(contoso, query, key).state;
      back.push(itemsBefore(state));
    }
    expect(back).toEqual([45, 25, 0]);
  });

  it('keeps them beside the tokens when the trail is cut short', () => {
    const deep = walkShowing(Array.from({ length: maxTrailLength + 3 }, () => 25));
    const { state } = resolvePaging(contoso, deep, key);
    expect(state.trail).toHaveLength(maxTrailLength);
    expect(state.itemsBefore).toHaveLength(maxTrailLength);
    expect(itemsBefore(state)).toBe((maxTrailLength + 3) * 25);
    const scope = { key, context: 'ctx' };
    const long = Array.from({ length: maxTrailLength }, (_, i) => `${i}`.repeat(1_000));
    const before = long.map((_, i) => (i + 1) * 25);
    const decoded = decodeCursor(
      encodeCursor({ page: 20, trail: long, itemsBefore: before }, scope),
      scope,
    );
    expect(decoded.trail.length).toBeLessThan(maxTrailLength);
    expect(decoded.itemsBefore).toEqual(before.slice(-decoded.trail.length));
  });

  it('does not know it from a link that did not carry it, nor after such a page', () => {
    const scope = { key, context: 'ctx' };
    const old = decodeCursor(encodeCursor({ page: 3, trail: ['a', 'b'] }, scope), scope);
    expect(itemsBefore(old)).toBeNull();
    const query = parseCustomerListQuery({});
    const next = pagingLinks(contoso, query, { page: 3, trail: ['a', 'b'] }, 'c', key, 25);
    const after = resolvePaging(contoso, parseCustomerListQuery(paramsOf(next.nextHref!)), key);
    expect(after.rejectedCursor).toBe(false);
    expect(itemsBefore(after.state)).toBeNull();
  });

  it('opens a link of a later release, leaving aside a field it does not know (a rolling upgrade)', () => {
    const scope = { key, context: 'ctx' };
    // Signed as encodeCursor signs (the portal's own format), with a field this release lacks
    // that only adds to what the page says (a later release's hint of the list's size).
    const body = Buffer.from(
      JSON.stringify({ p: 3, t: ['a', 'b'], o: [25, 50], n: 1234 }),
    ).toString('base64url');
    const mac = createHmac('sha256', key)
      .update(`paging-cursor.v1\nctx\n${body}`)
      .digest()
      .subarray(0, 18)
      .toString('base64url');
    expect(decodeCursor(`${body}.${mac}`, scope)).toEqual({
      page: 3,
      trail: ['a', 'b'],
      itemsBefore: [25, 50],
    });
    // Signed with another key it is still refused.
    expect(() => decodeCursor(`${body}.${mac}`, { key: 'another-key', context: 'ctx' })).toThrow(
      PagingStateError,
    );
  });

  it('rejects counts that do not fit the trail', () => {
    const scope = { key, context: 'ctx' };
    for (const itemsBefore of [[25], [50, 25], [25, -1]])
      expect(() =>
        decodeCursor(encodeCursor({ page: 3, trail: ['a', 'b'], itemsBefore }, scope), scope),
      ).toThrow(PagingStateError);
  });
});
