import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HealthSummary } from '@/components/health/summary';
import { TenantProblem } from '@/components/health/tenant-problem';
import { TenantSharedOutage } from '@/components/health/tenant-shared-outage';
import type { PortalUser } from '@/lib/auth/user';
import type { FailureReader } from '@/lib/failure/reader';
import type { DependencyVerdicts, TokenStateFacts } from '@/lib/health/facts';
import { card, count, page, row } from '@/lib/health/health-sections.test-support';
import { scopeHealthReport } from '@/lib/health/report-scope';
import type { SharedOutage } from '@/lib/health/shared-outage';
import { computeTenantHealth } from '@/lib/health/status';
import { readableText as text } from '@/lib/health/tenant-problem.test-support';
import type {
  DependencyHealth,
  DependencyState,
  HealthReport,
  InstanceVerdict,
} from '@/lib/health/types';

/*
 * /health while Key Vault is down showed the same problem box (cause, whose it is, what to do)
 * on every partner tenant's card, and the vault's row at the bottom of the page. The outage is
 * stated once, in its row, with the dependencies above the tenants; each card it alone affects
 * keeps its badge and facts and says so in one line, pointing there.
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const now = Date.UTC(2027, 6, 5, 7, 23);
const at = new Date(now).toISOString();
const day = 86_400_000;
const ok = { state: 'ok', code: null, message: null } as const;
const vaultDown = { state: 'down', code: 'probe_failed', message: 'x' } as const;

const labels = {
  keyVault: 'Key Vault',
  entra: 'Entra token endpoint',
  partnerCenter: 'Partner Center',
} as const;

function tenant(
  tenantId: string,
  dependencies: Partial<DependencyVerdicts>,
  own: Partial<TokenStateFacts> = {},
) {
  return computeTenantHealth(
    {
      tenantId,
      secret: {
        version: 'v1',
        createdAt: now - day,
        mintedBy: `admin@${tenantId === contoso ? 'contosopartner' : 'fabrikamsolutions'}.test`,
        mintedAt: now - day,
        mfa: true,
      },
      secretStale: dependencies.keyVault?.state === 'down',
      token: {
        needsReconsent: false,
        lastRedemptionAt: now - 5 * 60_000,
        accessTokenExpiresAt: null,
        nextRefreshAt: null,
        consecutiveFailures: 0,
        lastError: null,
        ...own,
      },
    },
    {
      now,
      warnDays: [30, 7],
      dependencies: { keyVault: ok, entra: ok, partnerCenter: ok, ...dependencies },
      partnerCenterProbeTenantId: contoso,
    },
  );
}

function report(
  states: Partial<Record<keyof typeof labels, DependencyState>>,
  tenants: HealthReport['tenants'],
  instances?: InstanceVerdict[],
): HealthReport {
  const dependencies: DependencyHealth[] = (Object.keys(labels) as (keyof typeof labels)[]).map(
    (name) => {
      const state = states[name] ?? 'ok';
      return {
        name,
        label: labels[name],
        state,
        checkedAt: at,
        latencyMs: 40,
        error: state === 'ok' ? null : { code: 'x', message: `${labels[name]} list failed.` },
        history: [],
        ...(instances && state === 'down' ? { instances } : {}),
      };
    },
  );
  return { status: 'unhealthy', generatedAt: at, probeIntervalSeconds: 4, tenants, dependencies };
}

const user = (tid: string, roles: PortalUser['roles']): PortalUser => ({
  tid,
  oid: 'o-1',
  name: 'Olga',
  upn: 'olga@contoso.test',
  roles,
});

const problemBox = (html: string) => html.slice(html.indexOf('data-testid="dependency-problem"'));

describe('/health during a Key Vault outage, for a platform operator', () => {
  const vaultOutage = report({ keyVault: 'down' }, [
    tenant(contoso, { keyVault: vaultDown }),
    tenant(fabrikam, { keyVault: vaultDown }),
  ]);
  const html = page(vaultOutage, user(contoso, ['admin']), 'operator');

  it('states the outage once, with its cause and fix, in the vault’s row', () => {
    const words = text(html);
    expect(count(words, 'Key Vault cannot be reached')).toBe(1);
    expect(count(words, "Check Key Vault availability and the portal identity's access.")).toBe(1);
    expect(count(html, 'data-testid="dependency-problem"')).toBe(1);
    expect(text(row(html, 'keyVault'))).toContain(
      "Key Vault cannot be reached: the refresh token can be neither read nor rotated; cached access tokens keep serving meanwhile. Where the cause is: the portal's own side (its operator looks after its configuration, Key Vault and network) What to do: Check Key Vault availability and the portal identity's access.",
    );
    // Its probe's own words stay too, last and small, inside the box (above it they said the
    // same thing first).
    expect(problemBox(row(html, 'keyVault'))).toContain('data-testid="dependency-error"');
    expect(count(row(html, 'keyVault'), 'data-testid="dependency-error"')).toBe(1);
    expect(row(html, 'entra')).not.toContain('dependency-problem');
  });

  it('folds each tenant’s box into one line pointing to it, keeping the badge and facts', () => {
    for (const id of [contoso, fabrikam]) {
      const one = card(html, id);
      expect(one).toContain('data-status="degraded"');
      expect(one).toContain('Degraded');
      expect(one).not.toContain('data-testid="tenant-problem"');
      expect(text(one)).toContain('Affected by the Key Vault outage. See Dependencies .');
      expect(one).toMatch(/<a href="#dependencies"[^>]*>Dependencies<\/a>/);
      expect(text(one)).toContain('Connected by');
    }
    expect(html).toMatch(/<section id="dependencies" aria-labelledby="dependencies-heading"/);
  });

  // The box said "cached access tokens keep serving meanwhile", and then every card it folded.
  it('says what still works once, in the vault’s row, not again on each card', () => {
    expect(count(text(html), 'keep serving')).toBe(1);
    expect(text(row(html, 'keyVault'))).toContain('cached access tokens keep serving meanwhile');
  });

  it('puts the dependencies above the tenants while one is down, below them otherwise', () => {
    const order = (h: string) => [
      h.indexOf('id="dependencies"'),
      h.indexOf('id="tenants-heading"'),
      h.indexOf('id="other-tenants-heading"'),
    ];
    const [deps, own, others] = order(html);
    expect(deps).toBeLessThan(own!);
    expect(own).toBeLessThan(others!);
    const healthy = report({}, [tenant(contoso, {}), tenant(fabrikam, {})]);
    const [depsAfter, ownAfter, othersAfter] = order(
      page(healthy, user(contoso, ['ops']), 'operator'),
    );
    expect(ownAfter).toBeLessThan(othersAfter!);
    expect(othersAfter).toBeLessThan(depsAfter!);
    // Degraded is trouble too: Key Vault throttling the portal.
    const throttled = report({ keyVault: 'degraded' }, [tenant(contoso, {})]);
    const [depsFirst, ownLater] = order(page(throttled, user(contoso, ['ops']), 'operator'));
    expect(depsFirst).toBeLessThan(ownLater!);
  });

  it('keeps a tenant’s own problem in full beside the folded ones', () => {
    const html2 = page(
      report({ keyVault: 'down' }, [
        tenant(contoso, { keyVault: vaultDown }),
        tenant(fabrikam, { keyVault: vaultDown }, { needsReconsent: true }),
      ]),
      user(contoso, ['admin']),
      'operator',
    );
    const own = card(html2, fabrikam);
    expect(own).toContain('data-status="needs-reconsent"');
    expect(own).toContain('data-testid="tenant-problem"');
    expect(text(own)).toContain('The stored refresh token can no longer be redeemed.');
    expect(own).not.toContain('tenant-shared-outage');
    expect(card(html2, contoso)).toContain('data-testid="tenant-shared-outage"');
  });
});

// The row's box (OutageProblem) and a tenant's (TenantProblem) drew the same box apart: one
// component (ProblemBox) draws both, so they cannot drift.
describe('the problem boxes', () => {
  it('are drawn alike in a row and on a card, but for their place and colour', () => {
    const problem = tenant(contoso, { keyVault: vaultDown });
    const onCard = renderToStaticMarkup(
      createElement(TenantProblem, {
        tenant: problem,
        problem: problem.problem!,
        canManage: false,
      }),
    );
    const html = page(
      report({ keyVault: 'down' }, [problem]),
      user(contoso, ['admin']),
      'operator',
    );
    const inRow = problemBox(row(html, 'keyVault'));
    const shape = (box: string) =>
      box
        .replace(/^(<div )?data-testid="[^"]*" class="[^"]*">/, '<box>')
        .split('<p data-testid="dependency-error"')[0]!
        .replace(/(<\/div>)+$/, '');
    expect(shape(inRow)).toBe(shape(onCard));
    expect(shape(onCard)).toContain('Key Vault cannot be reached');
    expect(onCard).toMatch(/^<div data-testid="tenant-problem" class="[^"]*\bmt-4\b/);
    expect(inRow).toMatch(/^data-testid="dependency-problem" class="[^"]*\bmt-3\b/);
  });
});

describe('/health during a shared outage, for a partner’s own users', () => {
  it('words the row’s fix as theirs, names no other partner, and folds their card', () => {
    const everyone = report({ keyVault: 'down' }, [
      tenant(contoso, { keyVault: vaultDown }),
      tenant(fabrikam, { keyVault: vaultDown }),
    ]);
    const theirs = scopeHealthReport(everyone, { kind: 'tenant', tenantId: fabrikam }, contoso);
    const html = page(theirs, user(fabrikam, ['admin']), 'partner');
    const words = text(html);
    // The fix as their report words their tenant's problem (lib/failure's `fixFor`).
    const fix = theirs.tenants[0]!.problem!.fix;
    expect(fix).toMatch(/^The portal's operator must fix this/);
    expect(text(row(html, 'keyVault'))).toContain(`What to do: ${fix}`);
    expect(words).not.toContain('Check Key Vault availability');
    expect(words).not.toMatch(/contoso|Other partner/i);
    expect(text(card(html, fabrikam))).toContain('Affected by the Key Vault outage');
    expect(count(words, 'Key Vault cannot be reached')).toBe(1);
  });
});

describe('/health on an instance cut off from Key Vault', () => {
  it('states the path once and keeps each card’s own word on its connection', () => {
    const cutOff = { ...vaultDown, cutOffHere: true } as const;
    const shared = {
      at: now - 60_000,
      needsReconsent: false,
      lastRedemptionAt: now - 60_000,
      consecutiveFailures: 0,
      lastError: null,
    };
    const contosoCard = computeTenantHealth(
      {
        tenantId: contoso,
        secret: null,
        secretStale: true,
        token: null,
        shared,
      },
      {
        now,
        warnDays: [30, 7],
        dependencies: { keyVault: cutOff, entra: ok, partnerCenter: ok },
        partnerCenterProbeTenantId: null,
      },
    );
    const r = report(
      { keyVault: 'down' },
      [contosoCard],
      [
        { instance: 'web-c/1', thisInstance: true, state: 'down', checkedAt: at },
        { instance: 'web-a/1', thisInstance: false, state: 'ok', checkedAt: at },
      ],
    );
    const html = page(r, user(contoso, ['ops']), 'operator');
    expect(text(row(html, 'keyVault'))).toContain(
      "This instance cannot read Key Vault This instance of the portal cannot reach Key Vault, which another instance reaches: from here the refresh token can be neither read nor rotated; cached access tokens keep serving meanwhile. Where the cause is: the portal's own side (its operator looks after its configuration, Key Vault and network) What to do: Check this instance's own path to Key Vault",
    );
    expect(text(card(html, contoso))).toContain(
      'Affected because this instance cannot reach Key Vault. See Dependencies . The portal last refreshed its token at 5 Jul 2027, 07:22 UTC: the connection itself works.',
    );
    expect(count(text(html), 'which another instance reaches: from here')).toBe(1);
  });
});

// The banner, the vault row's box and the line under the box each said that this instance's
// path fails while another instance reaches the vault; each card added "As the portal's
// instances last shared it, its token was refreshed at <the card's own time>".
describe('/health on an instance cut off from Key Vault, said once', () => {
  const cutOff = { ...vaultDown, cutOffHere: true } as const;
  const shared = {
    at: now - 60_000,
    needsReconsent: false,
    lastRedemptionAt: now - 60_000,
    consecutiveFailures: 0,
    lastError: null,
  };
  const cutOffCard = (tenantId: string) =>
    computeTenantHealth(
      {
        tenantId,
        secret: null,
        secretStale: true,
        token: { ...shared, accessTokenExpiresAt: null, nextRefreshAt: null },
        shared,
      },
      {
        now,
        warnDays: [30, 7],
        dependencies: { keyVault: cutOff, entra: ok, partnerCenter: ok },
        partnerCenterProbeTenantId: null,
      },
    );
  const everyone = report(
    { keyVault: 'down' },
    [cutOffCard(contoso), cutOffCard(fabrikam)],
    [
      { instance: 'web-c/1', thisInstance: true, state: 'down', checkedAt: at },
      { instance: 'web-a/1', thisInstance: false, state: 'ok', checkedAt: at },
      { instance: 'web-b/1', thisInstance: false, state: 'ok', checkedAt: at },
    ],
  );
  /** The row to the next one: its instance list's items end in `</li>` too. */
  const wholeRow = (html: string, name: string) => {
    const from = html.indexOf(`data-dependency="${name}"`);
    const next = html.indexOf('data-testid="dependency"', from);
    return html.slice(from, next === -1 ? undefined : next);
  };
  const whole = (r: HealthReport, reader: PortalUser, as: FailureReader, own?: string) =>
    renderToStaticMarkup(createElement(HealthSummary, { report: r, ownTenantId: own })) +
    page(r, reader, as);

  it('in the vault row’s box, for a platform operator', () => {
    const html = whole(everyone, user(contoso, ['admin']), 'operator', contoso);
    const words = text(html);
    expect(count(words, 'another instance reaches')).toBe(1);
    expect(problemBox(row(html, 'keyVault'))).toContain('which another instance reaches');
    expect(words).not.toMatch(/Only this instance's path|fault is on this instance/);
    expect(html).not.toContain('data-testid="instance-split"');
    // The facts stay: what each instance found, under the box.
    expect(text(wholeRow(html, 'keyVault'))).toContain('web-c/1 (this one): Down');
    expect(text(wholeRow(html, 'keyVault'))).toContain('web-a/1: OK');
    // The banner: its title, the counts, and where to look.
    expect(words).toContain(
      'This instance cannot reach Key Vault Your partner tenant: degraded. Other partner tenants: 1 degraded. See Dependencies .',
    );
  });

  it('on each card, plainly, its time said once, by the card’s facts', () => {
    const html = page(everyone, user(contoso, ['admin']), 'operator');
    for (const id of [contoso, fabrikam]) {
      const one = text(card(html, id));
      expect(one).toContain(
        'See Dependencies . The portal last refreshed its token at 5 Jul 2027, 07:22 UTC: the connection itself works.',
      );
      expect(one).not.toContain('last shared');
      // When the stored refresh token was written is the vault's fact, which this instance lacks.
      expect(one).toContain('Refresh token stored Not known here');
    }
  });

  it("as a partner's page numbers the instances, naming no other partner", () => {
    const theirs = scopeHealthReport(everyone, { kind: 'tenant', tenantId: fabrikam }, null);
    const html = whole(theirs, user(fabrikam, ['admin']), 'partner');
    const words = text(html);
    expect(count(words, 'another instance reaches')).toBe(1);
    expect(html).not.toContain('data-testid="instance-split"');
    expect(text(wholeRow(html, 'keyVault'))).toContain('Instance 3 (this one): Down');
    expect(text(wholeRow(html, 'keyVault'))).toContain('Instance 1: OK');
    expect(words).toContain(
      'This instance cannot reach Key Vault Your partner tenant: degraded. See Dependencies .',
    );
    expect(words).not.toMatch(/web-|contoso|Other partner/i);
  });
});

