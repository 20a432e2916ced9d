import { describe, expect, it } from 'vitest';
import { notAdminAgent } from '@/lib/failure/catalogue/partner-center-refusals';
import type { DependencyVerdicts } from '@/lib/health/facts';
import {
  card,
  count,
  dependency,
  page,
  row,
  user,
} from '@/lib/health/health-sections.test-support';
import { scopeHealthReport } from '@/lib/health/report-scope';
import { computeTenantHealth } from '@/lib/health/status';
import { readableText as text } from '@/lib/health/tenant-problem.test-support';
import type { HealthReport } from '@/lib/health/types';

/*
 * Partner Center answered the health probe, but refused the token it was probed with
 * (Contoso's: the home tenant's): Contoso's card states the refusal with its cause, whose it is
 * and the fix, and Partner Center's row said the same words again under the dependencies. The
 * row says it answered and refused that tenant's token, and links to the card.
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const now = Date.UTC(2027, 6, 5, 11, 17);
const at = new Date(now).toISOString();
const day = 86_400_000;
const ok = { state: 'ok', code: null, message: null } as const;
const probeSaid = `${notAdminAgent.title}: ${notAdminAgent.cause} (HTTP 403, code 900150)`;
const refused = {
  state: 'degraded',
  code: 'partner_center_not_admin_agent',
  message: probeSaid,
} as const;
const names: Record<string, string> = {
  [contoso]: 'Contoso Partner',
  [fabrikam]: 'Fabrikam Solutions',
};

function tenant(tenantId: string, dependencies: Partial<DependencyVerdicts>) {
  const health = computeTenantHealth(
    {
      tenantId,
      secret: {
        version: 'v1',
        createdAt: now - day,
        mintedBy: `admin@${tenantId.slice(0, 4)}.test`,
        mintedAt: now - day,
        mfa: true,
      },
      secretStale: dependencies.keyVault?.state === 'down',
      token: null,
    },
    {
      now,
      warnDays: [30, 7],
      dependencies: { keyVault: ok, entra: ok, partnerCenter: ok, ...dependencies },
      partnerCenterProbeTenantId: contoso,
    },
  );
  return { ...health, displayName: names[tenantId]! };
}

/** Both partners' tenants, Partner Center answering Contoso's token with `partnerCenter`. */
function report(
  partnerCenter: DependencyVerdicts['partnerCenter'],
  keyVault: DependencyVerdicts['keyVault'] = ok,
): HealthReport {
  const verdicts = { keyVault, partnerCenter };
  return {
    status: 'degraded',
    generatedAt: at,
    probeIntervalSeconds: 4,
    tenants: [tenant(contoso, verdicts), tenant(fabrikam, verdicts)],
    dependencies: [
      dependency('keyVault', 'Key Vault', keyVault, at),
      dependency('entra', 'Entra token endpoint', ok, at),
      dependency('partnerCenter', 'Partner Center', partnerCenter, at),
    ],
  };
}

describe("Partner Center's row when it refused the probed tenant's token", () => {
  it('says so briefly and links to the card that states the refusal', () => {
    const html = page(report(refused), user(contoso), 'operator');
    const partnerCenter = row(html, 'partnerCenter');
    expect(partnerCenter).toContain('data-state="degraded"');
    expect(text(partnerCenter)).toContain(
      'Partner Center answered, but refused the token of the tenant it was probed with: see Contoso Partner .',
    );
    expect(partnerCenter).toMatch(/<a href="#tenant-8f0c6a52-[^"]*"[^>]*>Contoso Partner<\/a>/);
    expect(html).toMatch(/<article id="tenant-8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11"/);
    // The cause and fix are the card's, once on the page.
    expect(partnerCenter).not.toContain('data-testid="dependency-error"');
    expect(count(text(html), notAdminAgent.cause)).toBe(1);
    expect(card(html, contoso)).toContain('data-testid="tenant-problem"');
    expect(text(card(html, fabrikam))).not.toContain('admin agent');
  });

  it('says it to the partner whose token it was, and nothing of it to another partner', () => {
    const everyone = report(refused);
    const theirs = page(
      scopeHealthReport(everyone, { kind: 'tenant', tenantId: contoso }, contoso),
      user(contoso),
      'partner',
    );
    expect(row(theirs, 'partnerCenter')).toContain(`href="#tenant-${contoso}"`);
    const others = page(
      scopeHealthReport(everyone, { kind: 'tenant', tenantId: fabrikam }, contoso),
      user(fabrikam),
      'partner',
    );
    expect(row(others, 'partnerCenter')).toContain('data-state="ok"');
    expect(others).not.toContain('dependency-refused');
    expect(others).not.toContain(contoso);
    expect(text(others)).not.toMatch(/refused|admin agent|Contoso/i);
  });

  it('names a refusal it has no words of its own for by the probe’s words, as the card does', () => {
    const other = {
      state: 'degraded',
      code: 'forbidden',
      message: 'Partner Center refused the request (HTTP 403).',
    } as const;
    const html = page(report(other), user(contoso), 'operator');
    expect(row(html, 'partnerCenter')).toContain(`href="#tenant-${contoso}"`);
    expect(count(text(html), 'Partner Center refused the request (HTTP 403).')).toBe(1);
  });

  it('keeps the probe’s words where no card states them', () => {
    // Throttling: the row says when Partner Center lets it ask again, which the card does not.
    const throttled = {
      state: 'degraded',
      code: 'throttled',
      message: 'Partner Center is throttling (HTTP 429). Retry after 57 s.',
    } as const;
    const slowed = row(page(report(throttled), user(contoso), 'operator'), 'partnerCenter');
    expect(text(slowed)).toContain('Partner Center is throttling (HTTP 429). Retry after 57 s.');
    expect(slowed).not.toContain('dependency-refused');
    // Key Vault down: every card is the vault outage's, none states the refusal.
    const vaultDown = {
      state: 'down',
      code: 'probe_failed',
      message: 'Key Vault list failed.',
    } as const;
    const html = page(report(refused, vaultDown), user(contoso), 'operator');
    expect(card(html, contoso)).toContain('data-testid="tenant-shared-outage"');
    expect(row(html, 'partnerCenter')).not.toContain('dependency-refused');
    expect(text(row(html, 'partnerCenter'))).toContain(notAdminAgent.cause);
  });
});
