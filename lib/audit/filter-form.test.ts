import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditFilterForm } from '@/components/audit/filter-form';
import { buttonClass } from '@/components/ui/button';

const render = (
  filter: Parameters<typeof AuditFilterForm>[0]['filter'],
  raw: Record<string, string | undefined> = {},
) => renderToStaticMarkup(createElement(AuditFilterForm, { filter, raw }));

// The panel's classes say where the fields show: `hidden sm:block` is folded on a phone only.
const folded = (html: string) => /<div id="[^"]+" class="hidden sm:block">/.test(html);

describe('the audit filters on a phone', () => {
  // Five fields filled a 390 px screen before the first event.
  it('fold behind a "Filters" button when no filter is asked for', () => {
    const html = render({});
    expect(html).toContain('aria-expanded="false"');
    expect(html).toMatch(/<button[^>]*class="[^"]*sm:hidden[^"]*"[^>]*>.*Filters<\/button>/);
    expect(folded(html)).toBe(true);
    expect(html).toContain('name="action"');
  });

  it('stay open when the list is filtered, and the button says how many filters apply', () => {
    const html = render(
      { action: 'consent.completed', actor: 'admin@contoso.com' },
      { action: 'consent.completed', actor: 'admin@contoso.com' },
    );
    expect(html).toContain('aria-expanded="true"');
    expect(html).toContain('2 applied');
    expect(folded(html)).toBe(false);
  });

  it('stay open beside a refused filter, though none applies', () => {
    const html = render({}, { from: 'yesterday' });
    expect(html).toContain('aria-expanded="true"');
    expect(html).not.toContain('applied');
    expect(folded(html)).toBe(false);
  });

  it('ignore what is not a filter in the address', () => {
    expect(folded(render({}, { cursor: 'abc', exportFailure: 'busy' }))).toBe(true);
  });
});

describe('the audit filters’ words and grid', () => {
  // "Filter" under a "Filters" button read as the same control; it applies exact filters, not a search.
  it('submit with "Apply filters"', () => {
    expect(render({})).toMatch(/<button type="submit"[^>]*>Apply filters<\/button>/);
  });

  // Five fields and the buttons in one row left each field about 170 px at the page's widest,
  // too narrow for a date field's "mm/dd/yyyy, --:--".
  it('lie in three columns from lg, the buttons level with the fields', () => {
    const grid = /<form [^>]*class="([^"]+)"/.exec(render({}))?.[1] ?? '';
    expect(grid.split(' ')).toEqual(expect.arrayContaining(['lg:grid-cols-3', 'sm:items-end']));
    expect(grid).not.toContain('repeat(5');
  });
});

describe('the audit filters’ buttons', () => {
  // The designer's review: Clear had no background of its own and drew grey-filled beside the
  // white export; it is the portal's secondary button, as tall as the fields (its `control`
  // size, which the export and the pager's links share).
  it('draw Clear as a white secondary button, level with the fields', () => {
    const html = render({});
    const clear = /<a [^>]*class="([^"]*)"[^>]*>Clear<\/a>/.exec(html)?.[1];
    expect(clear).toBe(buttonClass('secondary', '', 'control'));
    expect(clear?.split(' ')).toEqual(expect.arrayContaining(['bg-white', 'h-10']));
    const apply = /<button type="submit" class="([^"]*)"/.exec(html)?.[1];
    expect(apply).toBe(buttonClass('primary', '', 'control'));
  });
});

describe('the audit filters’ time fields', () => {
  // The browser draws a datetime-local field as "mm/dd/yyyy, --:-- --", in the reader's own
  // format, with no zone: a time typed as local time looked right.
  it('say beside each label, and to a screen reader, that the time is UTC, not local', () => {
    const html = render({});
    for (const [field, label] of [
      ['from', 'From (UTC)'],
      ['to', 'To (UTC)'],
    ] as const) {
      expect(html).toContain(`<label for="audit-${field}" class="`);
      expect(html).toMatch(
        new RegExp(`<label for="audit-${field}"[^>]*>${label.replace(/[()]/g, '\\$&')}</label>`),
      );
      const input = new RegExp(`<input id="audit-${field}"[^>]*>`).exec(html)?.[0] ?? '';
      expect(input).toContain('type="datetime-local"');
      expect(input).toContain(`aria-describedby="audit-${field}-hint"`);
      expect(html).toMatch(
        new RegExp(`<span id="audit-${field}-hint"[^>]*>not your local time</span>`),
      );
    }
  });

  // The loading skeleton draws each label one line high (components/audit/list-skeleton.tsx).
  it('keep the hint on the label’s line, so the field boxes stay level', () => {
    const row = /<div class="([^"]*)"><label for="audit-from"/.exec(render({}))?.[1] ?? '';
    expect(row.split(' ')).toEqual(expect.arrayContaining(['flex', 'items-baseline']));
    expect(row).not.toContain('flex-col');
    expect(/<span id="audit-from-hint" class="([^"]*)"/.exec(render({}))?.[1]).toContain(
      'truncate',
    );
  });
});