describe("a folded card's own sentence", () => {
  // On an instance cut off from Key Vault the card keeps the connection's state as the
  // instances last shared it, which may quote a failure naming "the partner's" connection: its
  // own Admin read it in the third person on the card, while the full box addressed them.
  const disabled = "The partner's stored Partner Center connection is disabled in Key Vault.";
  const folded = {
    tenantId: contoso,
    problem: {
      cause: `x ${disabled}`,
      fix: 'y',
      action: 'retry',
      sharedOutage: 'keyVault',
      tenantPart: `The portal's last attempt to refresh its token, at 4 Jul 2027, 14:05 UTC, failed: ${disabled}`,
    },
    status: 'degraded',
    consecutiveFailures: 0,
    lastError: null,
  } as unknown as Parameters<typeof TenantSharedOutage>[0]['tenant'];
  const outage: SharedOutage = {
    name: 'keyVault',
    label: 'Key Vault',
    kind: 'cut-off',
    problem: { cause: 'x', fix: 'y', action: 'retry' },
    affected: 'Affected because this instance cannot reach Key Vault.',
  };
  const html = (canManage: boolean) =>
    renderToStaticMarkup(
      createElement(TenantSharedOutage, { tenant: folded, outage, canManage }),
    ).replace(/&#x27;/g, "'");

  it("is addressed to the tenant's own Admin", () => {
    expect(html(true)).toContain('Your stored Partner Center connection is disabled in Key Vault.');
    expect(html(true)).not.toContain("The partner's stored");
  });

  it('keeps the third person for everyone else', () => {
    expect(html(false)).toContain(disabled);
  });
});
