import { describe, expect, it } from 'vitest';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { partnerNotAuthorized } from '@/lib/failure/catalogue/partner-center-refusals';
import { alertConditions, type AlertCondition } from './conditions';
import type { StoredAlert } from './engine';
import { alertMessage, alertWords } from './messages';

const opened = Date.UTC(2026, 11, 5, 8, 0, 0);
const contoso = '11111111-1111-4111-8111-111111111111';
const stored = (
  alert: Pick<StoredAlert, 'condition' | 'subject' | 'tenantId' | 'facts'> & { stage?: string },
) =>
  ({
    stage: 'open',
    ...alert,
    severity: 'warning',
    firstSeenAt: opened,
    notifiedAt: opened,
    lastNotifiedAt: opened,
  }) as StoredAlert;

describe('alert messages', () => {
  it('write days as the pages do', () => {
    const message = alertMessage(
      stored({
        condition: 'app-credential-expiring',
        subject: 'app-credential',
        tenantId: null,
        facts: { credential: 'certificate', daysLeft: 6, expiresAt: '2026-12-11T09:30:00.000Z' },
      }),
      'opened',
      'https://portal.example',
      opened,
    );
    expect(message.whatHappened).toContain('expires on 11 Dec 2026.');
    expect(message.title).toBe("The portal's certificate expires in 6 days");
  });

  it('say who re-consents, and how, once beside the fix', () => {
    const toDo = (fix?: string) =>
      alertWords(
        stored({
          condition: 'needs-reconsent',
          subject: contoso,
          tenantId: contoso,
          facts: fix === undefined ? {} : { fix },
        }),
      ).todo;
    const whoReconsents =
      'An Admin of the partner tenant signs in with MFA and re-consents on the Onboarding page.';
    expect(toDo()).toBe(whoReconsents);
    // A fix that is not a consent comes first, then who re-consents.
    expect(toDo('Check the enrollment, then retry.')).toBe(
      `Check the enrollment, then retry. ${whoReconsents}`,
    );
    // A fix that says to re-consent is not followed by a second re-consent.
    expect(toDo('Re-consent in onboarding; the keep-alive then keeps it fresh.')).toBe(
      'Re-consent in onboarding; the keep-alive then keeps it fresh. The re-consent takes an Admin of the partner tenant, signed in with MFA.',
    );
    expect(toDo('Re-consent in onboarding with a partner admin agent account.')).toBe(
      'Re-consent in onboarding with a partner admin agent account. The consent needs an MFA sign-in.',
    );
    // The condition's own fix when no catalogue had one (conditions.ts).
    expect(toDo('An Admin of the partner tenant re-consents on the Onboarding page.')).toBe(
      'An Admin of the partner tenant re-consents on the Onboarding page. The consent needs an MFA sign-in.',
    );
    // Every catalogue fix: its own words first, and where to re-consent said at most once.
    for (const [code, entry] of Object.entries(aadstsCatalogue)) {
      const said = toDo(entry.fix);
      expect(said.startsWith(entry.fix), `AADSTS${code}`).toBe(true);
      expect(said.match(/onboarding/gi)?.length ?? 0, `AADSTS${code}`).toBeLessThanOrEqual(1);
    }
  });

  it('count one day as one, and the last as today', () => {
    const title = (condition: AlertCondition, daysLeft: number) =>
      alertWords(
        stored({
          condition,
          subject: condition === 'token-expiring' ? contoso : 'app-credential',
          tenantId: condition === 'token-expiring' ? contoso : null,
          facts: { credential: 'certificate', daysLeft, expiresAt: '2026-12-06T09:30:00.000Z' },
        }),
      ).title;
    expect(title('token-expiring', 1)).toBe('Partner Center connection expires in 1 day');
    expect(title('token-expiring', 0)).toBe('Partner Center connection expires today');
    expect(title('app-credential-expiring', 1)).toBe("The portal's certificate expires in 1 day");
    expect(title('app-credential-expiring', 0)).toBe("The portal's certificate expires today");
  });

  it('name the instance cut off, how many others reach the dependency, and where to look', () => {
    const message = alertMessage(
      stored({
        condition: 'instance-cut-off',
        subject: 'keyVault@web-2/1',
        tenantId: null,
        facts: { dependency: 'Key Vault', instance: 'web-2/1', reachedBy: 2 },
      }),
      'opened',
      'https://portal.example',
      opened,
    );
    expect(message.title).toBe('Portal instance web-2/1 cannot reach Key Vault');
    expect(message.whatHappened).toContain('while 2 other instances reached it');
    expect(message.link).toBe('https://portal.example/health');
  });

  // A newer release's condition (stored while both ran): describe() had no words for it and
  // returned nothing, so reading the title threw and the whole evaluation with it.
  it("never throw on a newer release's condition: they name it and point to the Health page", () => {
    const later = stored({
      condition: 'future-condition' as never,
      subject: 'keyVault',
      tenantId: null,
      facts: { written: 'by a newer release' },
    });
    for (const event of ['opened', 'reminder', 'recovered'] as const) {
      const message = alertMessage(later, event, 'https://portal.example', opened);
      expect(message.title).toContain('Alert condition "future-condition"');
      expect(message.link).toBe('https://portal.example/health');
    }
  });
});

