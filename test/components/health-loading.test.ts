import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import HealthLoading from '@/app/health/loading';
import { DependenciesPanel } from '@/components/health/dependencies-panel';
import { HealthSummary } from '@/components/health/summary';
import { TenantCard } from '@/components/health/tenant-card';
import { tenantHealth } from '@/lib/alerts/tenant-health.test-support';
import type { DependencyHealth, HealthReport } from '@/lib/health/types';

const now = '2026-12-03T10:00:00.000Z';
const skeleton = renderToStaticMarkup(createElement(HealthLoading));
const skeletonClasses = [...skeleton.matchAll(/class="([^"]*)"/g)].map((m) => m[1]!.split(' '));

/** The class list of the first element `opening` (a regular expression source) matches in `html`. */
function classesOf(html: string, opening: string): string[] {
  const match = new RegExp(`${opening}[^>]*?class="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no ${opening} in the page's markup`);
  return match[1]!.split(' ');
}

/** How many of the skeleton's boxes are laid out as `box` is: each of its classes, maybe more. */
const boxesLike = (box: string[]) =>
  skeletonClasses.filter((classes) => box.every((c) => classes.includes(c))).length;

const dependency = (name: DependencyHealth['name'], label: string): DependencyHealth => ({
  name,
  label,
  state: 'ok',
  checkedAt: now,
  latencyMs: 40,
  error: null,
  stale: false,
  history: [],
});

// A generic skeleton (three boxes in a row) looked like no part of the page, which then
// jumped into place: the skeleton is the page's own boxes, spaced as the page spaces them.
describe("the health page's loading state", () => {
  it('is one busy region that says what loads, under the page’s own title', () => {
    expect(skeleton.match(/role="status"/g)).toHaveLength(1);
    expect(skeleton).toMatch(/^<div role="status"[^>]*aria-busy="true"[^>]*class="space-y-8"/);
    expect(skeleton).toContain('<h1 class="text-2xl font-semibold text-slate-900">Health</h1>');
    expect(skeleton).toContain('Loading the health report');
  });

  it('draws the summary banner with the banner’s own layout, its colour aside', () => {
    const report: HealthReport = {
      status: 'healthy',
      generatedAt: now,
      probeIntervalSeconds: 30,
      tenants: [],
      dependencies: [],
    };
    const banner = classesOf(
      renderToStaticMarkup(createElement(HealthSummary, { report })),
      'data-testid="health-summary"',
    ).filter((c) => !/^(border|bg|text)-[a-z]+-\d+$/.test(c));
    expect(boxesLike(banner)).toBe(1);
  });

  it('draws a tenant card as the card is boxed, and a row for each dependency as the panel lays them', () => {
    const card = renderToStaticMarkup(
      createElement(TenantCard, {
        tenant: tenantHealth('8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11'),
        now,
        canManage: false,
        viewOnly: false,
      }),
    );
    expect(boxesLike(classesOf(card, '<article'))).toBe(1);
    expect(boxesLike(classesOf(card, '<dl'))).toBe(1);
    const panel = renderToStaticMarkup(
      createElement(DependenciesPanel, {
        dependencies: [
          dependency('keyVault', 'Key Vault'),
          dependency('entra', 'Entra token endpoint'),
          dependency('partnerCenter', 'Partner Center'),
          dependency('database', 'Database (audit trail)'),
        ],
        now,
        intervalSeconds: 30,
      }),
    );
    expect(boxesLike(classesOf(panel, '<section'))).toBeGreaterThanOrEqual(1);
    expect(boxesLike(classesOf(panel, '<li'))).toBe(4);
  });
});
