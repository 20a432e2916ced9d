/**
 * What the customer list shows where its table would be. Partner Center ends paging only when
 * `links.next` is absent, whatever the items (its .NET SDK's enumerator), so a page without
 * customers proves there are none only when it is the first page and links no next one: any
 * other empty page is just that page, and the pager under it still goes on.
 */
export type CustomerPageBody =
  /** Rows to show. */
  | { kind: 'table' }
  /** The partner has no customers at all (first page, no next link, no search). */
  | { kind: 'no-customers' }
  /** Nothing starts with the search (first page, no next link). */
  | { kind: 'no-matches' }
  /** This page came back empty; `morePages`: Partner Center links a next one. */
  | { kind: 'empty-page'; morePages: boolean };

export function customerPageBody(facts: {
  /** Customers on this page. */
  shown: number;
  /** 1-based page number. */
  page: number;
  /** Partner Center sent a next link (reachable from here or not). */
  morePages: boolean;
  searching: boolean;
}): CustomerPageBody {
  if (facts.shown > 0) return { kind: 'table' };
  if (facts.page > 1 || facts.morePages) return { kind: 'empty-page', morePages: facts.morePages };
  return { kind: facts.searching ? 'no-matches' : 'no-customers' };
}
