import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EventDetail } from '@/components/audit/event-detail';
import { sampleAuditEvent } from '@/lib/audit/events.test-support';

describe("an audit event's page", () => {
  // It read "2026-12-06 00:32:26.718" in a mono font; the CSV export's ISO time stays under it,
  // to find the same event in an export.
  it('writes the time as the portal does, with its zone, and the ISO time under it', () => {
    const html = renderToStaticMarkup(
      createElement(EventDetail, {
        event: { ...sampleAuditEvent, occurredAt: new Date('2026-12-06T00:32:26.718Z') },
      }),
    );
    expect(html).toContain(
      '<dt class="text-sm font-medium text-slate-500">Time</dt><dd class="wrap-anywhere text-sm text-slate-900"><time dateTime="2026-12-06T00:32:26.718Z">6 Dec 2026, 00:32:26.718 UTC</time><span class="block font-mono text-xs text-slate-500">2026-12-06T00:32:26.718Z</span></dd>',
    );
  });

  /** Each row's label and value, the value's markup as written. */
  const rowsOf = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/<dt [^>]*>([^<]*)<\/dt><dd [^>]*>(.*?)<\/dd>/g)].map((m) => [m[1], m[2]]),
    );
  const consent = renderToStaticMarkup(
    createElement(EventDetail, {
      event: {
        ...sampleAuditEvent,
        details: {
          keyVaultVersion: '4da224edb905b6a949afc232bc37d609',
          previousKeyVaultVersion: null,
          consentedBy: 'admin@fabrikamsolutions.onmicrosoft.com',
        },
      },
    }),
  );

  it('shows a customer its reader may look up as the page gives it, the stored id otherwise', () => {
    const customerId = '5f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    // In jsonb's order, as the database gives them back: shorter keys first.
    const event = { ...sampleAuditEvent, details: { rows: 3, started: false, customerId } };
    const bare = rowsOf(renderToStaticMarkup(createElement(EventDetail, { event })));
    expect(bare['Customer ID']).toBe(`<span class="font-mono text-xs">${customerId}</span>`);
    const named = rowsOf(
      renderToStaticMarkup(
        createElement(EventDetail, {
          event,
          customer: createElement('a', { href: `/customers/${customerId}` }, 'A. Datum'),
        }),
      ),
    );
    expect(named['Customer']).toBe(`<a href="/customers/${customerId}">A. Datum</a>`);
    expect(named['Customer ID']).toBeUndefined();
    expect(named['Rows']).toBe('<span class="font-mono text-xs">3</span>');
    // The customer first among the details: what the export was of.
    const labels = Object.keys(named);
    expect(labels.indexOf('Customer')).toBe(labels.indexOf('User agent') + 1);
  });

  // "Event id" where the page's other labels (and Microsoft) say "Correlation ID", "Object ID".
  it('says ID as the other labels do', () => {
    expect(rowsOf(consent)).toHaveProperty('Event ID');
    expect(consent).not.toMatch(/ id</);
  });

  // "Consented by" was in the ids' monospace, a few rows under the Actor in the text's font.
  it('writes a UPN in the details as it writes the Actor; ids and versions stay monospace', () => {
    const rows = rowsOf(consent);
    expect(rows['Consented by']).toBe('admin@<wbr/>fabrikamsolutions<wbr/>.onmicrosoft.com');
    expect(rows['Actor']).toBe('admin@<wbr/>fabrikam.example');
    expect(rows['Key Vault version']).toBe(
      '<span class="font-mono text-xs">4da224edb905b6a949afc232bc37d609</span>',
    );
  });

  // The standard fields are on every event's page in the same places, "—" where empty; an empty
  // detail said nothing the action does not ("Previous Key Vault version —" on a first consent).
  it('lists every standard field, an empty one as a readable "—", and leaves out empty details', () => {
    const rows = rowsOf(consent);
    expect(Object.keys(rows)).toEqual([
      'Time',
      'Action',
      'Outcome',
      'Reason',
      'Partner tenant',
      'Actor',
      'Actor object ID',
      'Actor tenant',
      'Correlation ID',
      'Client address',
      'User agent',
      'Key Vault version',
      'Consented by',
      'Event ID',
    ]);
    expect(rows['Reason']).toBe('<span class="text-slate-500">—</span>');
    expect(rows['Correlation ID']).toBe('<span class="text-slate-500">—</span>');
    // A detail of 0 or false is a value, not an empty one.
    const refused = rowsOf(
      renderToStaticMarkup(
        createElement(EventDetail, {
          event: { ...sampleAuditEvent, details: { customerId: null, rows: 0, started: false } },
        }),
      ),
    );
    expect(refused).not.toHaveProperty('Customer ID');
    expect(refused['Rows']).toBe('<span class="font-mono text-xs">0</span>');
    // A yes or no in words, not the stored `false` in the codes' monospace.
    expect(refused['Download started']).toBe('No');
  });

  // "system" was slate-400 on white (2.6:1), as was the "—".
  it('names the portal’s own events’ actor "system" readably, in italic as not a person', () => {
    const html = renderToStaticMarkup(
      createElement(EventDetail, {
        event: {
          ...sampleAuditEvent,
          actorUpn: null,
          actorOid: null,
          clientAddress: null,
          userAgent: null,
        },
      }),
    );
    expect(rowsOf(html)['Actor']).toBe('<span class="text-slate-600 italic">system</span>');
    expect(html).not.toContain('slate-400');
  });

  // A health probe without credentials read "system": as if the portal had refused itself, an
  // outside caller hidden from the trail's reader.
  it('names a request without a session "not signed in", and the scheduler\'s keep-alive its own', () => {
    const actor = (over: Partial<typeof sampleAuditEvent>) =>
      rowsOf(
        renderToStaticMarkup(
          createElement(EventDetail, {
            event: { ...sampleAuditEvent, actorUpn: null, actorOid: null, ...over },
          }),
        ),
      )['Actor'];
    expect(actor({ action: 'health.access-refused', userAgent: 'curl/8.5.0' })).toBe(
      '<span class="text-slate-600 italic">not signed in</span>',
    );
    // Recorded before a scheduler's run left its request out of every partner's trail.
    expect(actor({ action: 'keep-alive.run', userAgent: 'curl/8.5.0' })).toBe(
      '<span class="text-slate-600 italic">scheduler</span>',
    );
    // Recorded since: the portal's own work, which says who started it (said once, as the actor).
    const scheduled = {
      action: 'keep-alive.run',
      clientAddress: null,
      userAgent: null,
      details: { result: 'refreshed', startedBy: 'scheduler' },
    };
    expect(actor(scheduled)).toBe('<span class="text-slate-600 italic">scheduler</span>');
    expect(actor({ ...scheduled, details: { result: 'refreshed' } })).toBe(
      '<span class="text-slate-600 italic">system</span>',
    );
    const html = renderToStaticMarkup(
      createElement(EventDetail, {
        event: { ...sampleAuditEvent, actorUpn: null, actorOid: null, ...scheduled },
      }),
    );
    expect(html).not.toContain('startedBy');
    expect(html.match(/scheduler/g)).toHaveLength(1);
  });

  // "Reason cross_site", "Reason access_denied": a code alone, which the trail's reader had to
  // look up. The portal's words now, the stored code under them as filters and the CSV have it.
  it('says the reason in words, the stored code under them; a code without words stays as it is', () => {
    const reason = (action: string, reasonCode: string) =>
      rowsOf(
        renderToStaticMarkup(
          createElement(EventDetail, {
            event: { ...sampleAuditEvent, action, outcome: 'refused', reasonCode },
          }),
        ),
      )['Reason'];
    expect(reason('customers.users-exported', 'cross_site')).toBe(
      'Asked for by another site’s page, not the portal’s own: refused.<span class="block font-mono text-xs text-slate-500">cross_site</span>',
    );
    expect(reason('consent.failed', 'access_denied')).toBe(
      'Consent was declined on the Microsoft consent page.<span class="block font-mono text-xs text-slate-500">access_denied</span>',
    );
    expect(reason('keep-alive.run', 'AADSTS90033')).toBe(
      '<span class="font-mono text-xs">AADSTS90033</span>',
    );
  });
});
