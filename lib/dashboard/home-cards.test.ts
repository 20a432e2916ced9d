import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AttentionList } from '@/components/dashboard/attention-list';
import { ConnectionCard } from '@/components/dashboard/connection-card';
import { CustomersGlance } from '@/components/dashboard/customers-glance';
import { LatestAudit } from '@/components/dashboard/latest-audit';
import type { PortalRole } from '@/lib/auth/roles';
import type { CustomerCountView } from '@/lib/customers/customer-count';
import type { TenantHealth } from '@/lib/health/types';
import { attentionItems, connectionCardAnswers, nextStepFor, readsTokenFacts } from './attention';
import { customersCardLinks } from './customers-card';

/**
 * The home page's cards as each reader sees them: a sales agent's connection card in plain
 * words (no inactivity limit, no token), one way to the customers, no link to a list that can
 * only say Partner Center is not connected, and a platform operator's "Needs attention" that
 * names another partner's trouble as that partner's.
 */

const own = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const other = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const third = '5c4b3a29-1d0e-4f6a-8b7c-9d8e7f6a5b4c';
const now = '2026-02-01T00:00:00Z';

function tenant(status: TenantHealth['status'], tenantId = own): TenantHealth {
  return {
    tenantId,
    displayName: tenantId === own ? 'Contoso Partner' : 'Fabrikam Solutions',
    status,
    problem:
      status === 'healthy'
        ? null
        : { cause: 'No refresh token is stored for this tenant.', fix: 'fix', action: 'onboard' },
    grant: null,
    lastSuccessfulRedemptionAt: null,
    inactivity: {
      limitDays: 90,
      lastActivityAt: status === 'healthy' ? '2026-01-31T23:59:00Z' : null,
      expiresAt: null,
      daysLeft: status === 'not-connected' ? null : 90,
      warning: 'none',
    },
    accessTokenCache: { cached: false, expiresAt: null, valid: false },
    nextRefreshAt: null,
    consecutiveFailures: 0,
    lastError: null,
  };
}

/**
 * The connection card as the home page draws it for these roles; a tenant not connected is not
 * in the report (`listed`: as the report lists a partner until it is onboarded, and after a
 * disconnect).
 */
function connectionCard(
  status: TenantHealth['status'],
  roles: PortalRole[],
  { listed = false, grant = null as TenantHealth['grant'] } = {},
): string {
  const health = status === 'not-connected' && !listed ? null : { ...tenant(status), grant };
  return renderToStaticMarkup(
    createElement(ConnectionCard, {
      tenant: health,
      partner: { label: 'Contoso Partner', tenantId: null },
      now,
      step: nextStepFor(health, roles),
      tokenFacts: readsTokenFacts(roles),
    }),
  );
}

describe("a sales agent's connection card", () => {
  it('says customer data is available, with no token facts they cannot act on', () => {
    const html = connectionCard('healthy', ['salesAgent']);
    expect(html).toContain('Customer data is available.');
    expect(html).toMatch(/<a [^>]*href="\/customers"[^>]*>Browse customers<\/a>/);
    expect(html).not.toContain('Inactivity limit');
    expect(html).not.toContain('days left');
    expect(html).not.toMatch(/token/i);
    expect(html).toContain('data-testid="tenant-status"');
  });

  it('says what is wrong and who can fix it, in plain words', () => {
    const html = connectionCard('not-connected', ['salesAgent']);
    expect(html).toContain(
      'Customer data is not available: Partner Center was never connected for your partner, or was disconnected.',
    );
    expect(html).toContain('Ask a partner admin to connect Partner Center');
    expect(html).not.toMatch(/token|Inactivity limit/i);
  });

  // "Inactivity limit: Not connected" and "Refresh token stored: Never" beside the badge's "Not
  // connected" and the reason's "No refresh token is stored": facts of a connection there is not.
  it('gives no token facts without a stored connection, for Admin and Ops either', () => {
    for (const roles of [['admin'], ['ops']] as PortalRole[][])
      for (const listed of [false, true]) {
        const html = connectionCard('not-connected', roles, { listed });
        expect(html).toContain('>Not connected<');
        expect(html).toContain('No refresh token is stored for your partner tenant');
        expect(html).not.toMatch(/Inactivity limit|Refresh token stored|Never|days-left/);
      }
  });

  it('keeps the inactivity limit and last refresh for Admin and Ops', () => {
    for (const roles of [['admin'], ['ops'], ['salesAgent', 'ops']] as PortalRole[][]) {
      const html = connectionCard('healthy', roles);
      expect(html).toContain('Inactivity limit');
      expect(html).toMatch(/data-testid="days-left"[^>]*>90 days left of 90</);
      expect(html).toContain('Refresh token stored');
      expect(html).toContain('data-testid="refresh-token-stored"');
    }
  });

  // In /health's order and words; "1 min ago" alone said nothing of a page left open for a day.
  it('dates the stored refresh token, with its age, before the inactivity limit, as /health does', () => {
    const html = connectionCard('healthy', ['admin']);
    const plain = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(plain).toMatch(
      /Refresh token stored 31 Jan 2026, 23:59 UTC \(\d+ min ago\) Inactivity limit/,
    );
  });
});

