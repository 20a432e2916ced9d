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
