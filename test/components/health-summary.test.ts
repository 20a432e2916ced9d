import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HealthSummary } from '@/components/health/summary';
import { tenantHealth } from '@/lib/alerts/tenant-health.test-support';
import type { HealthReport } from '@/lib/health/types';

const own = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';

/** A platform operator's banner: their own tenant healthy, Fabrikam's `status`. */
function operatorBanner(status: 'expiring-soon' | 'healthy'): string {
  const report: HealthReport = {
    status: status === 'healthy' ? 'healthy' : 'degraded',
    generatedAt: '2026-12-03T10:00:00.000Z',
    probeIntervalSeconds: 30,
    tenants: [tenantHealth(own), tenantHealth(fabrikam, { status })],
    dependencies: [],
  };
  return renderToStaticMarkup(createElement(HealthSummary, { report, ownTenantId: own }));
}

describe("the health banner of a platform operator's report", () => {
  // In amber, "Attention needed" read as the operator's own problem.
  it("shows another partner's trouble as that partner's, in blue, not amber", () => {
    const html = operatorBanner('expiring-soon');
    expect(html).toContain('Other partner tenants need attention');
    expect(html).toContain('bg-brand-50');
    expect(html).not.toMatch(/amber|undefined/);
    // The endpoint's status is untouched: the banner only words it.
    expect(html).toContain('data-status="degraded"');
  });

  it('stays green when every tenant is healthy', () => {
    expect(operatorBanner('healthy')).toContain('bg-emerald-50');
  });
});
