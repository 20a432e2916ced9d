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
});
