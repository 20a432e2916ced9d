import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditEventTable } from '@/components/audit/event-table';
import { sampleAuditEvent } from './events.test-support';

const event = sampleAuditEvent;

describe('the audit events table on a phone', () => {
  const refused = {
    ...event,
    action: 'customers.users-exported',
    outcome: 'refused',
    reasonCode: 'cross_site',
    occurredAt: new Date('2026-12-06T04:07:53.951Z'),
  } as const;
  const html = renderToStaticMarkup(
    createElement(AuditEventTable, {
      events: [refused],
      tenantNames: new Map([[event.partnerTenant!, 'Fabrikam Solutions']]),
    }),
  );
  const rowHeader = /<th scope="row"[^>]*>(.*?)<\/th>/.exec(html)?.[1] ?? '';

  // The time's column, however narrow, kept about a third of a 390 px row: every actor's address
  // broke, and each event took five lines (a page of 50 was about 7,600 px tall).
  it('is one column, the action’s: the time has its column from sm only', () => {
    expect(html).toMatch(/<th scope="col" class="hidden sm:table-cell [^"]*">Time \(UTC\)<\/th>/);
    expect(html).toMatch(/<tr [^>]*><td class="hidden sm:table-cell [^"]*"><time /);
  });

  // The outcome came last, on the fifth line down, where a failure did not stand out.
  it('puts the outcome on the action’s line, at its end', () => {
    expect(rowHeader).toMatch(
      /^<div class="max-sm:flex max-sm:items-start max-sm:justify-between max-sm:gap-3"><a [^>]*>Users export \(CSV\)<\/a><span class="[^"]*\bsm:hidden\b[^"]*">Refused<\/span><\/div>/,
    );
  });

  // The stored name is on the event's page; under the action there is room for when it was.
  it('writes the time under the action in place of the stored name, the reason after it', () => {
    expect(rowHeader).toContain(
      '<div class="mt-0.5 font-mono text-xs font-normal text-slate-500 hidden sm:block">customers.<wbr/>users-exported · cross_site</div>',
    );
    expect(rowHeader).toContain(
      '<div class="mt-0.5 text-xs font-normal text-slate-600 tabular-nums sm:hidden"><time dateTime="2026-12-06T04:07:53.951Z"><span class="whitespace-nowrap">6 Dec 2026,</span> <span class="whitespace-nowrap">04:07:53.951 UTC</span></time> · <span class="font-mono leading-none text-slate-500">cross_site</span></div>',
    );
  });

  // Each line as wide as the row, so an actor's address no longer breaks: four short lines
  // where there were five (the stored name shows from sm only).
  it('then who acted, and for which partner tenant, a line each', () => {
    const lines = [...rowHeader.matchAll(/<div class="([^"]*)"[^>]*>(.*?)<\/div>/g)].map((m) => [
      m[1]?.split(' ').at(-1),
      m[2]?.replace(/<[^>]+>/g, ''),
    ]);
    expect(lines).toEqual([
      ['max-sm:gap-3', 'Users export (CSV)Refused'],
      ['sm:block', 'customers.users-exported · cross_site'],
      // With its zone: the column headed "Time (UTC)" is not there on a phone.
      ['sm:hidden', '6 Dec 2026, 04:07:53.951 UTC · cross_site'],
      ['md:hidden', 'admin@fabrikam.example'],
      ['lg:hidden', 'Fabrikam Solutions'],
    ]);
  });
});

// "system" was slate-400 on white, 2.6:1: too faint to read.
describe('an event the portal did itself', () => {
  const html = renderToStaticMarkup(
    createElement(AuditEventTable, {
      events: [{ ...event, actorUpn: null, actorOid: null, clientAddress: null, userAgent: null }],
    }),
  );
  it('names its actor "system" readably, in italic as not a person, in its column and folded', () => {
    const system = '<span class="text-slate-600 italic">system</span>';
    expect(html).toContain(
      `<td class="hidden md:table-cell px-4 py-3 wrap-anywhere text-slate-700">${system}`,
    );
    expect(html).toMatch(new RegExp(`<div class="[^"]*\\bmd:hidden\\b[^"]*">${system}</div>`));
    expect(html).not.toContain('slate-400');
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
    expect(html).toMatch(/<th scope="row"[^>]*><div [^>]*><a [^>]*href="\/audit\//);
  });
});

// The action's column is narrow on a phone: never "Re-" / "consent".
describe('an audit row of a re-consent', () => {
  it('keeps its action whole', () => {
    const html = renderToStaticMarkup(
      createElement(AuditEventTable, { events: [{ ...event, action: 'consent.reconsented' }] }),
    );
    expect(html).toMatch(
      /<a [^>]*href="\/audit\/[^"]*"[^>]*><span><span class="whitespace-nowrap">Re-consent<\/span><\/span><\/a>/,
    );
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
      /<td class="hidden md:table-cell [^"]*"><span class="text-slate-600 italic">system<\/span><\/td>/,
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
