import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Pager } from '@/components/customers/pager';
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
    expect(render({ ...first, page: 3, previousHref: '/p' }, 10)).toContain('last page');
  });

  // Under "No users match your search" a pager said "Page 1 · 0 shown · last page".
  it('is left out under an empty result with nowhere to go, kept where a page leads on', () => {
    expect(render(first, 0, 1)).toBe('');
    expect(render(first, 0)).toBe('');
    expect(render({ ...first, nextHref: '/n' }, 0)).toContain('more pages follow');
    expect(render({ ...first, page: 2, previousHref: '/p' }, 0)).toContain('Page 2');
  });

  // A list of one page showed "← Previous" and "Next →", both disabled.
  it('shows no page buttons on the only page, and says it is the only one', () => {
    const only = renderToStaticMarkup(createElement(Pager, { links: first, shown: 3 }));
    expect(only).not.toContain('Previous');
    expect(only).not.toContain('Next');
    expect(only.replace(/<[^>]+>/g, '')).toContain('Page 1 · 3 shown · the only page');
    expect(render(first, 3, 1)).toContain('Page 1 of 1 · 3 shown');
    expect(render(first, 3, 1)).not.toContain('Next');
    const outOfReach = render({ ...first, nextOutOfReach: true }, 25);
    expect(outOfReach).toContain('Next →');
    expect(render({ ...first, page: 2, previousHref: '/p' }, 5)).toContain('← Previous');
  });
});
