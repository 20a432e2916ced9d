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
  // In amber, "Needs attention" read as the operator's own problem.
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

// On an instance cut off from Key Vault the banner, the vault row's box and the line under it
// each said whose path fails: the banner keeps its title and the counts, and points to the row.
describe('the health banner of an instance cut off from a dependency', () => {
  const at = '2027-10-12T11:30:00.000Z';
  const report = (thisOne: 'down' | 'ok'): HealthReport => ({
    status: thisOne === 'down' ? 'unhealthy' : 'healthy',
    generatedAt: at,
    probeIntervalSeconds: 4,
    tenants: [tenantHealth(own, { status: thisOne === 'down' ? 'degraded' : 'healthy' })],
    dependencies: [
      {
        name: 'keyVault',
        label: 'Key Vault',
        state: thisOne,
        checkedAt: at,
        latencyMs: 400,
        error: null,
        history: [],
        instances: [
          { instance: 'Instance 1', thisInstance: true, state: thisOne, checkedAt: at },
          { instance: 'Instance 2', thisInstance: false, state: 'ok', checkedAt: at },
        ],
      },
    ],
  });
  const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");

  it('names it in its title only, and links to Dependencies', () => {
    const html = renderToStaticMarkup(createElement(HealthSummary, { report: report('down') }));
    expect(text(html)).toContain(
      'This instance cannot reach Key VaultYour partner tenant: degraded. See Dependencies.',
    );
    expect(html).toMatch(/<a href="#dependencies"[^>]*>Dependencies<\/a>/);
    expect(text(html)).not.toMatch(/fault|another instance reaches/);
  });

  it('links nowhere when this instance reaches everything', () => {
    const html = renderToStaticMarkup(createElement(HealthSummary, { report: report('ok') }));
    expect(html).not.toContain('href="#dependencies"');
  });

  // Cut off here, the banner pointed to the vault's row; down for every instance, it did not.
  it('links to Dependencies when the vault is down for every instance too', () => {
    const down = report('down');
    const everywhere: HealthReport = {
      ...down,
      dependencies: down.dependencies.map((d) => ({
        ...d,
        instances: d.instances!.map((i) => ({ ...i, state: 'down' as const })),
      })),
    };
    const html = renderToStaticMarkup(createElement(HealthSummary, { report: everywhere }));
    expect(text(html)).toContain(
      'Outage: a service the portal needs is failing or unreachableYour partner tenant: degraded. Key Vault is failing or unreachable; the portal keeps asking on its own. See Dependencies.',
    );
    expect(html).toMatch(/<a href="#dependencies"[^>]*>Dependencies<\/a>/);
  });
});
