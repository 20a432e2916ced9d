import { describe, expect, it } from 'vitest';
import { customerPageBody } from './empty-page';

describe('customerPageBody', () => {
  it('shows the table whenever the page has customers', () => {
    for (const searching of [false, true])
      for (const morePages of [false, true])
        expect(customerPageBody({ shown: 3, page: 2, morePages, searching })).toEqual({
          kind: 'table',
        });
  });

  it('says there are no customers (or no matches) only on a first page without a next link', () => {
    expect(customerPageBody({ shown: 0, page: 1, morePages: false, searching: false })).toEqual({
      kind: 'no-customers',
    });
    expect(customerPageBody({ shown: 0, page: 1, morePages: false, searching: true })).toEqual({
      kind: 'no-matches',
    });
  });

  // Partner Center ends paging only when the next link is absent, whatever the items.
  it('calls an empty first page with a next link an empty page, not an empty list', () => {
    for (const searching of [false, true])
      expect(customerPageBody({ shown: 0, page: 1, morePages: true, searching })).toEqual({
        kind: 'empty-page',
        morePages: true,
      });
  });

  it('calls an empty later page an empty page, with or without a next link', () => {
    for (const searching of [false, true]) {
      expect(customerPageBody({ shown: 0, page: 3, morePages: true, searching })).toEqual({
        kind: 'empty-page',
        morePages: true,
      });
      expect(customerPageBody({ shown: 0, page: 2, morePages: false, searching })).toEqual({
        kind: 'empty-page',
        morePages: false,
      });
    }
  });
});