// "Partner Center is connected." under the "Healthy" badge said the same thing twice.
describe('a healthy connection card for Admin and Ops', () => {
  const grant: NonNullable<TenantHealth['grant']> = {
    mintedBy: 'admin@contosopartner.onmicrosoft.com',
    mintedAt: '2026-01-28T09:57:54Z',
    mfa: true,
    keyVaultVersion: 'v1',
    lastRotatedAt: null,
    stale: false,
  };
  const reason = (html: string) =>
    /<p [^>]*data-testid="next-step-reason"[^>]*>(.*?)<\/p>/s
      .exec(html)?.[1]
      ?.replace(/<wbr\/>/g, '');

  it('says who connected it and when, not the badge again', () => {
    for (const roles of [['admin'], ['ops']] as PortalRole[][]) {
      const html = connectionCard('healthy', roles, { grant });
      expect(html).toContain('>Healthy<');
      expect(reason(html)).toBe(
        'Connected on 28 Jan 2026 by admin@contosopartner.onmicrosoft.com.',
      );
      expect(html).not.toContain('Partner Center is connected');
    }
  });

  it('lets the address wrap where addresses do, inside the card', () => {
    const html = connectionCard('healthy', ['admin'], { grant });
    expect(html).toMatch(/data-testid="next-step-reason"/);
    expect(/<p ([^>]*)data-testid="next-step-reason"/.exec(html)?.[1]).toContain('wrap-anywhere');
    // Never "…by admin@" / "contosopartner.onmicrosoft.com." on a line that the whole fits.
    expect(html).toContain('by admin@contosopartner<wbr/>.onmicrosoft.com.');
  });

  it('shows the button alone when nothing says who connected it', () => {
    const html = connectionCard('healthy', ['admin']);
    expect(html).not.toContain('next-step-reason');
    expect(html).not.toContain('Partner Center is connected');
    expect(html).toMatch(/<a [^>]*href="\/customers"[^>]*>Browse customers<\/a>/);
  });

  it('still says what is wrong in every other state', () => {
    for (const status of ['needs-reconsent', 'expiring-soon', 'degraded'] as const)
      expect(reason(connectionCard(status, ['admin'], { grant }))).toBe(
        'No refresh token is stored for this tenant.',
      );
    expect(reason(connectionCard('not-connected', ['admin']))).toBe(
      'No refresh token is stored for your partner tenant: it was never connected, or was disconnected.',
    );
  });
});

// A narrow place read "Re-" / "consent"; the label's words stay as the e2e finds them.
describe("the connection card's next step", () => {
  it('keeps "Re-consent" whole, on the button and in whom to ask', () => {
    expect(connectionCard('needs-reconsent', ['admin'])).toMatch(
      /data-testid="next-step" href="\/onboarding[^"]*"><span><span class="whitespace-nowrap">Re-consent<\/span> Partner Center<\/span><\/a>/,
    );
    expect(connectionCard('expiring-soon', ['ops'])).toContain(
      'data-testid="next-step"><span>Ask a partner admin to <span class="whitespace-nowrap">re-consent</span></span></p>',
    );
  });
});

