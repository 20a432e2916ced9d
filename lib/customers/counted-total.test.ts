import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CountAge, CustomerCount, pagerRange } from '@/components/customers/counted-total';
import { Pager } from '@/components/customers/pager';
import type { CustomerCountView } from './customer-count';
import type { PagingLinks } from './paging';

const text = (facts: CustomerCountView) =>
  renderToStaticMarkup(createElement(CustomerCount, { facts })).replace(/<[^>]+>/g, '');
const counted: CustomerCountView = {
  count: 60,
  done: true,
  truncated: false,
  countedAgo: '20 min ago',
  countedAt: '2026-01-06T11:40:00.000Z',
  recount: null,
};

describe('the customer count', () => {
  // "counted 20 min ago" alone read as a portal that had stopped counting.
  it('says beside an older count that a new one runs, or that Partner Center asked to wait', () => {
    expect(text(counted)).toBe('60 customers, counted 20 min ago');
    expect(text({ ...counted, recount: 'running' })).toBe(
      '60 customers, counted 20 min ago · counting again now',
    );
    expect(text({ ...counted, recount: 'waiting' })).toBe(
      '60 customers, counted 20 min ago · Partner Center asked the portal to wait before counting again',
    );
  });
});

/** The customers list's status line under `range` (what the pager shows for page 1, say). */
const status = (
  range: { itemsBefore: number | null; shown: number; searching?: boolean },
  count: CustomerCountView | null,
  links: PagingLinks = { page: 1, nextHref: '/n', previousHref: null, firstHref: null },
) =>
  /<p[^>]*data-testid="page-status"[^>]*>(.*?)<\/p>/
    .exec(
      renderToStaticMarkup(
        createElement(Pager, {
          links,
          shown: range.shown,
          ...pagerRange({ searching: false, ...range, count }),
        }),
      ),
    )![1]!
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'");

// "Page 1 · 50 shown · more pages follow" stood beside "60 customers, counted 4 min ago": two
// statements that did not say how they belonged together. Then "of 60, counted 4 min ago" stood
// above "Data as of …": the freshness twice. The line says where and how many; the age is the
// freshness line's (`CountAge`). "customers 1–50 of 60" says that more pages follow: the line
// said it again.
describe("the customers list's status", () => {
  it("reads the page's range together with the count, without the count's age", () => {
    expect(status({ itemsBefore: 0, shown: 50 }, counted)).toBe('Page 1 · customers 1–50 of 60');
    expect(
      status(
        { itemsBefore: 50, shown: 10 },
        { ...counted, recount: 'running' },
        {
          page: 2,
          nextHref: null,
          previousHref: '/p',
          firstHref: '/f',
        },
      ),
    ).toBe('Page 2 of 2 · customers 51–60 of 60');
    expect(
      status({ itemsBefore: 0, shown: 25 }, { ...counted, count: 100_000, truncated: true }),
    ).toBe('Page 1 · customers 1–25 of more than 100,000');
    // Where the next page cannot be opened from here, the line still says why.
    expect(
      status({ itemsBefore: 0, shown: 25 }, counted, {
        page: 1,
        nextHref: null,
        nextOutOfReach: true,
        previousHref: null,
        firstHref: null,
      }),
    ).toBe(
      "Page 1 · customers 1–25 of 60 · more pages follow, but Partner Center's link to them is too long to open here: narrow the search",
    );
  });

  it('says the count is still running, and leaves "of" to a count that could be the total', () => {
    expect(
      status(
        { itemsBefore: 0, shown: 25 },
        { ...counted, done: false, count: 40, countedAgo: null, countedAt: null },
      ),
    ).toBe(
      'Page 1 · customers 1–25 · counting all customers… 40 so far (reload to see the total) · more pages follow',
    );
    // The list grew past an older count: not "61–70 of 60".
    expect(status({ itemsBefore: 60, shown: 10 }, counted)).toBe(
      'Page 1 · customers 61–70 · 60 customers when last counted · more pages follow',
    );
    expect(status({ itemsBefore: 0, shown: 25 }, null)).toBe(
      'Page 1 · customers 1–25 · more pages follow',
    );
  });

  it('counts nothing beside a search: the count of all customers says nothing of the matches', () => {
    expect(status({ itemsBefore: 0, shown: 25, searching: true }, counted)).toBe(
      'Page 1 · matches 1–25 · more pages follow',
    );
    const last = { page: 2, nextHref: null, previousHref: '/p', firstHref: '/f' };
    expect(status({ itemsBefore: 25, shown: 1, searching: true }, counted, last)).toBe(
      'Page 2 of 2 · match 26',
    );
  });

  it('says what it shows where the start of the page is not known', () => {
    expect(status({ itemsBefore: null, shown: 25 }, counted)).toBe(
      'Page 1 · 25 shown · 60 customers in all · more pages follow',
    );
  });
});

/** The count's age as the freshness line adds it. */
const age = (count: CustomerCountView) =>
  renderToStaticMarkup(createElement(CountAge, { count })).replace(/<[^>]+>/g, '');

describe("the count's age, where the freshness line gives it", () => {
  it('says when the customers were counted, and that a newer count runs or waits', () => {
    expect(age(counted)).toBe('customers counted 20 min ago');
    expect(age({ ...counted, recount: 'running' })).toBe(
      'customers counted 20 min ago (counting again now)',
    );
    expect(age({ ...counted, recount: 'waiting' })).toBe(
      'customers counted 20 min ago (Partner Center asked the portal to wait before counting again)',
    );
  });
});
