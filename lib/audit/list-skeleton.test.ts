import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import AuditLoading from '@/app/audit/(list)/loading';
import { AuditEventTable } from '@/components/audit/event-table';
import { AuditFilterForm } from '@/components/audit/filter-form';
import { pageTitles } from '@/components/page-titles';
import { sampleAuditEvent } from './events.test-support';

/**
 * The audit list's loading state against the page it stands in for: the same blocks at the
 * same widths, so the page does not jump when it arrives. It drew the customers' search row and
 * a five-column table of short rows: three rows of bars on a phone where the page has one
 * Filters button, and rows half as tall as an event's.
 */

const skeleton = renderToStaticMarkup(createElement(AuditLoading));

const event = sampleAuditEvent;

/** The classes of each `<th>` opening tag matching `opening`, in order. */
const headerClasses = (html: string, opening: RegExp) =>
  [...html.matchAll(opening)].map((m) => m[1] ?? '');
/** Only what decides where a column shows and how wide: its display and width utilities. */
const layoutOf = (classes: string) =>
  classes
    .split(' ')
    .filter((c) => /(^|:)(hidden|table-cell|w-px)$/.test(c))
    .join(' ');

describe('the audit list while it loads', () => {
  it('is one status region with the page’s real title', () => {
    expect(skeleton.match(/role="status"/g)).toHaveLength(1);
    expect(skeleton).toContain('aria-busy="true"');
    expect(skeleton).toContain(
      `<h1 class="mt-1 text-2xl font-semibold wrap-anywhere text-slate-900">${pageTitles.audit}</h1>`,
    );
  });

  it('keeps the heading to the scope line’s measure, as the page does', () => {
    expect(skeleton).toMatch(
      /<header class="flex flex-wrap items-end justify-between gap-4"><div class="[^"]*max-w-3xl/,
    );
  });

  it('draws the filters as the page does: one button on a phone, the form’s grid from sm', () => {
    const form = renderToStaticMarkup(createElement(AuditFilterForm, { filter: {}, raw: {} }));
    const grid = /<form [^>]*class="([^"]+)"/.exec(form)?.[1];
    expect(grid).toBeDefined();
    // The folded panel of components/audit/filter-disclosure.tsx, around the form's own grid.
    expect(form).toContain('class="hidden sm:block"');
    expect(skeleton).toContain(`<div class="hidden sm:block"><div class="${grid}">`);
    // The Filters button, shown on a phone only.
    expect(skeleton).toMatch(/<div class="[^"]*\bh-9\b[^"]*\bsm:hidden\b[^"]*"><\/div>/);
  });

  it('draws the columns the events table shows, from the same widths', () => {
    const table = renderToStaticMarkup(createElement(AuditEventTable, { events: [event] }));
    const real = headerClasses(table, /<th scope="col" class="([^"]*)"/g).map(layoutOf);
    const drawn = headerClasses(skeleton, /<th class="([^"]*)"/g).map(layoutOf);
    expect(real).toEqual([
      'max-sm:w-px',
      '',
      'hidden sm:table-cell',
      'hidden md:table-cell',
      'hidden lg:table-cell',
    ]);
    expect(drawn).toEqual(real);
  });

  it('draws rows as tall as an event’s: on a phone, actor and outcome fold under the action', () => {
    const table = renderToStaticMarkup(createElement(AuditEventTable, { events: [event] }));
    for (const folded of ['md:hidden', 'sm:hidden']) {
      expect(table).toContain(folded);
      expect(skeleton).toMatch(
        new RegExp(`<tr class="align-top"><td [^>]*>.*?</td><td [^>]*>.*?${folded}`),
      );
    }
  });

  it('loads without next/link (e2e/loading-states.spec.ts renders it on its own)', async () => {
    vi.resetModules();
    vi.doMock('next/link', () => {
      throw new Error('next/link was loaded');
    });
    const { default: Loading } = await import('@/app/audit/(list)/loading');
    expect(renderToStaticMarkup(createElement(Loading))).toContain(pageTitles.audit);
    vi.doUnmock('next/link');
  });
});
