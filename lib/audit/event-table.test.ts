import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditEventTable } from '@/components/audit/event-table';
import { sampleAuditEvent } from './events.test-support';

const event = sampleAuditEvent;

describe('the audit events table on a phone', () => {
  // Left to share the row, the time (wrapped after its date) took half of it and pushed
  // "Consent completed" onto two lines; `w-px` gives its column no more than its width.
  it('gives the time column only the width of its text', () => {
    const html = renderToStaticMarkup(createElement(AuditEventTable, { events: [event] }));
    expect(html).toMatch(/<th scope="col" class="[^"]*\bmax-sm:w-px\b[^"]*">Time \(UTC\)<\/th>/);
  });
});

describe('an audit row', () => {
  const html = renderToStaticMarkup(
    createElement(AuditEventTable, {
      events: [{ ...event, occurredAt: new Date('2026-12-06T00:32:26.718Z') }],
      listQuery: '?outcome=success',
    }),
  );

  // It read "2026-12-06 00:32:26.718" where every other page writes "6 Dec 2026, 00:32:26 UTC".
  it('writes its time as the portal does, to the millisecond, breaking only between date and clock', () => {
    expect(html).toContain(
      '<time dateTime="2026-12-06T00:32:26.718Z"><span class="whitespace-nowrap">6 Dec 2026,</span> <span class="whitespace-nowrap">00:32:26.718</span></time>',
    );
  });

  // The time was the row's only link: a small target of digits, where a reader looks for the action.
  it('opens the event from its action, keeping the list for the way back', () => {
    const links = [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(links).toEqual([[`/audit/${event.id}?outcome=success`, 'Consent completed']]);
    expect(html).toMatch(/<th scope="row"[^>]*><a [^>]*href="\/audit\//);
  });
});

describe('the audit events table on a laptop (1366 px: a content column of about 1100 px)', () => {
  const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
  const operatorView = renderToStaticMarkup(
    createElement(AuditEventTable, {
      events: [
        event,
        { ...event, id: '1b5c7a9e-1f2d-4c3b-8a79-6e5d4c3b2a10', partnerTenant: contoso },
        {
          ...event,
          id: '2b5c7a9e-1f2d-4c3b-8a79-6e5d4c3b2a10',
          actorUpn: null,
          clientAddress: null,
        },
      ],
      tenantNames: new Map([[event.partnerTenant!, 'Fabrikam Solutions']]),
    }),
  );
  const headers = [...operatorView.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map(
    (m) => m[1],
  );

  // The address's own column left the actor and the partner too little of the row: each UPN and
  // partner name wrapped onto two lines.
  it('stands the client address under the actor from xl, without a column of its own', () => {
    expect(headers).toEqual(['Time (UTC)', 'Action', 'Outcome', 'Actor', 'Partner tenant']);
    expect(operatorView).toMatch(
      /<td class="hidden md:table-cell [^"]*"><span [^>]*title="admin@fabrikam.example">.*?<\/span><span class="[^"]*\bhidden\b[^"]*\bxl:block\b[^"]*" title="127.0.0.1"><span class="sr-only">from <\/span>127.0.0.1<\/span><\/td>/,
    );
    // No address, no line: a system event's actor cell says "system" only.
    expect(operatorView).toMatch(
      /<td class="hidden md:table-cell [^"]*"><span class="text-slate-400">system<\/span><\/td>/,
    );
  });

  // A value that may wrap anywhere let the table squeeze its column to a few letters. In a box
  // of a bounded width the table keeps it whole; a rare longer one is cut, whole in its title.
  it('keeps an actor on one line from xl, cut short with the whole in its title and its text', () => {
    const actor = /<span class="([^"]*)" title="admin@fabrikam.example">(.*?)<\/span>/.exec(
      operatorView,
    );
    expect(actor?.[1]?.split(' ')).toEqual(
      expect.arrayContaining(['block', 'xl:max-w-80', 'xl:truncate', 'xl:[&amp;_wbr]:hidden']),
    );
    // Still the whole address for screen readers and copying; it wraps at its dots below xl.
    expect(actor?.[2]?.replaceAll('<wbr/>', '')).toBe('admin@fabrikam.example');
    const address = /<span class="([^"]*)" title="127.0.0.1">/.exec(operatorView);
    expect(address?.[1]?.split(' ')).toEqual(
      expect.arrayContaining(['hidden', 'xl:block', 'xl:max-w-80', 'xl:truncate']),
    );
  });

  // Its hover text is its tenant id, so a partner's name is never cut: its box is at least as
  // wide as a usual company name, which the table then never wraps.
  it('keeps a partner name on one line from lg, its id in its title', () => {
    const partner = /<span class="([^"]*)" title="([^"]*)">Fabrikam Solutions<\/span>/.exec(
      operatorView,
    );
    expect(partner?.[1]?.split(' ')).toEqual(
      expect.arrayContaining(['block', 'lg:min-w-40', 'lg:max-w-56']),
    );
    expect(partner?.[1]).not.toContain('truncate');
    expect(partner?.[2]).toBe(event.partnerTenant);
    // A partner without a known name shows its id, whole, in the same box (it wraps after its
    // hyphens).
    const id = new RegExp(`<span class="(block [^"]*)">${contoso}</span>`).exec(operatorView);
    expect(id?.[1]?.split(' ')).toEqual(
      expect.arrayContaining(['block', 'font-mono', 'lg:min-w-40', 'lg:max-w-56']),
    );
  });

  it('still folds the actor and the partner under the action below their columns', () => {
    expect(operatorView).toMatch(
      /<div class="[^"]*\bmd:hidden\b[^"]*">admin@<wbr\/>fabrikam\.example<\/div>/,
    );
    expect(operatorView).toMatch(
      /<div class="[^"]*\blg:hidden\b[^"]*" data-testid="audit-row-tenant">Fabrikam Solutions<\/div>/,
    );
  });
});
