import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HealthSummary } from '@/components/health/summary';
import { TenantSections } from '@/components/health/tenant-sections';
import type { PortalUser } from '@/lib/auth/user';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { computeTenantHealth } from './status';
import { reportOf, text } from './tenant-problem.test-support';
import type { TenantHealth } from './types';

/*
 * /health's tenant cards as a platform operator reads them: their own tenant, the one they can
 * act on, first; the other partners' after it, most severe first, with "view only" said once
 * (the banner, the heading and a badge on each card had said it three times over).
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const northwind = '5c4b3a29-1d0e-4f6a-8b7c-9d8e7f6a5b4c';
const now = Date.UTC(2027, 6, 4, 14, 6);
const day = 86_400_000;
const ok = { state: 'ok', code: null, message: null } as const;

/** Connected a day ago (healthy), or never (not connected). */
function tenant(tenantId: string, connected: boolean): TenantHealth {
  const secret = {
    version: 'v1',
    createdAt: now - day,
    mintedBy: `admin@${tenantId.slice(0, 4)}.test`,
    mintedAt: now - day,
    mfa: true,
  };
  return computeTenantHealth(
    { tenantId, secret: connected ? secret : null, secretStale: false, token: null },
    {
      now,
      warnDays: [30, 7],
      dependencies: { keyVault: ok, entra: ok, partnerCenter: ok },
      partnerCenterProbeTenantId: contoso,
    },
  );
}

const user = (tid: string, roles: PortalUser['roles']): PortalUser => ({
  tid,
  oid: 'o-1',
  name: 'Alex',
  upn: 'alex@contoso.test',
  roles,
});

const render = (element: ReactElement) => renderToStaticMarkup(element);
const sections = (tenants: TenantHealth[], reader: PortalUser) =>
  render(
    createElement(TenantSections, {
      tenants,
      user: reader,
      now: new Date(now).toISOString(),
    }),
  );
/** The tenant ids of the cards, in page order. */
const cardOrder = (html: string) =>
  [...html.matchAll(/data-testid="tenant-card" data-tenant-id="([^"]+)"/g)].map((m) => m[1]);

describe("/health's tenant cards for a platform operator", () => {
  // The report's own order: most severe first, so another partner's "not connected" led.
  const report = [tenant(fabrikam, false), tenant(northwind, false), tenant(contoso, true)];

  it('puts their own tenant first, then the other partners in the report’s order', () => {
    const html = sections(report, user(contoso, ['admin']));
    expect(cardOrder(html)).toEqual([contoso, fabrikam, northwind]);
    const own = html.indexOf('Your partner tenant');
    const others = html.indexOf('Other partner tenants: 2');
    expect(own).toBeGreaterThan(-1);
    expect(others).toBeGreaterThan(html.indexOf(`data-tenant-id="${contoso}"`));
    expect(html.indexOf(`data-tenant-id="${fabrikam}"`)).toBeGreaterThan(others);
    // Who may act on which card is unchanged: their own only.
    expect(html).toMatch(new RegExp(`data-tenant-id="${contoso}"[^>]*data-manageable="true"`));
    expect(html).toMatch(new RegExp(`data-tenant-id="${fabrikam}"[^>]*data-manageable="false"`));
  });

  it('says "view only" once on the page, above the other partners’ cards', () => {
    const page =
      render(
        createElement(HealthSummary, {
          report: reportOf(report, { now, status: 'degraded' }),
          ownTenantId: contoso,
        }),
      ) + sections(report, user(contoso, ['ops']));
    const words = text(page);
    expect(words.match(/view only/gi)).toHaveLength(1);
    expect(words).toMatch(
      /Other partner tenants: 2View only: each partner's own admins connect and re-consent its tenant\./,
    );
  });

  it('addresses the fix to them where they can connect, and names who does elsewhere', () => {
    const notConnected = [tenant(contoso, false), tenant(fabrikam, false)];
    const card = (html: string, id: string) =>
      text(html.slice(html.indexOf(`data-tenant-id="${id}"`)).split('</article>')[0]!);
    const asAdmin = sections(notConnected, user(contoso, ['admin']));
    expect(card(asAdmin, contoso)).toContain('What to do: Connect the tenant in onboarding.');
    expect(card(asAdmin, fabrikam)).toContain(
      "What to do, for this partner's own admins: An admin connects the tenant in onboarding.",
    );
    // Their Ops cannot connect it: told who can.
    const asOps = sections(notConnected, user(contoso, ['ops']));
    expect(card(asOps, contoso)).toContain(
      'What to do: An admin connects the tenant in onboarding.',
    );
  });

  // Their people cannot sign in; ending the stored token is the operator's own task.
  it('lists a tenant no longer admitted on its own, last, with the fix as the operator’s', () => {
    const offBoarded = computeTenantHealth(
      {
        tenantId: northwind,
        secret: {
          version: 'v1',
          createdAt: now - day,
          mintedBy: 'a@n.test',
          mintedAt: now - day,
          mfa: true,
        },
        secretStale: false,
        token: null,
        admitted: false,
      },
      {
        now,
        warnDays: [30, 7],
        dependencies: { keyVault: ok, entra: ok, partnerCenter: ok },
        partnerCenterProbeTenantId: contoso,
      },
    );
    const html = sections(
      [offBoarded, tenant(fabrikam, false), tenant(contoso, true)],
      user(contoso, ['admin']),
    );
    expect(cardOrder(html)).toEqual([contoso, fabrikam, northwind]);
    const words = text(html);
    expect(words).toContain('Other partner tenants: 1View only');
    expect(words).toContain(
      'No longer admitted: 1Taken out of PARTNER_TENANTS: their people can no longer sign in',
    );
    const card = text(html.slice(html.indexOf(`data-tenant-id="${northwind}"`)));
    expect(card).toContain("What to do: Delete the tenant's secret in Key Vault");
    expect(card).not.toContain("for this partner's own admins");
  });

  // The vault lists ids in lower case; the own card went under "Other partner tenants" when the
  // signed-in id was written otherwise.
  it('knows their own tenant whatever the case of its id', () => {
    const html = sections(report, user(contoso.toUpperCase(), ['admin']));
    expect(cardOrder(html)[0]).toBe(contoso);
    expect(html).toContain('Other partner tenants: 2');
  });
});

