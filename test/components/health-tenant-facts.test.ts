import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TenantFacts } from '@/components/health/tenant-facts';
import { describeAadsts } from '@/lib/entra/catalogue';
import type { TokenStateFacts } from '@/lib/health/facts';
import { computeTenantHealth } from '@/lib/health/status';

const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const now = Date.UTC(2026, 1, 1);
const day = 86_400_000;
const version = '3f2c9a7d5e8b4c1aa0b9d8e7f6a5b4c3';

/**
 * Contoso's card, its token stored `storedDaysAgo` ago, with the token service's facts;
 * `secretStale`: the vault could not be read, the stored facts are its last answer.
 */
function card(storedDaysAgo: number, token: TokenStateFacts | null, secretStale = false): string {
  const tenant = computeTenantHealth(
    {
      tenantId,
      secret: {
        version,
        createdAt: now - storedDaysAgo * day,
        mintedBy: 'admin@contosopartner.onmicrosoft.com',
        mintedAt: now - storedDaysAgo * day,
        mfa: true,
      },
      secretStale,
      token,
    },
    {
      now,
      warnDays: [30, 7],
      dependencies: {
        keyVault: { state: 'ok', code: null, message: null },
        entra: { state: 'ok', code: null, message: null },
        partnerCenter: { state: 'ok', code: null, message: null },
      },
      partnerCenterProbeTenantId: null,
    },
  );
  return renderToStaticMarkup(
    createElement(TenantFacts, { tenant, now: new Date(now).toISOString() }),
  );
}

/** The token service's verdict after Entra refused a redemption an hour ago with `aadsts`. */
function refused(aadsts: number, needsReconsent: boolean): TokenStateFacts {
  return {
    needsReconsent,
    // Not since this process started: the stored version dates the token's last use.
    lastRedemptionAt: null,
    accessTokenExpiresAt: null,
    nextRefreshAt: null,
    consecutiveFailures: 1,
    lastError: {
      code: needsReconsent ? 'reconsent_required' : 'token_unavailable',
      aadsts,
      at: now - 3_600_000,
      correlationId: 'c0ffee00-0000-4000-8000-000000000001',
      cause: describeAadsts(aadsts)?.cause ?? 'Entra refused the refresh token.',
      fix: 'Re-consent in onboarding.',
      action: needsReconsent ? 're-consent' : 'wait',
    },
  };
}

/** The inactivity limit's words on the card. */
function inactivityLimit(html: string): string {
  const cell = /data-testid="inactivity-limit"[^>]*>(.*?)<\/dd>/.exec(html)?.[1] ?? '';
  return cell.replace(/<[^>]+>/g, '');
}

