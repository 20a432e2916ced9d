import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TenantProblem } from '@/components/health/tenant-problem';
import type { TokenStateFacts } from '@/lib/health/facts';
import { computeTenantHealth } from '@/lib/health/status';

const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const now = Date.UTC(2026, 1, 1);
const day = 86_400_000;

type HealthContext = Parameters<typeof computeTenantHealth>[1];
const answering = { state: 'ok', code: null, message: null } as const;

/** The health computation's context: Entra and Partner Center answer; Key Vault as given. */
function healthContext(
  keyVault: HealthContext['dependencies']['keyVault'] = answering,
): HealthContext {
  return {
    now,
    warnDays: [30, 7],
    dependencies: { keyVault, entra: answering, partnerCenter: answering },
    partnerCenterProbeTenantId: null,
  };
}

/** Key Vault is down (every tenant degraded); three days ago a redemption failed with AADSTS53003. */
function problemBox(consecutiveFailures: number, runsPortal = false): string {
  const token: TokenStateFacts = {
    needsReconsent: false,
    lastRedemptionAt: now - 2 * day,
    accessTokenExpiresAt: null,
    nextRefreshAt: null,
    consecutiveFailures,
    lastError: {
      code: 'token_unavailable',
      aadsts: 53003,
      at: now - 3 * day,
      correlationId: 'c0ffee00-0000-4000-8000-000000000001',
      cause: 'Blocked by Conditional Access.',
      fix: 'Exclude the account.',
      action: 're-consent',
    },
  };
  const tenant = computeTenantHealth(
    {
      tenantId,
      secret: { version: 'v2', createdAt: now - day, mintedBy: null, mintedAt: null, mfa: true },
      secretStale: true,
      token,
    },
    healthContext({
      state: 'down',
      code: 'probe_failed',
      message: 'Key Vault is unreachable.',
    }),
  );
  expect(tenant.problem?.cause).toMatch(/Key Vault cannot be reached/);
  return renderToStaticMarkup(
    createElement(TenantProblem, {
      tenant,
      problem: tenant.problem!,
      canManage: false,
      runsPortal,
    }),
  );
}

describe('TenantProblem', () => {
  it("does not put a recovered failure's code and correlation id under another problem", () => {
    const html = problemBox(0);
    expect(html).not.toContain('AADSTS53003');
    expect(html).not.toContain('c0ffee00');
  });

  // Olga, a platform operator, read "its operator looks after its configuration, Key Vault and
  // network": herself, in the third person.
  it('names the portal\u2019s own side as the reader\u2019s when they run the portal', () => {
    const owner = (html: string) =>
      /data-testid="failure-owner"[^>]*>(.*?)<\/p>/s
        .exec(html)![1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&#x27;/g, "'");
    expect(owner(problemBox(0, true))).toBe(
      "Where the cause is: the portal's own side: your organisation runs it (its configuration, Key Vault and network)",
    );
    expect(owner(problemBox(0))).toBe(
      "Where the cause is: the portal's own side (its operator looks after its configuration, Key Vault and network)",
    );
  });

  it('shows the code and correlation id of a failure that still repeats', () => {
    const html = problemBox(2);
    expect(html).toContain('AADSTS53003');
    expect(html).toContain('c0ffee00-0000-4000-8000-000000000001');
  });
});

/** A tenant whose stored connection Entra refused with `aadsts` at its last redemption. */
function refusedWith(aadsts: number) {
  const tenant = computeTenantHealth(
    {
      tenantId,
      secret: { version: 'v2', createdAt: now - day, mintedBy: null, mintedAt: null, mfa: true },
      secretStale: false,
      token: {
        needsReconsent: true,
        lastRedemptionAt: now - 2 * day,
        accessTokenExpiresAt: null,
        nextRefreshAt: null,
        consecutiveFailures: 1,
        lastError: {
          code: 'needs_reconsent',
          aadsts,
          at: now - 60_000,
          correlationId: null,
          cause: 'Entra refused the stored connection.',
          fix: 'Fix it, then re-consent.',
          action: 're-consent',
        },
      },
    },
    healthContext(),
  );
  expect(tenant.status).toBe('needs-reconsent');
  return (canManage: boolean) =>
    renderToStaticMarkup(
      createElement(TenantProblem, { tenant, problem: tenant.problem!, canManage }),
    );
}

// A block policy lifted, an account assigned or enabled in the partner's Entra ID: the stored
// grant works again, but the card offered only a new consent.
describe('Check again', () => {
  it("is offered to the tenant's own Admins beside Re-consent when the partner can clear the refusal in Entra", () => {
    for (const aadsts of [53003, 50105, 50057]) {
      const html = refusedWith(aadsts)(true);
      expect(html).toContain('data-testid="check-again"');
      expect(html).toContain('>Check again</button>');
      expect(html).toContain('without a new consent');
      expect(html).toContain('Re-consent');
    }
  });

  it('is not offered for a grant only a new consent replaces, nor to anyone who cannot manage the tenant', () => {
    expect(refusedWith(50173)(true)).not.toContain('check-again');
    expect(refusedWith(700082)(true)).not.toContain('check-again');
    expect(refusedWith(53003)(false)).not.toContain('check-again');
  });
});

// In a narrow card (a tenant card at 1366 px, a phone) the button read "Re-" / "consent".
describe('the Re-consent button', () => {
  it('keeps its label whole, its words unchanged', () => {
    const link = /<a [^>]*class="([^"]*)"[^>]*href="\/onboarding"[^>]*>([^<]*)<\/a>/.exec(
      refusedWith(50173)(true),
    );
    expect(link?.[2]).toBe('Re-consent');
    expect(link?.[1]?.split(' ')).toContain('whitespace-nowrap');
  });
});