describe('the customers card', () => {
  const glance = (connected: boolean, roles: PortalRole[]) => {
    const health = connected ? tenant('healthy') : null;
    return renderToStaticMarkup(
      createElement(CustomersGlance, {
        count: null,
        connected,
        links: customersCardLinks(connected, nextStepFor(health, roles)),
      }),
    );
  };

  it('offers no second way to the customers beside the connection card’s "Browse customers"', () => {
    for (const roles of [['salesAgent'], ['admin']] as PortalRole[][]) {
      const page = glance(true, roles) + connectionCard('healthy', roles);
      expect(page.match(/href="\/customers"/g)).toHaveLength(1);
    }
  });

  it('offers no way to a list that can only say Partner Center is not connected', () => {
    const html = glance(false, ['admin']);
    expect(html).toContain('Customers show once Partner Center is connected.');
    expect(html).not.toContain('href="/customers"');
  });

  it('is the way to the customers when the connection card offers another step', () => {
    const html = renderToStaticMarkup(
      createElement(CustomersGlance, { count: null, connected: true, links: true }),
    );
    expect(html).toMatch(/<a [^>]*href="\/customers"[^>]*>Browse all customers →<\/a>/);
  });

  // The card held one line: a sales agent's usual first step is finding one customer.
  it('searches the customers by company name, opening the list at the matches', () => {
    for (const roles of [['salesAgent'], ['admin']] as PortalRole[][]) {
      const html = glance(true, roles);
      const form = /<form [^>]*>/.exec(html)?.[0] ?? '';
      for (const attribute of ['role="search"', 'action="/customers"', 'method="get"'])
        expect(form).toContain(attribute);
      expect(html).toMatch(/<input id="home-customer-search" type="search"[^>]* name="q"\/>/);
      expect(html).toContain('<label for="home-customer-search"');
    }
  });

  it('offers no search while Partner Center is not connected', () => {
    expect(glance(false, ['salesAgent'])).not.toContain('role="search"');
  });

  // The count stood at the foot of a column beside the search form, level with its field and
  // far below the title (1366 px): it is the line under the title now, at every width.
  it('gives the count on the line under its title, above the search', () => {
    const count: CustomerCountView = {
      count: 60,
      done: true,
      truncated: false,
      countedAgo: 'just now',
      countedAt: now,
      recount: null,
    };
    for (const links of [false, true]) {
      const html = renderToStaticMarkup(
        createElement(CustomersGlance, { count, connected: true, links }),
      );
      expect(html).toMatch(
        /<h2 id="customers-heading"[^>]*>Customers<\/h2>(?:<a [^>]*>[^<]*<\/a>)?<\/div><p [^>]*data-testid="customer-count"[^>]*>60 customers, counted just now<\/p><form /,
      );
    }
    // Not connected, or not countable now: the same place says so.
    expect(glance(false, ['admin'])).toMatch(
      /<\/h2><\/div><p [^>]*>Customers show once Partner Center is connected\.<\/p><\/section>/,
    );
    expect(glance(true, ['salesAgent'])).toMatch(
      /<\/h2><\/div><p [^>]*>The customer count is not available right now\.<\/p><form /,
    );
  });

  it('puts the way to the whole list right of the title, as the audit card’s way to the trail', () => {
    const html = renderToStaticMarkup(
      createElement(CustomersGlance, { count: null, connected: true, links: true }),
    );
    expect(html).toMatch(
      /<h2 id="customers-heading"[^>]*>Customers<\/h2><a [^>]*href="\/customers"[^>]*>Browse all customers →<\/a><\/div>/,
    );
  });
});

