import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PreflightList } from '@/components/onboarding/preflight-list';
import type { PreflightCheck } from './preflight';
import { foldPreflightChecks } from './preflight-fold';

/**
 * Check setup's list: what needs reading stays open, passes and notes fold under one line, so
 * a set-up that works does not push the Connect button 1,450 px down (3,000 px on a phone).
 */
const check = (
  id: PreflightCheck['id'],
  status: PreflightCheck['status'],
  fix?: string,
): PreflightCheck => ({ id, title: `Title of ${id}`, status, summary: `Summary of ${id}.`, fix });

/** The nine checks as the emulator's set-up answers them before the first consent. */
const beforeConsent: PreflightCheck[] = [
  check('app-registration', 'pass'),
  check('key-vault', 'pass'),
  check('redirect-uri', 'pass'),
  check('credential-type', 'info'),
  check('sign-in-time', 'pass'),
  check('credential-expiry', 'pass'),
  check('consent-mfa', 'info'),
  check('admin-agent', 'info'),
  check('conditional-access', 'info'),
];
const ids = (checks: PreflightCheck[]) => checks.map((c) => c.id);

describe('which checks fold', () => {
  it('passes and notes fold; failures, warnings and actions (a note with a fix) stay open', () => {
    const checks = [
      check('app-registration', 'fail', 'Fix it.'),
      check('key-vault', 'pass'),
      check('redirect-uri', 'info', 'Add the URI.'),
      check('credential-type', 'warn', 'Use a certificate.'),
      check('sign-in-time', 'warn'),
      check('conditional-access', 'info'),
    ];
    const { open, folded } = foldPreflightChecks(checks);
    expect(ids(open)).toEqual([
      'app-registration',
      'redirect-uri',
      'credential-type',
      'sign-in-time',
    ]);
    expect(ids(folded)).toEqual(['key-vault', 'conditional-access']);
  });

  it.each([
    [
      'every check passed',
      beforeConsent.map((c) => ({ ...c, status: 'pass' as const })),
      'All 9 checks passed',
    ],
    ['passes and notes', beforeConsent, '5 checks passed, 4 notes'],
    ['one pass', [check('key-vault', 'pass')], 'The check passed'],
    ['notes only', [check('consent-mfa', 'info'), check('admin-agent', 'info')], '2 notes'],
    [
      'beside a failure',
      [check('key-vault', 'fail', 'Fix.'), ...beforeConsent.slice(2)],
      '3 other checks passed, 4 notes',
    ],
    [
      'beside a warning, passes only',
      [check('credential-type', 'warn', 'Fix.'), check('key-vault', 'pass')],
      '1 other check passed',
    ],
  ])('the fold says: %s', (_name, checks, summary) => {
    expect(foldPreflightChecks(checks).summary).toBe(summary);
  });

  it('nothing to fold, no fold', () => {
    expect(foldPreflightChecks([check('key-vault', 'fail', 'Fix.')]).summary).toBeNull();
  });
});

function list(checks: PreflightCheck[]): string {
  return renderToStaticMarkup(createElement(PreflightList, { checks }));
}

/** The fold (the `<details>` element) and what comes before it. */
function split(html: string): { before: string; fold: string | null } {
  const at = html.indexOf('<details');
  return at < 0
    ? { before: html, fold: null }
    : { before: html.slice(0, at), fold: html.slice(at) };
}

describe('the list as drawn', () => {
  it('a set-up that works: one closed line, every check inside it, in the order they ran', () => {
    const { before, fold } = split(list(beforeConsent));
    expect(before).not.toContain('data-check=');
    expect(fold).not.toBeNull();
    expect(fold).toMatch(/^<details class="group[^"]*" data-testid="preflight-folded">/);
    expect(fold).not.toMatch(/^<details[^>]* open/);
    expect([...fold!.matchAll(/data-check="([^"]*)"/g)].map((m) => m[1])).toEqual(
      ids(beforeConsent),
    );
    // The line is a check's row: the pass verdict in the badge column, then what it holds.
    expect(fold).toMatch(
      /<summary class="grid grid-cols-\[5rem[^"]*cursor-pointer[^"]*"><span[^>]*>Pass<\/span>/,
    );
    expect(fold).toContain('5 checks passed, 4 notes');
  });

  it('a failure and a warning stay open, before the fold; the notes keep their "Note"', () => {
    const checks = [
      check('key-vault', 'fail', 'Grant the portal access.'),
      check('credential-type', 'warn', 'Use a certificate.'),
      ...beforeConsent.filter((c) => !['key-vault', 'credential-type'].includes(c.id)),
    ];
    const { before, fold } = split(list(checks));
    expect([...before.matchAll(/data-check="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'key-vault',
      'credential-type',
    ]);
    expect(before).toContain('Grant the portal access.');
    expect(fold).toContain('4 other checks passed, 3 notes');
    expect(fold).toMatch(/data-check="consent-mfa"[^>]*><span[^>]*>Note<\/span>/);
  });

  it('notes alone fold under a note, not a pass', () => {
    const { fold } = split(list([check('consent-mfa', 'info'), check('admin-agent', 'info')]));
    expect(fold).toMatch(/<summary[^>]*><span[^>]*>Note<\/span>/);
  });

  it('nothing that passed: no fold', () => {
    const { before, fold } = split(list([check('key-vault', 'fail', 'Fix.')]));
    expect(fold).toBeNull();
    expect(before).toContain('data-check="key-vault"');
  });

  // The e2e counts the checks left to do inside this one list, fold or not.
  it('every check stays inside the one list the page and its tests read', () => {
    const html = list(beforeConsent);
    expect(html.startsWith('<div data-testid="preflight-checks">')).toBe(true);
    expect(html.match(/data-check=/g)).toHaveLength(9);
  });
});
