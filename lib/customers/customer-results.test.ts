import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerSummary, Page } from '@/lib/partner-center';
import type { CustomerCountView } from './customer-count';
import { parseCustomerListQuery } from './list-query';
import { pagingKey } from './paging';

/** The customers list's results as the server renders them, over fixed pages and a fixed count. */

const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
/** 60 customers in pages of `size` that Partner Center links with the next offset. */
const customers: CustomerSummary[] = Array.from({ length: 60 }, (_, i) => ({
  id: `c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}`,
  companyName: `Customer ${i + 1}`,
  domain: `customer${i + 1}.test`,
  tenantId: `c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}`,
  relationship: 'reseller',
}));
let count: CustomerCountView | null;
/** What the next customers page fails with, if anything. */
let failWith: unknown = null;
/** When the page's rows were fetched, on the caches' clock. */
const rowsAt = '2026-01-06T12:00:00.000Z';

vi.mock('./actions', () => ({ refreshPartnerCenterData: async () => undefined }));
vi.mock('./customer-count', () => ({ customerCountView: async () => count }));
vi.mock('./request', () => ({
  customerRequest: async () => ({
    tenantId,
    correlationId: 'c',
    user: { roles: ['salesAgent'] },
    retries: () => 0,
    dataAsOf: () => rowsAt,
    pagingKey: pagingKey('a-session-secret-of-at-least-thirty-two-chars'),
    client: {
      listCustomers: async (opts: {
        size: number;
        continuationToken?: string;
      }): Promise<Page<CustomerSummary>> => {
        if (failWith) throw failWith;
        const start = Number(opts.continuationToken ?? 0);
        const end = Math.min(start + opts.size, customers.length);
        return {
          items: customers.slice(start, end),
          continuationToken: end < customers.length ? String(end) : null,
          fetchedAt: '2026-01-06T12:00:00.000Z',
        };
      },
    },
  }),
}));
const { CustomerResults } = await import('@/components/customers/customer-results');

beforeEach(() => {
  failWith = null;
  count = {
    count: 60,
    done: true,
    truncated: false,
    countedAgo: 'just now',
    countedAt: rowsAt,
    recount: null,
  };
});

async function render(params: Record<string, string>, searchSent?: boolean): Promise<string> {
  return renderToStaticMarkup(
    await CustomerResults({ query: parseCustomerListQuery(params), searchSent }),
  );
}

const statusOf = (html: string) =>
  /<p[^>]*data-testid="page-status"[^>]*>(.*?)<\/p>/.exec(html)![1]!.replace(/<[^>]+>/g, '');
const nextParams = (html: string) =>
  Object.fromEntries(
    new URL(
      /<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&'),
      'http://portal.test',
    ).searchParams,
  );

const freshnessOf = (html: string) =>
  /<p[^>]*data-testid="data-as-of"[^>]*>(.*?)<\/p>/.exec(html)![1]!.replace(/<[^>]+>/g, '');

// "Page 1 · 50 shown · more pages follow" stood beside "60 customers, counted 4 min ago"; then
// "of 60, counted just now" stood above "Data as of …", the freshness said twice.
describe('the customers list', () => {
  it('says where the page is and which customers it holds of the count, in one line', async () => {
    const first = await render({ size: '50' });
    expect(statusOf(first)).toBe('Page 1 · customers 1–50 of 60');
    // The count is not said a second time beside it.
    expect(first.match(/data-testid="customer-count"/g)).toHaveLength(1);
    const second = await render(nextParams(first));
    // The last page's number is the page count.
    expect(statusOf(second)).toBe('Page 2 of 2 · customers 51–60 of 60');
  });

  it("says how fresh once: the rows' time covers a count made with them", async () => {
    const html = await render({ size: '50' });
    expect(freshnessOf(html)).toBe('Data as of 6 Jan 2026, 12:00:00 UTC, from Partner Center.');
    expect(html).not.toContain('counted');
    expect(html.match(/<time /g)).toHaveLength(1);
  });

  it('gives the count its own age, once, where it is older than the rows', async () => {
    count = {
      ...count!,
      countedAgo: '20 min ago',
      countedAt: '2026-01-06T11:40:00.000Z',
      recount: 'running',
    };
    const html = await render({ size: '50' });
    expect(statusOf(html)).toBe('Page 1 · customers 1–50 of 60');
    expect(freshnessOf(html)).toBe(
      'Data as of 6 Jan 2026, 12:00:00 UTC, from Partner Center; customers counted 20 min ago (counting again now).',
    );
    expect(html.match(/counted/g)).toHaveLength(1);
  });

  it('leaves the count of all customers out of a search', async () => {
    const html = await render({ q: 'Customer', size: '25' });
    expect(statusOf(html)).toBe('Page 1 · matches 1–25 · more pages follow');
    expect(html).not.toContain('customer-count');
  });
});

// The page leaves its search out where the token service last found no grant (so it does not
// flash up and vanish); that memory may be stale (a consent through another instance).
describe('the customers list after a page sent without its search', () => {
  it('brings the search, with what it matches, when the customers come after all', async () => {
    const html = await render({ q: 'Customer', size: '50' }, false);
    const search = html.indexOf('data-testid="customer-search"');
    expect(search).toBeGreaterThanOrEqual(0);
    expect(search).toBeLessThan(html.indexOf('<table'));
    expect(html).toContain('Search finds names or domains that start with your text.');
    expect(html).toMatch(/<input id="search-q"[^>]*value="Customer"/);
    // Sent with the page, the search is not sent twice.
    expect(await render({ size: '50' })).not.toContain('role="search"');
  });

  it('brings none to the re-consent prompt, which it could only stand above', async () => {
    const { notConnectedFailure } = await import('@/lib/failure');
    failWith = notConnectedFailure(tenantId);
    const html = await render({}, false);
    expect(html).toContain('data-testid="reconsent-prompt"');
    expect(html).not.toContain('role="search"');
  });
});
