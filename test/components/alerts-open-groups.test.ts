import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { OpenAlertItem, OpenAlertLists } from '@/lib/alerts/open-alerts';

// The section's "Evaluate now" form posts to a server action: not under test here.
vi.mock('@/lib/alerts/settings-actions', () => ({ evaluateNowAction: async () => undefined }));
const { OpenAlertsSection } = await import('@/components/alerts/open-alerts-section');

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const now = Date.UTC(2026, 11, 7, 1, 0, 0);

function item(key: string): OpenAlertItem {
  return {
    key,
    title: 'Re-consent needed',
    severity: 'critical',
    whatToDo: 'An Admin of the partner tenant re-consents.',
    path: '/onboarding',
    firstSeenAt: new Date(now - 3_600_000),
    told: { kind: 'sent', at: new Date(now - 3_000_000), nextReminder: null },
  };
}

function render(lists: OpenAlertLists, operator: boolean, name: string | null): string {
  return renderToStaticMarkup(
    createElement(OpenAlertsSection, {
      lists,
      operator,
      own: { tenantId: contoso, name },
      lastEvaluatedAt: new Date(now - 60_000),
      now,
    }),
  );
}

const headings = (html: string) =>
  [...html.matchAll(/<h3[^>]*>([\s\S]*?)<\/h3>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '|'));

// A tenant known by its id only read "Tenant <id>" here and "Partner tenant <id>" on /health.
describe("the open alerts' groups name a tenant known by its id only as /health does", () => {
  it("heads another partner's group and the operator's own with the words, the id under them", () => {
    const html = render(
      {
        own: [item('own')],
        platform: [],
        partners: [{ tenantId: fabrikam, label: `Tenant ${fabrikam}`, items: [item('fab')] }],
      },
      true,
      null,
    );
    expect(headings(html)).toEqual([
      `Partner tenant (yours) |${contoso}|`,
      `Partner tenant |${fabrikam}|`,
    ]);
    expect(html).toContain(
      `<span class="block font-mono text-xs font-normal wrap-anywhere text-slate-500">${fabrikam}</span>`,
    );
    expect(html).not.toContain(`Tenant ${fabrikam}`);
  });

  it('keeps a known name as the heading', () => {
    const html = render(
      {
        own: [item('own')],
        platform: [],
        partners: [{ tenantId: fabrikam, label: 'Fabrikam Solutions', items: [item('fab')] }],
      },
      true,
      'Contoso Partner',
    );
    expect(headings(html)).toEqual(['Contoso Partner (yours)', 'Fabrikam Solutions']);
  });

  it('says "your partner tenant" to a partner\'s Admin whose tenant has no name yet', () => {
    const empty = render({ own: [], platform: [], partners: [] }, false, null);
    expect(empty).toContain('The conditions that hold now for your partner tenant, as the last');
    expect(empty).toContain('No condition holds for your partner tenant as of');
    expect(empty).not.toContain(contoso);
    const named = render({ own: [], platform: [], partners: [] }, false, 'Fabrikam Solutions');
    expect(named).toContain('The conditions that hold now for Fabrikam Solutions, as the last');
  });
});
