import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TenantCard } from '@/components/health/tenant-card';
import { tenantHealth } from '@/lib/alerts/tenant-health.test-support';
import { partnerLabel } from '@/lib/partner-name/cache';
import type { TenantHealth } from '@/lib/health/types';

const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const now = '2026-12-03T10:00:00.000Z';

const card = (tenant: TenantHealth) =>
  renderToStaticMarkup(
    createElement(TenantCard, { tenant, now, canManage: false, viewOnly: true }),
  );

/** The card's heading: its markup, and its text as read out (tags dropped, spaces folded). */
function heading(html: string): { markup: string; text: string } {
  const markup = /<h3[^>]*>[\s\S]*?<\/h3>/.exec(html)?.[0] ?? '';
  return {
    markup,
    text: markup
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  };
}

/** A partner tenant no one has connected: no name, no grant (lib/health/status.ts names it by its id). */
const unnamed = tenantHealth(fabrikam, {
  displayName: partnerLabel(fabrikam, null),
  status: 'not-connected',
  grant: null,
});

// A tenant with no name known had its id as its heading, in the heading's large monospace, which
// broke mid-id over two lines on a 390 px phone.
describe("a tenant card's heading", () => {
  it('without a name: "Partner tenant" in words, the id a small line under it that breaks anywhere', () => {
    const { markup, text } = heading(card(unnamed));
    expect(text).toBe(`Partner tenant ${fabrikam}`);
    expect(markup).toMatch(/^<h3 class="text-lg font-semibold text-slate-900">Partner tenant /);
    // The id as a named card's id line draws it: its own line, small, grey, monospace.
    const id = new RegExp(`<span class="([^"]*)">${fabrikam}</span></h3>$`).exec(markup);
    expect(id?.[1]?.split(' ').sort()).toEqual(
      ['block', 'font-mono', 'font-normal', 'text-slate-500', 'text-xs', 'wrap-anywhere'].sort(),
    );
    expect(markup).not.toContain('text-base');
    expect(text).not.toContain(`Tenant ${fabrikam}`);
  });

  it('with a name: the name, and the id on the line under it', () => {
    const html = card(tenantHealth(fabrikam, { displayName: 'Fabrikam Solutions' }));
    expect(heading(html).text).toBe('Fabrikam Solutions');
    expect(html).toContain(
      `</h3><p class="font-mono text-xs wrap-anywhere text-slate-500">${fabrikam}</p>`,
    );
    expect(html).not.toContain('Partner tenant');
  });

  it('the id shows once either way', () => {
    for (const tenant of [unnamed, tenantHealth(fabrikam, { displayName: 'Fabrikam' })]) {
      // Its attributes hold it too (the card's anchor is `tenant-<id>`): not shown.
      const shown = card(tenant).replace(/ (data-tenant-)?id="[^"]*"/g, '');
      expect(shown.split(fabrikam)).toHaveLength(2);
    }
  });
});