/**
 * Stored facts a message cannot read: a newer release's shape, or a damaged row. Each field one
 * message uses was once printed as nothing ("expires in  days", "Entra ends it on .", " is
 * down") or as "[object Object]"; the sentence now says what it can without it.
 */
/** A token-expiring alert's facts as conditions.ts stores them: 6 days left. */
const expiringFacts = {
  daysLeft: 6,
  expiresAt: '2026-12-11T09:30:00.000Z',
  lastActivityAt: '2026-09-12T09:30:00.000Z',
};

describe('alert messages from facts they cannot read', () => {
  const complete: Record<
    string,
    { tenantId: string | null; subject: string; stage?: string; facts: StoredAlert['facts'] }
  > = {
    'token-expiring': { tenantId: contoso, subject: contoso, facts: expiringFacts },
    'needs-reconsent': {
      tenantId: contoso,
      subject: contoso,
      facts: {
        aadsts: 50173,
        code: 'invalid_grant',
        cause: 'The grant was revoked.',
        fix: 'Re-consent with an Admin account.',
      },
    },
    'redemption-failures': {
      tenantId: contoso,
      subject: contoso,
      facts: { failures: 3, code: 'invalid_grant', aadsts: 70000, cause: 'Entra said no.' },
    },
    'dependency-down': {
      tenantId: null,
      subject: 'keyVault',
      facts: { dependency: 'Key Vault', code: 'ETIMEDOUT', message: 'No answer.' },
    },
    'dependency-throttled': {
      tenantId: null,
      subject: 'keyVault',
      facts: { dependency: 'Key Vault', code: 'vault_throttled', message: 'HTTP 429.' },
    },
    'instance-cut-off': {
      tenantId: null,
      subject: 'keyVault@web-2/1',
      facts: { dependency: 'Key Vault', instance: 'web-2/1', reachedBy: 2 },
    },
    'app-credential-expiring': {
      tenantId: null,
      subject: 'app-credential',
      stage: 'second',
      facts: { credential: 'certificate', daysLeft: 6, expiresAt: '2026-12-11T09:30:00.000Z' },
    },
  };
  /** Where a fact was left out: a space doubled or before punctuation, empty brackets, a value's name. */
  const gap =
    /\s{2}|^\s|\s$|\s[.,;:)']|\(\s*\)|\(\s|\b(undefined|null|NaN|Infinity)\b|\[object|AADSTS(?!\d)|\bon\s*[.(]|^'s/;
  const wordsOf = (alert: StoredAlert) =>
    (['opened', 'reminder', 'recovered'] as const).flatMap((event) => {
      const m = alertMessage(alert, event, 'https://portal.example', opened);
      return [m.title, m.whatHappened, m.whatToDo];
    });

  it('covers every condition', () => {
    expect(Object.keys(complete).sort()).toEqual([...alertConditions].sort());
  });

  it('words complete facts without a gap', () => {
    for (const [condition, c] of Object.entries(complete))
      for (const words of wordsOf(stored({ condition: condition as AlertCondition, ...c })))
        expect(words, condition).not.toMatch(gap);
  });

  // Missing, null, an object where a value was, an empty string, a date that is none.
  const unreadable: unknown[] = [undefined, null, { nested: true }, '', 'not a date'];
  it.each(Object.keys(complete))('%s: leaves no gap for any fact missing or unreadable', (name) => {
    const c = complete[name]!;
    for (const field of Object.keys(c.facts))
      for (const value of unreadable) {
        const facts: Record<string, unknown> = { ...c.facts };
        if (value === undefined) delete facts[field];
        else facts[field] = value;
        const alert = stored({
          ...c,
          condition: name as AlertCondition,
          facts: facts as StoredAlert['facts'],
        });
        for (const words of [...wordsOf(alert), alertWords(alert).title])
          expect(words, `${name} with ${field}: ${JSON.stringify(value)}`).not.toMatch(gap);
      }
    // No facts at all: the condition's general words.
    const bare = stored({ ...c, condition: name as AlertCondition, facts: {} });
    for (const words of wordsOf(bare)) expect(words, `${name} with no facts`).not.toMatch(gap);
  });

  it('say what the condition is in its general words, keeping the facts they can read', () => {
    const title = (condition: AlertCondition, facts: Record<string, unknown>, stage?: string) =>
      alertWords(
        stored({
          ...complete[condition]!,
          ...(stage ? { stage } : {}),
          condition,
          facts: facts as StoredAlert['facts'],
        }),
      ).title;
    expect(title('token-expiring', {})).toBe('Partner Center connection expires soon');
    expect(title('redemption-failures', { failures: null })).toBe(
      'Failed token redemptions in a row',
    );
    expect(title('dependency-down', { dependency: { name: 'Key Vault' } })).toBe(
      'A service the portal depends on is down',
    );
    expect(title('instance-cut-off', { dependency: 'Key Vault' })).toBe(
      'A portal instance cannot reach Key Vault',
    );
    expect(title('app-credential-expiring', { credential: 'certificate' })).toBe(
      "The portal's certificate expires soon",
    );
    // Without days left, the stage it was stored at says that it has ended.
    expect(title('app-credential-expiring', {}, 'expired')).toBe(
      "The portal's credential has expired",
    );
    const expiring = alertMessage(
      stored({
        ...complete['token-expiring']!,
        condition: 'token-expiring',
        facts: { daysLeft: 6 },
      }),
      'opened',
      'https://portal.example',
      opened,
    );
    expect(expiring.title).toBe('Partner Center connection expires in 6 days');
    expect(expiring.whatHappened).toBe(
      `The refresh token of partner tenant ${contoso} has not been renewed since its consent; Entra ends it soon (90 days after it was issued).`,
    );
  });

  it('word complete facts as before', () => {
    const titles = Object.entries(complete).map(
      ([condition, c]) =>
        alertWords(stored({ condition: condition as AlertCondition, ...c })).title,
    );
    expect(titles).toEqual([
      'Partner Center connection expires in 6 days',
      'Partner Center connection broken: re-consent needed (AADSTS50173)',
      '3 failed token redemptions in a row',
      'Key Vault is down',
      'Key Vault is throttling the portal',
      'Portal instance web-2/1 cannot reach Key Vault',
      "The portal's certificate expires in 6 days",
    ]);
    const happened = (condition: AlertCondition) =>
      alertMessage(
        stored({ condition, ...complete[condition]! }),
        'opened',
        'https://portal.example',
        opened,
      ).whatHappened;
    expect(happened('token-expiring')).toBe(
      `The refresh token of partner tenant ${contoso} has not been renewed since 12 Sep 2026; Entra ends it on 11 Dec 2026 (90 days after it was issued).`,
    );
    expect(happened('redemption-failures')).toBe(
      `The portal could not redeem the refresh token of partner tenant ${contoso} 3 times in a row (last error invalid_grant, AADSTS70000). Entra said no.`,
    );
    expect(happened('instance-cut-off')).toBe(
      "The portal instance web-2/1 has failed its probes of Key Vault for more than the configured time while 2 other instances reached it: the fault is on that instance's own path to it (its network, name resolution or identity), not Key Vault's. What it serves that needs Key Vault fails.",
    );
  });
});

