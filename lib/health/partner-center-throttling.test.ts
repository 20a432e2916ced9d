import { describe, expect, it } from 'vitest';
import type { DependencyVerdicts } from './facts';
import { card, count, dependency, page, row, user } from './health-sections.test-support';
import { scopeHealthReport } from './report-scope';
import { computeTenantHealth } from './status';
import { readableText as text } from './tenant-problem.test-support';
import type { HealthReport } from './types';

/*
 * Partner Center answering the health probe with 429, the token it was probed with Contoso's.
 * Partner Center's row states the fact (the probe's words: "throttling (HTTP 429)", and how long
 * it asked the portal to wait); Contoso's card said the same again ("Partner Center is throttling
 * this tenant (HTTP 429)", "Wait for the Retry-After period"). The card says what it means for
 * the tenant instead.
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const now = Date.UTC(2027, 6, 5, 11, 17);
const at = new Date(now).toISOString();
const day = 86_400_000;
const ok = { state: 'ok', code: null, message: null } as const;
/** lib/failure's health translation of Partner Center's 429 with `Retry-After: 57`. */
const probeSaid = 'Partner Center is throttling (HTTP 429). Retry after 57 s.';
const throttled = { state: 'degraded', code: 'throttled', message: probeSaid } as const;

function tenant(tenantId: string, partnerCenter: DependencyVerdicts['partnerCenter']) {
  return computeTenantHealth(
    {
      tenantId,
      secret: {
        version: 'v1',
        createdAt: now - day,
        mintedBy: `admin@${tenantId.slice(0, 4)}.test`,
        mintedAt: now - day,
        mfa: true,
      },
      secretStale: false,
      token: null,
    },
    {
      now,
      warnDays: [30, 7],
      dependencies: { keyVault: ok, entra: ok, partnerCenter },
      partnerCenterProbeTenantId: contoso,
    },
  );
}

const report: HealthReport = {
  status: 'degraded',
  generatedAt: at,
  probeIntervalSeconds: 30,
  tenants: [tenant(contoso, throttled), tenant(fabrikam, throttled)],
  dependencies: [
    dependency('keyVault', 'Key Vault', ok, at),
    dependency('entra', 'Entra token endpoint', ok, at),
    dependency('partnerCenter', 'Partner Center', throttled, at),
  ],
};

describe('Partner Center throttling the probed tenant, said once', () => {
  it.each([
    ['a platform operator', page(report, user(contoso), 'operator')],
    [
      'the partner whose token it was',
      page(
        scopeHealthReport(report, { kind: 'tenant', tenantId: contoso }, contoso),
        user(contoso),
        'partner',
      ),
    ],
  ])('the row states the fact, the card what it means for the tenant (%s)', (_reader, html) => {
    const words = text(html);
    expect(text(row(html, 'partnerCenter'))).toContain(probeSaid);
    const own = text(card(html, contoso));
    expect(own).toContain("Partner Center is holding up this tenant's requests");
    expect(own).toContain(
      "Its throttling slows requests made with this tenant's connection: customers may load slowly or not at all for a while. No re-consent is needed.",
    );
    expect(own).toContain('reduce what else calls Partner Center for this tenant');
    // The status code and the wait are the row's, once on the page.
    expect(count(words, 'HTTP 429')).toBe(1);
    expect(own).not.toMatch(/429|Retry[- ]After|Retry after/i);
    expect(own).not.toContain('Partner Center is throttling');
  });

  it('leaves the other tenants out of it', () => {
    const html = page(report, user(contoso), 'operator');
    expect(text(card(html, fabrikam))).not.toMatch(/throttl/i);
    expect(card(html, fabrikam)).toContain('data-status="healthy"');
  });
});
