import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Card } from '@/components/ui/card';
import { FailureCard } from '@/components/ui/failure-card';

const classesOf = (html: string) => /^<section[^>]*class="([^"]*)"/.exec(html)?.[1]?.split(' ');

/**
 * On a 390 px phone the page's 24 px gutter and a card's 24 px padding left 292 px for a card's
 * words ("Fabrikam Solutions is not / connected to Partner Center"), and the page's edge stood
 * 8 px inside the header's logo (the header is px-4 below sm).
 */
describe('the page and its cards on a phone', () => {
  it('pads cards 16 px below sm and 24 px from it', () => {
    for (const html of [
      renderToStaticMarkup(Card({ title: 'T', titleId: 't', children: 'x' })),
      renderToStaticMarkup(
        createElement(FailureCard, { kicker: 'K', title: 'T', titleId: 't', testId: 'f' }, 'x'),
      ),
    ]) {
      expect(classesOf(html)).toEqual(expect.arrayContaining(['p-4', 'sm:p-6']));
      expect(classesOf(html)).not.toContain('p-6');
    }
  });

  it("keeps the page's edge where the header's is", () => {
    const gutter = (file: string, tag: RegExp) =>
      tag
        .exec(readFileSync(file, 'utf8'))?.[1]
        ?.split(' ')
        .filter((c) => /^(sm:)?px-/.test(c));
    const header = gutter('components/site-header.tsx', /<div className="(mx-auto [^"]*)"/);
    expect(header).toEqual(['px-4', 'sm:px-6']);
    expect(gutter('app/layout.tsx', /<main [^>]*className="([^"]*)"/)).toEqual(header);
    expect(gutter('app/layout.tsx', /<footer className="([^"]*)"/)).toEqual(header);
  });
});
