import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EventDetail } from '@/components/audit/event-detail';
import { AuditEventTable } from '@/components/audit/event-table';
import { AuditFilterForm } from '@/components/audit/filter-form';
import { LatestAudit } from '@/components/dashboard/latest-audit';
import { auditActionLabel, auditActionLabels, auditDetailLabel } from './action-labels';
import { auditActions, type AuditEvent } from './events';

const refusedExport: AuditEvent = {
  id: '0b5c7a9e-1f2d-4c3b-8a79-6e5d4c3b2a10',
  occurredAt: new Date('2026-12-04T03:30:00Z'),
  partnerTenant: '5b7e1c3d-2222-4333-8444-555566667777',
  actorUpn: 'admin@fabrikam.example',
  actorOid: '11111111-2222-4333-8444-555555555555',
  actorTenant: '5b7e1c3d-2222-4333-8444-555566667777',
  action: 'customers.users-exported',
  outcome: 'refused',
  reasonCode: 'cross_site',
  correlationId: null,
  clientAddress: '127.0.0.1',
  userAgent: null,
  details: { customerId: null, rows: 0, started: false },
};

describe('the words the audit pages use for each action', () => {
  it('names every action, each differently', () => {
    expect(Object.keys(auditActionLabels).sort()).toEqual([...auditActions].sort());
    expect(new Set(Object.values(auditActionLabels)).size).toBe(auditActions.length);
  });

  it('shows an action this version does not know by its stored name', () => {
    expect(auditActionLabel('consent.completed')).toBe('Consent completed');
    expect(auditActionLabel('tenant.renamed')).toBe('tenant.renamed');
    expect(auditActionLabel('constructor')).toBe('constructor');
  });

  it('shows the words with the stored name and the reason under them, in the table', () => {
    const html = renderToStaticMarkup(createElement(AuditEventTable, { events: [refusedExport] }));
    expect(html).toContain('Users export (CSV)');
    // The stored name may wrap after its dots on a phone; the reason follows it.
    expect(html.replaceAll('<wbr/>', '')).toContain('customers.users-exported · cross_site');
    expect(html).toContain('data-action="customers.users-exported"');
  });

  it("names each event's partner tenant in a view of several, and has no such column in a partner's own", () => {
    const other = {
      ...refusedExport,
      id: 'b',
      partnerTenant: '9a9a9a9a-2222-4333-8444-555566667777',
    };
    const names = new Map([[refusedExport.partnerTenant!, 'Fabrikam Solutions']]);
    const html = renderToStaticMarkup(
      createElement(AuditEventTable, { events: [refusedExport, other], tenantNames: names }),
    );
    expect(html).toContain('>Partner tenant</th>');
    expect(html).toContain(`title="${refusedExport.partnerTenant}">Fabrikam Solutions</span>`);
    // No name known: the id itself.
    expect(html).toContain(`>${other.partnerTenant}</span>`);
    const own = renderToStaticMarkup(createElement(AuditEventTable, { events: [refusedExport] }));
    expect(own).not.toContain('Partner tenant');
  });

  it('titles the detail with the words and keeps the stored name beside them', () => {
    const html = renderToStaticMarkup(createElement(EventDetail, { event: refusedExport }));
    expect(html).toMatch(
      /Users export \(CSV\) <span class="font-mono text-xs text-slate-500">customers\.users-exported<\/span>/,
    );
  });

  it('lists the details in words, an unknown key as stored, and lets the actor wrap at its parts', () => {
    const rotation: AuditEvent = {
      ...refusedExport,
      action: 'token.rotated',
      outcome: 'success',
      reasonCode: null,
      details: { keyVaultVersion: 'v2', previousKeyVaultVersion: 'v1', addedLater: 1 },
    };
    const html = renderToStaticMarkup(createElement(EventDetail, { event: rotation }));
    expect(html).toContain('>Key Vault version</dt>');
    expect(html).toContain('>Previous Key Vault version</dt>');
    expect(html).toContain('>addedLater</dt>');
    expect(html).not.toContain('>keyVaultVersion</dt>');
    expect(html).toContain('admin@<wbr/>fabrikam.example');
    const named = renderToStaticMarkup(
      createElement(EventDetail, {
        event: rotation,
        tenantNames: new Map([[rotation.partnerTenant!, 'Fabrikam Solutions']]),
      }),
    );
    expect(named).toContain(
      `Fabrikam Solutions<span class="block font-mono text-xs text-slate-500">${rotation.partnerTenant}</span>`,
    );
    expect(auditDetailLabel('consentedBy')).toBe('Consented by');
    expect(auditDetailLabel('toString')).toBe('toString');
  });

  // "Customer id" beside the page's "Event ID" and "Correlation ID": ID as Microsoft writes it.
  it('says ID in the details’ words as the event page’s own labels do', () => {
    expect(auditDetailLabel('customerId')).toBe('Customer ID');
    expect(auditDetailLabel('targetId')).toBe('Target ID');
  });

  it('names the latest events on the home page in words', () => {
    const html = renderToStaticMarkup(createElement(LatestAudit, { events: [refusedExport] }));
    expect(html).toContain('>Users export (CSV)</a>');
    expect(html).toContain('data-action="customers.users-exported"');
  });

  it('offers the words in the filter, filtering by the stored name', () => {
    const html = renderToStaticMarkup(createElement(AuditFilterForm, { filter: {}, raw: {} }));
    expect(html).toContain('<option value="customers.users-exported">Users export (CSV)</option>');
    expect(html).toContain('<option value="keep-alive.run">Keep-alive run</option>');
  });
});