describe('"Needs attention" on the home page', () => {
  const list = (
    items: Parameters<typeof AttentionList>[0]['items'],
    everyPartner = true,
    ownOnCard = false,
  ) => renderToStaticMarkup(createElement(AttentionList, { items, everyPartner, ownOnCard }));
  const words = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/’/g, "'");

  /** The card's title, then what it says under it. */
  const titled = (html: string) => ({
    title: /<h2 id="attention-heading"[^>]*>([^<]*)<\/h2>/.exec(html)?.[1],
    said: /data-testid="attention-all-clear">([^<]*)</.exec(html)?.[1]?.replace(/’/g, "'"),
  });

  // A sales agent read "every tenant and service you can see is healthy", seeing no tenant.
  it('says, when nothing needs attention, what was looked at: every partner, or the viewer’s own', () => {
    expect(titled(list([], true))).toEqual({
      title: 'All clear',
      said: 'Every partner tenant and the services the portal uses are healthy.',
    });
    expect(titled(list([], false))).toEqual({
      title: 'All clear',
      said: "Your partner tenant's connection and the services the portal uses are healthy.",
    });
  });

  // The card's title said "Needs attention" over words saying nothing did.
  it('titles the card "Needs attention" only over a list', () => {
    const items = attentionItems(
      {
        status: 'degraded',
        generatedAt: now,
        probeIntervalSeconds: 30,
        tenants: [tenant('needs-reconsent')],
        dependencies: [],
      },
      own,
      false,
    );
    expect(items.length).toBeGreaterThan(0);
    const html = list(items, false);
    expect(titled(html).title).toBe('Needs attention');
    expect(html).not.toContain('attention-all-clear');
    for (const clear of [list([], true), list([], false)])
      expect(clear).not.toContain('Needs attention');
  });

  it("names another partner's trouble as that partner's, after the viewer's own, in the info tone", () => {
    const html = list(
      attentionItems(
        {
          status: 'unhealthy',
          generatedAt: now,
          probeIntervalSeconds: 30,
          tenants: [tenant('not-connected', other), tenant('not-connected')],
          dependencies: [],
        },
        own,
        true,
      ),
    );
    const ownAt = html.indexOf('Your partner tenant is not connected');
    const otherAt = html.indexOf('Fabrikam Solutions is not connected');
    expect(ownAt).toBeGreaterThan(-1);
    expect(otherAt).toBeGreaterThan(ownAt);
    expect(html).toContain(
      '<span class="sr-only">For information: </span>Fabrikam Solutions is not connected to Partner Center',
    );
    expect(html).toContain('bg-brand-600');
    // Plain words under another partner's item; the Admin's own keeps /health's cause.
    const otherItem = html.slice(otherAt);
    expect(otherItem).not.toMatch(/refresh token/i);
    expect(otherItem).toContain('Only they can connect it.');
  });

  it('sets apart the id of another partner known by its id only', () => {
    const unnamed = { ...tenant('not-connected', other), displayName: `Tenant ${other}` };
    const html = list(
      attentionItems(
        {
          status: 'healthy',
          generatedAt: now,
          probeIntervalSeconds: 30,
          tenants: [unnamed],
          dependencies: [],
        },
        own,
        true,
      ),
    );
    expect(html).toContain(
      `For information: </span>Partner tenant <span class="font-mono text-xs wrap-anywhere">${other}</span> is not connected`,
    );
  });

  // "Other partner (view only):" led each of another partner's items: with three partners in
  // trouble, three times on one card. Once now, above them, after the reader's own items.
  it("says once, above other partners' items, that they are view only", () => {
    const items = attentionItems(
      {
        status: 'unhealthy',
        generatedAt: now,
        probeIntervalSeconds: 30,
        tenants: [
          tenant('needs-reconsent', other),
          { ...tenant('not-connected', third), displayName: 'Northwind Traders' },
          tenant('expiring-soon'),
        ],
        dependencies: [],
      },
      own,
      true,
    );
    const words = list(items)
      .replace(/<[^>]+>/g, ' ')
      .replace(/’/g, "'");
    expect(words.match(/view only/gi)).toHaveLength(1);
    const heading = words.indexOf('Other partner tenants');
    expect(words.indexOf('Your partner tenant:')).toBeLessThan(heading);
    expect(words).toMatch(
      /Other partner tenants\s+View only: each partner's own admins connect and re-consent its tenant\./,
    );
    // Most severe first among them, all after the heading.
    expect(words.indexOf('Fabrikam Solutions needs re-consent')).toBeGreaterThan(heading);
    expect(words.indexOf('Northwind Traders is not connected')).toBeGreaterThan(
      words.indexOf('Fabrikam Solutions needs re-consent'),
    );
  });

  it("has no other partners' heading for a reader who sees only their own tenant", () => {
    const items = attentionItems(
      {
        status: 'unhealthy',
        generatedAt: now,
        probeIntervalSeconds: 30,
        tenants: [tenant('needs-reconsent')],
        dependencies: [],
      },
      own,
      true,
    );
    const html = list(items, false);
    expect(html).toContain('Your partner tenant needs re-consent');
    expect(html).not.toMatch(/Other partner|view only/i);
  });

  // A platform operator whose own things were fine read, under the title, a divider with nothing
  // above it and then only other partners' trouble: as if it were theirs.
  it("says first that none of the reader's own needs attention, then other partners' block", () => {
    const items = attentionItems(
      {
        status: 'degraded',
        generatedAt: now,
        probeIntervalSeconds: 30,
        tenants: [tenant('healthy'), tenant('not-connected', other)],
        dependencies: [],
      },
      own,
      true,
    );
    const html = list(items, true);
    const text = words(html);
    // Not a bare "All clear" above a list: what is clear is the reader's own.
    expect(text).not.toContain('All clear');
    expect(titled(html)).toEqual({
      title: 'Nothing of your own needs attention',
      said: "Your partner tenant's connection and the services the portal uses are healthy.",
    });
    const clear = text.indexOf("Your partner tenant's connection and the services");
    expect(clear).toBeGreaterThan(-1);
    expect(text.indexOf('Other partner tenants')).toBeGreaterThan(clear);
    // Not "every partner tenant": one of them is listed just below.
    expect(text).not.toContain('every partner tenant');
    // The divider sets the block apart from the words above it.
    expect(html.indexOf('attention-all-clear')).toBeLessThan(html.indexOf('border-t'));
  });

  // The card beside says "Not connected" and who connects it: the list said it once more, in red.
  it('leaves the reader’s own tenant not connected to the connection card, without calling it healthy', () => {
    const report = (tenants: TenantHealth[]) => ({
      status: 'degraded' as const,
      generatedAt: now,
      probeIntervalSeconds: 30,
      tenants,
      dependencies: [],
    });
    for (const [tenants, everyPartner] of [
      [[tenant('not-connected')], false],
      [[tenant('not-connected')], true],
      [[tenant('not-connected'), tenant('needs-reconsent', other)], true],
    ] as const) {
      const health = tenants[0];
      const ownOnCard = connectionCardAnswers(health);
      const items = attentionItems(report([...tenants]), own, true, { ownOnCard });
      const html = list(items, everyPartner, ownOnCard);
      const text = words(html);
      expect(text).not.toContain('Your partner tenant');
      expect(text).not.toMatch(/connection and the services|every partner tenant/);
      // A platform operator with no other partner listed is told those are fine too.
      expect(titled(html)).toEqual({
        title: 'Nothing else needs attention',
        said:
          everyPartner && tenants.length === 1
            ? 'Every other partner tenant and the services the portal uses are healthy.'
            : 'The services the portal uses are healthy.',
      });
    }
  });

  it('names the database when the page could not read the audit trail, never "all healthy"', () => {
    const html = list(
      attentionItems(
        {
          status: 'healthy',
          generatedAt: now,
          probeIntervalSeconds: 30,
          tenants: [tenant('healthy')],
          dependencies: [],
        },
        own,
        true,
        { auditUnreadable: true },
      ),
    );
    expect(html).toContain('Critical: ');
    expect(html).toContain('Database is not answering');
    expect(html).not.toContain('is healthy');
  });

  // The database's outage was said twice: its item here, and the audit list's failure card in
  // the latest events' place, cause and fix again. Once now, here; the card points here.
  it('is the one place that says the database is not answering when the audit trail cannot be read', () => {
    const page =
      list(
        attentionItems(
          {
            status: 'healthy',
            generatedAt: now,
            probeIntervalSeconds: 30,
            tenants: [tenant('healthy')],
            dependencies: [],
          },
          own,
          true,
          { auditUnreadable: true },
        ),
        false,
      ) + renderToStaticMarkup(createElement(LatestAudit, { events: 'unavailable' }));
    // As read on screen: the list's screen-reader words ("Details of …") say its title again.
    const text = words(page.replace(/<span class="sr-only">[^<]*<\/span>/g, ''));
    expect(text.match(/not answering/g)).toHaveLength(1);
    expect(text.match(/kept and written when it is back/g)).toHaveLength(1);
    expect(text.match(/cannot be read right now/g)).toHaveLength(1);
    expect(page.match(/href="\/health"/g)).toHaveLength(1);
    // The card's pointer leads to this list's title.
    expect(page).toContain('id="attention-heading"');
    expect(page).toContain('href="#attention-heading"');
  });

  // Key Vault down: the card listed it for the reader's tenant, for the vault, and under "Other
  // partner tenants" once per partner, each time the same outage.
  it('lists a shared outage once, as the service’s, with no other partners’ block for it', () => {
    const vaultDown = {
      cause: 'Key Vault cannot be reached: cached access tokens keep serving meanwhile.',
      fix: "Check Key Vault availability and the portal identity's access.",
      action: 'retry' as const,
      owner: 'portal' as const,
      sharedOutage: 'keyVault' as const,
    };
    const affected = (tenantId: string): TenantHealth => ({
      ...tenant('degraded', tenantId),
      problem: vaultDown,
    });
    const html = list(
      attentionItems(
        {
          status: 'unhealthy',
          generatedAt: now,
          probeIntervalSeconds: 30,
          tenants: [affected(own), affected(other), affected(third)],
          dependencies: [
            {
              name: 'keyVault',
              label: 'Key Vault',
              state: 'down',
              checkedAt: now,
              latencyMs: 400,
              error: { code: 'vault_unavailable', message: 'Key Vault list failed.' },
              history: [],
            },
          ],
        },
        own,
        true,
      ),
    );
    const text = words(html);
    expect(html.match(/<li /g)).toHaveLength(1);
    expect(text).toContain(
      'Critical: Key Vault is down Key Vault list failed. It affects every partner tenant: cached access tokens keep serving meanwhile.',
    );
    expect(text).not.toMatch(/Other partner tenants|Fabrikam|is degraded|cannot be reached/);
  });
});