describe('TenantFacts: the inactivity limit', () => {
  it.each([
    ['a sign-in-frequency policy', 70043],
    ['a revoked grant', 50173],
  ])('does not say the limit ended when %s ended the connection', (_cause, aadsts) => {
    // Stored 8 days ago: 82 days were left when Entra refused it.
    const html = card(8, refused(aadsts, true));
    // Nowhere in the facts (the last error's cause, the catalogue's, may say what ended it).
    const cause = describeAadsts(aadsts)!.cause.replace(/'/g, '&#x27;');
    expect(html).toContain(cause);
    const shown = html.replace(cause, '').replace(/<[^>]+>/g, ' ');
    expect(shown).not.toMatch(/\bended\b/i);
    expect(shown).not.toContain('82 days left');
    expect(inactivityLimit(html)).toBe('Not applicable until re-consent');
  });

  it('says it ended when the token went unused for 90 days', () => {
    expect(inactivityLimit(card(91, null))).toBe('Ended: unused for 90 days');
    // Entra retired it (AADSTS700082) before the portal's own count said so.
    expect(inactivityLimit(card(89, refused(700082, true)))).toBe('Ended: unused for 90 days');
    // A redemption that failed for a passing reason (Entra throttling) is not the cause.
    expect(inactivityLimit(card(91, refused(50196, false)))).toBe('Ended: unused for 90 days');
  });

  it('counts down while the connection works', () => {
    expect(inactivityLimit(card(8, null))).toBe('82 days left of 90');
    expect(card(8, null)).toContain('fill-emerald-500');
  });

  // A green bar stood under a red "Blocked by a Conditional Access policy".
  it('keeps counting, in grey, while a refusal the partner can clear stands', () => {
    const html = card(8, refused(53003, true));
    expect(inactivityLimit(html)).toBe('82 days left of 90');
    expect(html).toContain('fill-slate-400');
    expect(html).not.toMatch(/fill-(emerald|amber|red)-500/);
  });
});

describe('TenantFacts while Key Vault cannot be read', () => {
  it('says "(last known)" beside the terms whose values are the last answer, not after them', () => {
    const html = card(8, null, true);
    const terms = [...html.matchAll(/<dt[^>]*>(.*?)<\/dt>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ''),
    );
    expect(terms).toContain('Connected by (last known)');
    expect(terms).toContain('Key Vault secret version (last known)');
    // When the refresh token was stored is the vault's fact too.
    expect(terms).toContain('Refresh token stored (last known)');
    expect(html.match(/\(last known\)/g)).toHaveLength(3);
    expect(card(8, null)).not.toContain('last known');
  });
});

describe('TenantFacts: plain facts first, the technical ones behind a disclosure', () => {
  const html = card(8, refused(50173, true));
  const [plain = '', technical = ''] = html.split('<details');

  it('shows who connected the tenant, when its refresh token was stored, and failures, in plain words', () => {
    expect(plain).toContain('Connected by');
    // As read: the address may wrap at a <wbr>, which adds no text.
    expect(plain.replace(/<wbr\/>/g, '')).toContain('admin@contosopartner.onmicrosoft.com');
    expect(plain).toContain('Refresh token stored');
    // Under "Refresh token stored": the attempt that failed was its use, not its storing.
    expect(plain).toContain('The last attempt to use it failed');
    for (const jargon of [/minted/i, /redemption/i, /key vault/i, new RegExp(version)])
      expect(plain).not.toMatch(jargon);
  });

  it('keeps the Key Vault version, redemptions and the last error in a closed native <details>', () => {
    expect(technical).toMatch(/^[^>]*data-testid="tenant-technical-details"/);
    expect(technical).not.toMatch(/^[^>]*\bopen\b/);
    expect(technical).toContain('<summary');
    expect(technical).toContain('Technical details');
    for (const fact of [
      'Key Vault secret version',
      version,
      'Last successful redemption',
      'Failed redemptions in a row',
      'AADSTS50173',
      'c0ffee00-0000-4000-8000-000000000001',
      'None until re-consent',
    ])
      expect(technical).toContain(fact);
    // The version's writing is said with the version, not as a fact of its own beside the
    // card's "Refresh token stored".
    const plainDetails = technical.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(plainDetails).toMatch(new RegExp(`${version} written \\d+ \\w{3} \\d{4}, `));
    expect(plainDetails).not.toContain('Version written');
  });

  // A tooltip reaches no keyboard, touch screen or screen reader.
  it('says the last error’s cause in words, not in a tooltip', () => {
    const cause = describeAadsts(50173)!.cause;
    expect(technical).toContain(`>${cause.replace(/'/g, '&#x27;')}</span>`);
    expect(technical).not.toContain(`title="${cause.replace(/'/g, '&#x27;')}"`);
  });
});

describe('TenantFacts on a phone', () => {
  const html = card(8, null);

  // "admin@fabrikamsolutions.onmicrosoft.co" / "m": the UPN broke at the line's last letter.
  it('lets who connected the tenant wrap where an address does', () => {
    expect(html).toContain('admin@<wbr/>contosopartner<wbr/>.onmicrosoft.com');
  });

  // "(in 40" / "min)": the relative time split over two lines read as two facts.
  it('keeps each relative time whole', () => {
    const relative = [...html.matchAll(/<span class="([^"]*)">\((\d+ days? ago|just now)\)/g)];
    expect(relative.length).toBeGreaterThan(0);
    for (const [, classes] of relative) expect(classes).toContain('whitespace-nowrap');
  });
});
