import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditEventTable } from '@/components/audit/event-table';
import type { AuditEvent } from './events';

const event: AuditEvent = {
  id: '0b5c7a9e-1f2d-4c3b-8a79-6e5d4c3b2a10',
  occurredAt: new Date('2026-12-04T03:30:00Z'),
  partnerTenant: '5b7e1c3d-2222-4333-8444-555566667777',
  actorUpn: 'admin@fabrikam.example',
  actorOid: null,
  actorTenant: null,
  action: 'consent.completed',
  outcome: 'success',
  reasonCode: null,
  correlationId: null,
  clientAddress: null,
  userAgent: null,
  details: {},
};

describe('the audit events table on a phone', () => {
  // Left to share the row, the time (wrapped after its date) took half of it and pushed
  // "Consent completed" onto two lines; `w-px` gives its column no more than its width.
  it('gives the time column only the width of its text', () => {
    const html = renderToStaticMarkup(createElement(AuditEventTable, { events: [event] }));
    expect(html).toMatch(/<th scope="col" class="[^"]*\bmax-sm:w-px\b[^"]*">Time \(UTC\)<\/th>/);
  });
});