describe('an expiring refresh token the portal kept redeeming', () => {
  // Redeemed since it was written, yet running down: the tokens Entra issued were not stored.
  it('says the stored token was not renewed, and that the write is what to mend first', () => {
    const message = alertMessage(
      stored({
        condition: 'token-expiring',
        tenantId: contoso,
        subject: contoso,
        facts: { ...expiringFacts, redeemedSince: '2026-12-04T08:00:00.000Z' },
      }),
      'opened',
      'https://portal.example',
      opened,
    );
    expect(message.whatHappened).toBe(
      `The refresh token stored for partner tenant ${contoso} was written on 12 Sep 2026. The portal redeemed it since, last on 4 Dec 2026, but the new refresh tokens Entra issued were not written to Key Vault, so the stored one was not renewed; Entra ends it on 11 Dec 2026 (90 days after it was issued).`,
    );
    expect(message.whatToDo).toMatch(
      /^The portal's operator finds why: its log says "the rotated refresh token was not written back"/,
    );
  });
});

/**
 * The catalogue's words in the facts speak to the partner. A reader who is not the tenant's
 * partner (a platform-wide target, an operator's list) gets them naming the partner instead.
 */
describe("alert messages in another partner's words", () => {
  const fabrikam = { name: 'Fabrikam Solutions', possessive: "Fabrikam Solutions'" };
  const unnamed = { name: 'the partner', possessive: "the partner's" };
  const blocked = aadstsCatalogue[53003]!;
  const reconsent = stored({
    condition: 'needs-reconsent',
    subject: contoso,
    tenantId: contoso,
    facts: { aadsts: 53003, code: 'needs_reconsent', cause: blocked.cause, fix: blocked.fix },
  });
  const message = (
    alert: StoredAlert,
    event: 'opened' | 'reminder' | 'recovered',
    whose = fabrikam,
  ) => alertMessage(alert, event, 'https://portal.example', opened, whose);

  it('name the partner in the cause and fix of a re-consent, opened, reminded and recovered', () => {
    expect(blocked.cause).toContain('in your Entra ID');
    const theirs =
      "A Conditional Access policy in Fabrikam Solutions' Entra ID blocks this account from getting tokens for the portal.";
    for (const event of ['opened', 'reminder', 'recovered'] as const) {
      const m = message(reconsent, event);
      expect(m.whatHappened, event).toContain(theirs);
      expect(`${m.title} ${m.whatHappened} ${m.whatToDo}`, event).not.toMatch(/\byour\b/i);
    }
    expect(message(reconsent, 'opened', unnamed).whatHappened).toContain(
      "A Conditional Access policy in the partner's Entra ID blocks",
    );
    // A fix in the second person as well.
    const refused = stored({
      ...reconsent,
      facts: { cause: partnerNotAuthorized.cause, fix: partnerNotAuthorized.fix },
    });
    expect(message(refused, 'opened').whatToDo).toBe(
      "Check in Partner Center that Fabrikam Solutions' CSP enrollment is active and the agreements are accepted, then retry. An Admin of Fabrikam Solutions' tenant signs in with MFA and re-consents on their own Onboarding page.",
    );
    // The partner's own words without a reader named: the catalogue's, as stored.
    const own = alertMessage(reconsent, 'opened', 'https://portal.example', opened);
    expect(own.whatHappened).toContain(blocked.cause);
  });

  // An operator was told "Re-consent in onboarding … The consent needs an MFA sign-in." of
  // another partner's tenant, linked to their own Onboarding page, which connects their own.
  it('say whose admins re-consent, on their own page, and link to the Health page', () => {
    const agentFix = stored({
      ...reconsent,
      facts: { aadsts: 50173, fix: 'Re-consent in onboarding with a partner admin agent account.' },
    });
    expect(message(agentFix, 'opened').whatToDo).toBe(
      "Re-consent in onboarding with a partner admin agent account. Fabrikam Solutions' own admins do this, signed in with MFA, on their own Onboarding page.",
    );
    expect(message(agentFix, 'opened', unnamed).whatToDo).toBe(
      "Re-consent in onboarding with a partner admin agent account. The partner's own admins do this, signed in with MFA, on their own Onboarding page.",
    );
    expect(message(reconsent, 'opened').whatToDo).toMatch(
      /The re-consent takes an Admin of Fabrikam Solutions' tenant, signed in with MFA, on their own Onboarding page\.$/,
    );
    const expiring = stored({ ...reconsent, condition: 'token-expiring', facts: { daysLeft: 5 } });
    for (const alert of [reconsent, agentFix, expiring])
      expect(message(alert, 'opened').link).toBe('https://portal.example/health');
    // The partner's own targets: their own Onboarding page.
    const own = alertMessage(agentFix, 'opened', 'https://portal.example', opened);
    expect(own.link).toBe('https://portal.example/onboarding');
    expect(own.whatToDo).toBe(
      'Re-consent in onboarding with a partner admin agent account. The consent needs an MFA sign-in.',
    );
  });

  it("name the partner in a redemption failure's cause", () => {
    const failing = stored({
      condition: 'redemption-failures',
      subject: contoso,
      tenantId: contoso,
      facts: { failures: 3, code: 'partner_not_authorized', cause: partnerNotAuthorized.cause },
    });
    expect(message(failing, 'opened').whatHappened).toContain(
      "Partner Center refused Fabrikam Solutions' partner account for this API",
    );
    expect(
      alertMessage(failing, 'opened', 'https://portal.example', opened).whatHappened,
    ).toContain(partnerNotAuthorized.cause);
  });

  it('leave words in the third person already as they are', () => {
    const samples = [
      stored({
        condition: 'dependency-down',
        subject: 'keyVault',
        tenantId: null,
        facts: { dependency: 'Key Vault', message: 'No answer.' },
      }),
      stored({
        condition: 'instance-cut-off',
        subject: 'keyVault@web-2/1',
        tenantId: null,
        facts: { dependency: 'Key Vault', instance: 'web-2/1', reachedBy: 2 },
      }),
      stored({
        condition: 'app-credential-expiring',
        subject: 'app-credential',
        tenantId: null,
        facts: { credential: 'certificate', daysLeft: 6 },
      }),
      stored({
        condition: 'token-expiring',
        subject: contoso,
        tenantId: contoso,
        facts: { daysLeft: 6 },
      }),
      // Facts in no catalogue's second person.
      stored({
        condition: 'needs-reconsent',
        subject: contoso,
        tenantId: contoso,
        facts: { cause: 'The grant was revoked.', fix: 'Re-consent with an Admin account.' },
      }),
    ];
    // A partner tenant's connection is re-consented on that partner's own page: the link and,
    // for a re-consent, who does it differ (above); the rest is as the partner reads it.
    const partnersOwnPage = new Set(['token-expiring', 'needs-reconsent']);
    for (const alert of samples)
      for (const event of ['opened', 'reminder', 'recovered'] as const) {
        const own = alertMessage(alert, event, 'https://portal.example', opened);
        const theirs = message(alert, event);
        if (partnersOwnPage.has(alert.condition)) {
          expect(theirs.link).toBe('https://portal.example/health');
          if (event === 'recovered') expect(theirs.whatToDo).toBe(own.whatToDo);
          else if (alert.condition === 'needs-reconsent')
            expect(theirs.whatToDo).toContain("Fabrikam Solutions' own admins do this");
          else
            expect(theirs.whatToDo).toBe(
              "Run the keep-alive now, or Fabrikam Solutions' own admins re-consent on their own Onboarding page. Then check why the scheduled keep-alive did not run.",
            );
          expect({ ...theirs, link: '', whatToDo: '' }).toEqual({ ...own, link: '', whatToDo: '' });
        } else expect(theirs, `${alert.condition} ${event}`).toEqual(own);
      }
  });
});
