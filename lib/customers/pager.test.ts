import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Pager } from '@/components/customers/pager';
import { buttonClass } from '@/components/ui/button';
import type { PagingLinks } from './paging';

const render = (links: PagingLinks, shown: number, pageCount?: number) =>
  renderToStaticMarkup(createElement(Pager, { links, shown, pageCount })).replace(/<[^>]+>/g, '');
const first: PagingLinks = { page: 1, nextHref: null, previousHref: null, firstHref: null };

describe('the pager', () => {
  it('says "Page 2 of 5" when the page count is known, instead of "more pages follow"', () => {
    const text = render({ ...first, page: 2, nextHref: '/n', previousHref: '/p' }, 25, 5);
    expect(text).toContain('Page 2 of 5 · 25 shown');
    expect(text).not.toContain('more pages follow');
  });

  it("keeps Partner Center's own paging in its words: no total it was not given", () => {
    expect(render({ ...first, nextHref: '/n' }, 25)).toContain(
      'Page 1 · 25 shown · more pages follow',
    );
    expect(render({ ...first, page: 2, nextHref: '/n', previousHref: '/p' }, 25)).not.toMatch(
      /Page 2 of/,
    );
  });

  // "Page 3 · 10 shown · last page": the last page's number is the page count, whoever pages.
  it('says "Page 3 of 3" on the last page, where the count of pages is known', () => {
    expect(render({ ...first, page: 3, previousHref: '/p' }, 10)).toBe(
      'Page 3 of 3 · 10 shown← PreviousNext →',
    );
    // More pages follow whose link is out of reach: not the last.
    expect(render({ ...first, page: 3, previousHref: '/p', nextOutOfReach: true }, 10)).toContain(
      'Page 3 · 10 shown · more pages follow, but Partner Center&#x27;s link',
    );
  });

  // Under "No users match your search" a pager said "Page 1 · 0 shown · last page".
  it('is left out under an empty result with nowhere to go, kept where a page leads on', () => {
    expect(render(first, 0, 1)).toBe('');
    expect(render(first, 0)).toBe('');
    expect(render({ ...first, nextHref: '/n' }, 0)).toContain('more pages follow');
    expect(render({ ...first, page: 2, previousHref: '/p' }, 0)).toContain('Page 2');
  });

  // A list of one page showed "← Previous" and "Next →", both disabled.
  it('shows no page buttons on the only page, and says it is page 1 of 1', () => {
    const only = renderToStaticMarkup(createElement(Pager, { links: first, shown: 3 }));
    expect(only).not.toContain('Previous');
    expect(only).not.toContain('Next');
    expect(only.replace(/<[^>]+>/g, '')).toBe('Page 1 of 1 · 3 shown');
    expect(render(first, 3, 1)).toContain('Page 1 of 1 · 3 shown');
    expect(render(first, 3, 1)).not.toContain('Next');
    const outOfReach = render({ ...first, nextOutOfReach: true }, 25);
    expect(outOfReach).toContain('Next →');
    expect(render({ ...first, page: 2, previousHref: '/p' }, 5)).toContain('← Previous');
  });
});

// The pager's buttons drew 36 px (`h-9`) under the search's 40 px fields and buttons.
describe("the pager's buttons", () => {
  it("are the portal's secondary buttons at the form fields' height, usable or not", () => {
    const html = renderToStaticMarkup(
      createElement(Pager, {
        links: { page: 3, nextHref: null, previousHref: '/p', firstHref: '/f' },
        shown: 10,
      }),
    );
    const control = buttonClass('secondary', 'whitespace-nowrap', 'control');
    expect(control.split(' ')).toContain('h-10');
    const classes = [...html.matchAll(/<(?:a|span) [^>]*class="([^"]*)"[^>]*>(?:First|←|Next)/g)];
    expect(classes.map((m) => m[1])).toEqual([control, control, control]);
    expect(html).not.toMatch(/\bh-9\b/);
    // Where there is nowhere to go, the place is kept and drawn as unavailable.
    expect(html).toMatch(
      /<span class="[^"]*\baria-disabled:text-slate-400\b[^"]*" aria-disabled="true">Next →/,
    );
  });
});
