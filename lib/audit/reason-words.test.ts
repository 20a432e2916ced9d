import { describe, expect, it } from 'vitest';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { customerEntries } from '@/lib/failure/catalogue/customers';
import { onboardingEntries } from '@/lib/failure/catalogue/onboarding';
import { tokenEntries } from '@/lib/failure/catalogue/tokens';
import { auditActions } from './events';
import { auditReasonWords } from './reason-words';

describe('an audit reason in words', () => {
  // What a full browser run left in the trail (action, code): each reads as what happened.
  const recorded: [string, string, string][] = [
    ['alert.delivery', 'http_500', 'The receiver answered HTTP 500.'],
    ['audit.exported', 'bad_request', 'The export’s filters were not understood.'],
    [
      'audit.exported',
      'cross_site',
      'Asked for by another site’s page, not the portal’s own: refused.',
    ],
    [
      'consent.disconnected',
      'confirmation_mismatch',
      'The word typed to confirm the disconnect was not "disconnect".',
    ],
    ['consent.failed', 'access_denied', 'Consent was declined on the Microsoft consent page.'],
    [
      'consent.failed',
      'cookie_missing',
      'The consent session was not found: it expired (10 minutes), was already used, or the browser blocked the cookie.',
    ],
    ['consent.failed', 'AADSTS50079', 'The account must register for MFA.'],
    ['customers.users-exported', 'not_found', 'No such customer or user.'],
    [
      'health.access-refused',
      'forbidden',
      'The account’s role may not read the health report (Ops and Admin may).',
    ],
    [
      'health.access-refused',
      'unauthenticated',
      'The request came with neither a session nor the monitor token.',
    ],
    [
      'keep-alive.run',
      'AADSTS50173',
      "An administrator reset the consenting account's password, or revoked its sessions: Entra no longer accepts the grant the portal stored.",
    ],
    [
      'keep-alive.run',
      'refreshed',
      'The stored connection was redeemed and its renewed refresh token written back.',
    ],
    ['keep-alive.run', 'skipped', 'Not due: the stored connection had been used recently.'],
    [
      'keep-alive.run',
      'not-admitted',
      'The partner tenant is no longer admitted; its connection is not renewed.',
    ],
    ['sign-in.refused', 'mfa-missing', 'The sign-in did not use multi-factor authentication.'],
    ['sign-in.refused', 'no-role', 'The account has no portal role in its tenant.'],
    [
      'sign-in.refused',
      'tenant-not-admitted',
      'The account’s tenant is not admitted to the portal.',
    ],
    ['token.redemption-failed', 'AADSTS53003', 'Blocked by a Conditional Access policy.'],
    [
      'token.redemption-failed',
      'AADSTS700082',
      'The stored refresh token expired after 90 days without use.',
    ],
  ];

  it.each(recorded)('%s %s', (action, code, words) => {
    expect(auditReasonWords(action, code)).toBe(words);
  });

  // The same code means what its action made it mean.
  it('reads a code by its action', () => {
    expect(auditReasonWords('customers.users-exported', 'forbidden')).toBe(
      'Partner Center refused to show this customer’s users.',
    );
    expect(auditReasonWords('health.access-refused', 'forbidden')).toContain('health report');
  });

  it('has no words for a code it does not know, nor for none', () => {
    expect(auditReasonWords('keep-alive.run', 'AADSTS90033')).toBeUndefined();
    expect(auditReasonWords('consent.failed', 'no_such_code')).toBeUndefined();
    expect(auditReasonWords('consent.failed', null)).toBeUndefined();
  });

  // A platform operator reads other partners' events, an auditor months later: the catalogue's
  // words to the person who hit a failure ("your partner tenant") would name the reader.
  it('never speaks to the reader, whatever the action and code', () => {
    const codes = new Set<string>([
      ...Object.keys(onboardingEntries),
      ...Object.keys(customerEntries),
      ...Object.keys(tokenEntries),
      ...Object.keys(aadstsCatalogue).map((n) => `AADSTS${n}`),
      'access_denied',
      'invalid_grant',
      'interaction_required',
      'consent_required',
      'cross_site',
      'exports_busy',
      'audit_unavailable',
      'too_soon',
      'http_404',
      'timeout',
    ]);
    const spoken: string[] = [];
    for (const action of auditActions)
      for (const code of codes) {
        const words = auditReasonWords(action, code);
        if (words && /\b(you|your|yours)\b/i.test(words))
          spoken.push(`${action} ${code}: ${words}`);
      }
    expect(spoken).toEqual([]);
  });
});
