import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import AuditLoading from '@/app/audit/(list)/loading';
import { AuditEventTable } from '@/components/audit/event-table';
import { AuditFilterForm } from '@/components/audit/filter-form';
import { AuditListSubtitle, auditListLead } from '@/components/audit/list-subtitle';
import { pageTitles } from '@/components/page-titles';
import { buttonClass } from '@/components/ui/button';
import { sampleAuditEvent } from './events.test-support';
import { auditScopeLine, type AuditScope } from './scope';

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
/** Where each element of a cell that shows at some widths only shows, in order. */
const shownAt = (html: string) =>
  [...html.matchAll(/class="([^"]*)"/g)]
    .map((m) =>
      (m[1] ?? '')
        .split(' ')
        .filter((c) => /^(max-sm:flex|hidden|(sm|md|lg|xl):(hidden|block))$/.test(c))
        .join(' '),
    )
    .filter(Boolean);

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

  // The export and the pager's links grew from 36 px to the fields' 40 (the `control` size):
  // drawn 36 px here, the page would move by 4 px twice when it arrives.
  it("draws the export and the pager's link as tall as the page's, the fields' height", () => {
    expect(buttonClass('secondary', '', 'control').split(' ')).toContain('h-10');
    expect(skeleton).toMatch(
      /<div class="[^"]*\bh-10\b[^"]*\banimate-pulse[^"]*"><\/div><\/header>/,
    );
    expect(skeleton).toMatch(
      /flex-wrap items-center justify-between gap-3"><div class="flex items-center h-5">.*?<\/div><div class="[^"]*\bh-10\b[^"]*"><\/div><\/div><\/div>$/,
    );
    // Only the phone's Filters button is still 36 px (components/audit/filter-disclosure.tsx).
    expect(skeleton.match(/\bh-9\b/g)).toHaveLength(1);
  });

  it('draws the columns the events table shows, from the same widths', () => {
    const table = renderToStaticMarkup(createElement(AuditEventTable, { events: [event] }));
    const real = headerClasses(table, /<th scope="col" class="([^"]*)"/g).map(layoutOf);
    const drawn = headerClasses(skeleton, /<th class="([^"]*)"/g).map(layoutOf);
    expect(real).toEqual([
      'hidden sm:table-cell',
      '',
      'hidden sm:table-cell',
      'hidden md:table-cell',
    ]);
    expect(drawn).toEqual(real);
  });

  it('draws the client address under the actor from xl, as the rows have it', () => {
    const table = renderToStaticMarkup(createElement(AuditEventTable, { events: [event] }));
    expect(table).toMatch(/<td class="hidden md:table-cell[^"]*">.*?\bxl:block\b.*?<\/td>/);
    expect(skeleton).toMatch(
      /<td class="hidden md:table-cell[^"]*"><div class="flex items-center h-5">.*?<\/div><div class="mt-0.5 hidden xl:block">/,
    );
  });

  // On a phone the action's cell is the row: the action with its outcome at the line's end,
  // the time under it (the stored name from sm), then the actor. The skeleton drew the old
  // phone row (the outcome last, under the actor) and would have jumped by a line per row.
  it('draws the action’s cell line for line as an event’s, each line at the same widths', () => {
    const table = renderToStaticMarkup(createElement(AuditEventTable, { events: [event] }));
    const real = /<th scope="row"[^>]*>(.*?)<\/th>/.exec(table)?.[1];
    const drawn = /<tr class="align-top"><td [^>]*>.*?<\/td><td [^>]*>(.*?)<\/td>/.exec(
      skeleton,
    )?.[1];
    const lines = [
      'max-sm:flex', // the action's line, its outcome at the end on a phone:
      'sm:hidden', //   the outcome
      'hidden sm:block', // the stored name
      'sm:hidden', // the time
      'md:hidden', // the actor
    ];
    expect(shownAt(real ?? '')).toEqual(lines);
    expect(shownAt(drawn ?? '')).toEqual(lines);
    // The time's own cell, a phone's third of the row, is not drawn there either.
    expect(skeleton).toMatch(/<tr class="align-top"><td class="hidden sm:table-cell /);
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

/**
 * The subtitle as each reader gets it. A partner's tenant id in one sentence with the lead made
 * it four lines on a 390 px phone where the loading state draws three (the operator's three),
 * and the page jumped down a line when it arrived.
 */
describe('the audit list’s subtitle while it loads', () => {
  const tenantId = '5b7e1c3d-2222-4333-8444-555566667777';
  const partner: AuditScope = { kind: 'tenant', tenantId };
  const subtitles = {
    operator: auditScopeLine({ kind: 'all' }, null),
    named: auditScopeLine(partner, { label: 'Fabrikam Solutions', tenantId: null }),
    domain: auditScopeLine(partner, { label: 'fabrikamsolutions.onmicrosoft.com', tenantId }),
    // The longest: nothing names the tenant.
    unnamed: auditScopeLine(partner, null),
  };
  const drawn = (scope: (typeof subtitles)[keyof typeof subtitles]) =>
    renderToStaticMarkup(createElement(AuditListSubtitle, { scope }));
  /** The subtitle's markup with its scope line's words taken out: what decides its height. */
  const shape = (html: string) =>
    html.replace(
      /(<p class="wrap-anywhere sm:truncate" title=")[^"]*(" data-testid="audit-scope">)[^<]*/,
      '$1$2',
    );
  /** The bars the loading state draws for the subtitle, and which of them a phone hides. */
  const bars = /data-testid="audit-subtitle-lines">(.*?)<\/header>/.exec(skeleton)?.[1];
  const lines = [...(bars ?? '').matchAll(/<div class="flex items-center h-5">/g)].length;
  const phoneOnly = [...(bars ?? '').matchAll(/<div class="sm:hidden">/g)].length;

  it('is as tall for every reader from sm: the same lead, then whose it is on one line, cut not wrapped', () => {
    const reference = shape(drawn(subtitles.operator));
    for (const scope of Object.values(subtitles)) {
      const html = drawn(scope);
      expect(shape(html)).toBe(reference);
      // The whole line is in its text and hover text, however much of it a phone shows.
      expect(html).toContain(`>${scope.text}</p>`);
      expect(html).toContain(`title="${scope.title}"`);
    }
    expect(reference).toBe(
      `<div class="w-3xl max-w-full"><p>${auditListLead}</p><p class="wrap-anywhere sm:truncate" title="" data-testid="audit-scope"></p></div>`,
    );
    expect(subtitles.unnamed.text).toBe(`Your partner tenant: ${tenantId}`);
  });

  // The lead is 545 px in DejaVu Sans at 14 px (Debian's Chromium): one line in the measure from
  // `sm`, two in a 390 px phone's 342 px. The operator's line and a partner's usual name fit a
  // line on that phone; a longer label wraps there (no hover text on a phone).
  it('draws two lines from sm and three on a phone: the lead, then whose it is', () => {
    expect(bars).toBeDefined();
    expect(lines).toBe(3);
    expect(phoneOnly).toBe(1);
    expect(auditListLead.length).toBeLessThanOrEqual(77);
    expect(subtitles.operator.text.length).toBeLessThanOrEqual(44);
  });
});