/*
 * The catalogue speaks to the partner ("A Conditional Access policy in your Entra ID"). On
 * another partner's card in a platform operator's view that named the operator's Entra ID: it
 * names the partner there, while the reader's own card keeps "your".
 */
describe("/health's words on another partner's card", () => {
  const blocked = aadstsCatalogue[53003]!;
  /** Refused by a Conditional Access policy (AADSTS53003): needs re-consent, or Check again. */
  const refused = (tenantId: string, displayName: string): TenantHealth => ({
    ...computeTenantHealth(
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
        token: {
          needsReconsent: true,
          lastRedemptionAt: null,
          accessTokenExpiresAt: null,
          nextRefreshAt: null,
          consecutiveFailures: 2,
          lastError: {
            code: 'needs_reconsent',
            aadsts: 53003,
            at: now - 60_000,
            correlationId: null,
            cause: blocked.cause,
            fix: blocked.fix,
            action: 're-consent',
            owner: blocked.owner,
          },
        },
      },
      {
        now,
        warnDays: [30, 7],
        dependencies: { keyVault: ok, entra: ok, partnerCenter: ok },
        partnerCenterProbeTenantId: contoso,
      },
    ),
    displayName,
  });
  const card = (html: string, id: string) =>
    html.slice(html.indexOf(`data-tenant-id="${id}"`)).split('</article>')[0]!;
  const tenants = [
    refused(contoso, 'Contoso'),
    refused(fabrikam, 'Fabrikam'),
    refused(northwind, `Tenant ${northwind}`),
  ];
  const yourEntra = "a setting in your Entra ID (your tenant's administrators can change it)";

  it("names the partner's Entra ID, by its name where the card has one", () => {
    const html = sections(tenants, user(contoso, ['admin']));
    const other = text(card(html, fabrikam));
    expect(other).toContain(
      "A Conditional Access policy in Fabrikam's Entra ID blocks this account from getting tokens for the portal.",
    );
    expect(other).toContain(
      "Where the cause is: a setting in Fabrikam's Entra ID (its administrators can change it)",
    );
    expect(other).not.toMatch(/\byour\b/i);
    const unnamed = text(card(html, northwind));
    expect(unnamed).toContain("A Conditional Access policy in the partner's Entra ID blocks");
    expect(unnamed).toContain("a setting in the partner's Entra ID (its administrators");
    expect(unnamed).not.toMatch(/\byour\b/i);
    // Whose setting, for tests and the page's e2e: the owner is the same.
    expect(card(html, fabrikam)).toContain('data-owner="partner-entra"');
  });

  it("keeps \"your\" on the reader's own card, the operator's own tenant's", () => {
    const own = text(card(sections(tenants, user(contoso, ['admin'])), contoso));
    expect(own).toContain(blocked.cause);
    expect(own).toContain(`Where the cause is: ${yourEntra}`);
    // A partner's Ops reads their own tenant's card in the catalogue's words too.
    const partnersOwn = text(card(sections([tenants[1]!], user(fabrikam, ['ops'])), fabrikam));
    expect(partnersOwn).toContain(blocked.cause);
    expect(partnersOwn).toContain(yourEntra);
  });

  it("offers Re-consent and Check again on the reader's own card only", () => {
    const html = sections(tenants, user(contoso, ['admin']));
    expect(card(html, contoso)).toContain('href="/onboarding"');
    expect(card(html, contoso)).toContain('data-testid="check-again"');
    for (const id of [fabrikam, northwind]) {
      expect(card(html, id)).not.toContain('href="/onboarding"');
      expect(card(html, id)).not.toContain('data-testid="check-again"');
      expect(card(html, id)).not.toContain('<button');
      expect(text(card(html, id))).not.toContain('Changed this in');
    }
  });
});

describe("/health's tenant cards for a partner's own users", () => {
  it('show their tenant alone, with nothing about other partners', () => {
    const html = sections([tenant(fabrikam, true)], user(fabrikam, ['admin']));
    expect(cardOrder(html)).toEqual([fabrikam]);
    expect(html).not.toMatch(/Other partner|view only/i);
  });
});
