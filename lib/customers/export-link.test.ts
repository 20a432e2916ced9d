import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buttonClass } from '@/components/ui/button';
import { ExportLink } from '@/components/ui/export-link';
import { crossSiteExportRefusal } from './api';

const html = (filtered: boolean) =>
  renderToStaticMarkup(
    createElement(ExportLink, {
      href: '/api/customers/c/users/export',
      filtered,
      detail: 'every user of Contoso',
    }),
  );

// The users page said "Export all (CSV)", the audit page "Export CSV", for the same action: a
// file of every row the list matches, whichever page is on screen.
describe("a list's export", () => {
  it('is named for what the file holds: all of the list, or the matches of its search', () => {
    expect(html(false)).toContain(
      'Export all (CSV)<span class="sr-only">: every user of Contoso</span>',
    );
    expect(html(true)).toContain('>Export matches (CSV)<');
  });

  // It stands above the list's 40 px search fields; it was 38 px here and 36 px on the audit page.
  it("is the secondary button at the fields' height, a plain link without `download`", () => {
    const link = /^<a href="([^"]*)" class="([^"]*)" data-testid="export-csv">/.exec(html(false));
    expect(link?.[1]).toBe('/api/customers/c/users/export');
    expect(link?.[2]).toBe(buttonClass('secondary', 'whitespace-nowrap', 'control'));
    expect(link?.[2]?.split(' ')).toContain('h-10');
    expect(html(false)).not.toContain('download');
  });
});

describe('a users export asked for by another site', () => {
  it('names the button it should have come from, as the page calls it', () => {
    const refusal = crossSiteExportRefusal(
      new Request('https://portal.example/api/customers/c/users/export', {
        headers: { 'sec-fetch-site': 'cross-site' },
      }),
      'https://portal.example',
      'correlation-id',
    );
    expect(refusal?.problem).toBe(
      "An export asked for by another site's page is refused: use Export all or Export matches on the portal's users page.",
    );
  });
});
