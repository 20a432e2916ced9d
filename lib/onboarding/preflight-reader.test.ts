import { describe, expect, it } from 'vitest';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import { preflightForReader, preflightNeedsAction, type PreflightCheck } from './preflight';

const checks: PreflightCheck[] = [
  { id: 'app-registration', title: 'App registration reachable', status: 'pass', summary: 'OK.' },
  {
    id: 'app-registration',
    title: 'App registration reachable',
    status: 'fail',
    summary: 'Entra discovery for the home tenant answered HTTP 400.',
    fix: 'Check ENTRA_AUTHORITY_HOST and ENTRA_TENANT_ID.',
  },
  {
    id: 'credential-type',
    title: 'Client credential',
    status: 'warn',
    summary: 'The portal authenticates with a client secret.',
    fix: 'Prefer a certificate: set ENTRA_CLIENT_CERTIFICATE_PATH.',
  },
  {
    id: 'consent-mfa',
    title: 'MFA at consent',
    status: 'warn',
    summary: 'Minted without MFA.',
    fix: 'Re-consent with an account that completes MFA.',
  },
];

describe('preflightForReader', () => {
  it("gives a partner's Admin no fix of the portal's own set-up, and keeps their own", () => {
    const [pass, failed, warned, own] = preflightForReader(checks, 'partner');
    expect(pass).toEqual(checks[0]);
    expect(failed).toMatchObject({
      status: 'fail',
      fix: "The portal's operator must fix this; nothing is needed from you. Try again once they have.",
    });
    // The operator's warning is a note to the partner: nothing for them to do.
    expect(warned).toEqual({
      id: 'credential-type',
      title: 'Client credential',
      status: 'info',
      summary: 'The portal authenticates with a client secret.',
    });
    expect(own).toEqual(checks[3]);
    expect(JSON.stringify([failed, warned])).not.toMatch(/ENTRA_|CERTIFICATE/);
  });

  it('leaves step 1 to the partner only for what is theirs', () => {
    const portalWarningOnly = checks.slice(2, 3);
    expect(preflightNeedsAction(portalWarningOnly)).toBe(true);
    expect(preflightNeedsAction(preflightForReader(portalWarningOnly, 'partner'))).toBe(false);
  });

  it("says an outage of the portal's own set-up may pass", () => {
    const [outage] = preflightForReader([{ ...checks[1]!, transient: true }], 'partner');
    expect(outage?.fix).toBe(
      "The portal's operator must fix this if it lasts; nothing is needed from you. Try again in a few minutes.",
    );
  });

  it('gives the platform operator every check as it is', () => {
    expect(preflightForReader(checks, 'operator')).toEqual(checks);
  });
});

// Onboarding is read by the tenant's own Admins only: a check's words naming "the partner's
// stored connection" or "one of this partner's admins" were theirs, yet read in the third person.
describe("preflightForReader for the tenant's own Admin", () => {
  const disabled = vaultEntries.vault_secret_disabled;
  const vaultRow: PreflightCheck = {
    id: 'key-vault',
    title: 'Key Vault reachable',
    status: 'fail',
    summary: disabled.problem,
    fix: disabled.fix,
  };

  it("addresses a check's words to them, after finding a partner's own way by the fix as written", () => {
    const [partner] = preflightForReader([vaultRow], 'partner');
    expect(partner).toMatchObject({
      summary: 'Your stored Partner Center connection is disabled in Key Vault.',
      fix: "Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.",
    });
    const [operator] = preflightForReader([vaultRow], 'operator');
    expect(operator).toMatchObject({
      summary: 'Your stored Partner Center connection is disabled in Key Vault.',
      fix: 'Enable its current version in Key Vault, or re-consent in onboarding to store a new one.',
    });
  });

  it('leaves words without a third person as they are, adding no empty fix or steps', () => {
    expect(preflightForReader(checks, 'operator')).toStrictEqual(checks);
  });
});
