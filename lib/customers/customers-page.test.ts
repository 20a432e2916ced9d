import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import {
  hiddenWithoutGrantClass,
  ReconsentPrompt,
  withoutGrantScopeClass,
} from '@/components/customers/status-notices';

/** /customers as the server renders it, with its results (which wait for Partner Center) fixed. */

let results: 'not-connected' | 'needs-reconsent' | 'table' = 'not-connected';
/** What the token service last found for the partner tenant (lib/customers/grant-known.ts). */
let knownWithoutGrant = false;
vi.mock('@/lib/customers/grant-known', () => ({
  knownWithoutGrant: async () => knownWithoutGrant,
}));
vi.mock('@/components/customers/customer-results', () => ({
  CustomerResults: ({ searchSent }: { searchSent?: boolean }) =>
    createElement(
      'div',
      { 'data-search-sent': String(searchSent) },
      results === 'table'
        ? createElement('table', { 'data-testid': 'customer-table' })
        : createElement(ReconsentPrompt, { reason: results, isAdmin: false }),
    ),
}));
const { default: CustomersPage } = await import('@/app/customers/page');

async function render(): Promise<string> {
  return renderToStaticMarkup(await CustomersPage({ searchParams: Promise.resolve({}) }));
}

/** `group-has-[[data-x]]/name:hidden`: the group's name and the attribute whose presence hides. */
const hiding = /^group-has-\[\[([\w-]+)\]\]\/([\w-]+):hidden$/.exec(hiddenWithoutGrantClass);

// With Partner Center not connected, /customers still offered a search that could find nothing,
// above "Partner Center is not connected yet". The search is sent before the results say so, so
// the prompt hides it (and the heading's words about searching) once it is on the page.
describe('/customers without a Partner Center grant', () => {
  it('hides the search, and the words about it, once the prompt is on the page', async () => {
    expect(hiding).not.toBeNull();
    const [, attribute, group] = hiding!;
    expect(withoutGrantScopeClass).toBe(`group/${group}`);
    for (const reason of ['not-connected', 'needs-reconsent'] as const) {
      results = reason;
      const html = await render();
      // The page is the group; the prompt inside it carries the attribute that hides.
      expect(html).toMatch(
        new RegExp(`^<div class="[^"]*${withoutGrantScopeClass.replace('/', '\\/')}[\\s"]`),
      );
      expect(html).toMatch(
        new RegExp(`<section[^>]*data-testid="reconsent-prompt"[^>]*${attribute}=""`),
      );
      // The search form (and the sentence about searching) sit in elements that the class hides.
      const searchBox = html.indexOf('role="search"');
      expect(searchBox).toBeGreaterThan(0);
      const wrapper = html.lastIndexOf('<div', searchBox);
      expect(html.slice(wrapper, searchBox)).toContain(hiddenWithoutGrantClass);
      expect(html).toMatch(
        new RegExp(
          `<span class="${hiddenWithoutGrantClass.replace(/[[\]/]/g, '\\$&')}"> Search finds names or domains`,
        ),
      );
      // The way on stays: what is wrong, and whom to ask.
      expect(html).toContain('Partner Center');
      expect(html).toContain('on the onboarding page');
    }
  });

  it('is a class Tailwind turns into "hidden inside the group once the prompt is in it"', async () => {
    const { default: postcss } = await import('postcss');
    const { default: tailwind } = await import('@tailwindcss/postcss');
    const css = `@import 'tailwindcss' source(none); @source inline("${hiddenWithoutGrantClass}");`;
    const out = await postcss([tailwind({ base: process.cwd() })]).process(css, {
      from: `${process.cwd()}/app/globals.css`,
    });
    const [, attribute, group] = hiding!;
    const rule = out.css.slice(out.css.indexOf(`:where(.group\\/${group}):has(`));
    expect(rule).toMatch(
      new RegExp(
        `^:where\\(\\.group\\\\/${group}\\):has\\(:is\\(\\[${attribute}\\]\\)\\) \\.[^{]+\\{\\s*display: none;`,
      ),
    );
  });

  it('keeps the search with a grant: nothing on the page carries the attribute', async () => {
    results = 'table';
    const html = await render();
    expect(html).toContain('role="search"');
    expect(html).toContain('Search customers');
    expect(html).not.toContain(`${hiding![1]}=`);
    expect(html).toContain('data-search-sent="true"');
  });

  // Sent at once and hidden when the results came, the search flashed up and vanished for a
  // partner the token service already knew to have no grant.
  it('sends no search at all where the token service already knows there is no grant', async () => {
    knownWithoutGrant = true;
    try {
      for (const reason of ['not-connected', 'needs-reconsent'] as const) {
        results = reason;
        const html = await render();
        expect(html).not.toContain('role="search"');
        expect(html).not.toContain('Search finds');
        expect(html).toContain('<h1');
        expect(html).toContain('data-testid="reconsent-prompt"');
        // The results know the page sent none: if they come after all, they bring it.
        expect(html).toContain('data-search-sent="false"');
      }
    } finally {
      knownWithoutGrant = false;
    }
  });
});
