import type { EntraFailureDescription } from '@/lib/entra/catalogue';
import type { PartnerCenterError } from './errors';

/**
 * Partner Center's own refusals in plain words, with whose setting causes them and the fix
 * step by step. Matched by Partner Center's code and, because the codes of these refusals are
 * not all documented, by the wording public reports show. `undefined` = no specific words.
 */
export type PartnerCenterRefusal = EntraFailureDescription & {
  key: 'not-admin-agent' | 'mfa-enforcement' | 'partner-not-authorized';
};

const notAdminAgent: PartnerCenterRefusal = {
  key: 'not-admin-agent',
  title: 'The consenting account is not an admin agent',
  cause:
    'Partner Center refused the account that consented: it has no Admin agent role in your Partner Center.',
  fix: 'Give the account the Admin agent role in Partner Center, or re-consent with an account that has it.',
  action: 're-consent',
  owner: 'partner-center',
  steps: [
    'In Partner Center open Account settings → User management, select the account and tick Admin agent (or use an account that already has it).',
    'Re-consent in onboarding with that account, so the stored token carries the role.',
  ],
};

const mfaEnforcement: PartnerCenterRefusal = {
  key: 'mfa-enforcement',
  title: 'Partner Center requires MFA',
  cause:
    'Partner Center enforces multi-factor authentication for partner accounts, and the stored token was issued without MFA.',
  fix: 'Re-consent with an account that completes MFA when it signs in.',
  action: 're-consent',
  owner: 'partner-center',
  steps: [
    'Make sure the consenting account has an MFA method registered (https://aka.ms/mfasetup) and that your Entra ID asks it for MFA.',
    'Re-consent in onboarding and complete the MFA prompt.',
  ],
};

const partnerNotAuthorized: PartnerCenterRefusal = {
  key: 'partner-not-authorized',
  title: 'Your partner account may not use this API',
  cause:
    'Partner Center refused your partner account for this API: the account is not an active CSP partner, or lacks the program or agreement the API needs.',
  fix: 'Check in Partner Center that your CSP enrollment is active and the agreements are accepted, then retry.',
  action: 'retry',
  owner: 'partner-center',
  steps: [
    'Sign in to Partner Center and check Account settings → Legal info and your program enrollment: the Cloud Solution Provider program must be active and its agreement accepted.',
    'If it is, open a Partner Center support request quoting the correlation id below.',
    'Run the check again.',
  ],
};

/** Partner Center codes the emulator and public reports use; see emulator/README.md (UNCONFIRMED numbers). */
const byCode: Record<number, PartnerCenterRefusal> = {
  900421: mfaEnforcement,
  3000: notAdminAgent,
  3001: partnerNotAuthorized,
};

/** The dependency-error code the health probe reports for a refusal, e.g. `partner_center_not_admin_agent`. */
export function refusalCode(refusal: PartnerCenterRefusal): string {
  return `partner_center_${refusal.key.replace(/-/g, '_')}`;
}

/** The refusal behind a code made by `refusalCode`, if it is one. */
export function refusalFromCode(code: string | null): PartnerCenterRefusal | undefined {
  return [notAdminAgent, mfaEnforcement, partnerNotAuthorized].find(
    (refusal) => refusalCode(refusal) === code,
  );
}

/** The refusal a Partner Center error stands for, if the portal has specific words for it. */
export function describePartnerCenterRefusal(
  err: Pick<PartnerCenterError, 'code' | 'partnerCenterCode' | 'description'>,
): PartnerCenterRefusal | undefined {
  const known = err.partnerCenterCode !== null ? byCode[err.partnerCenterCode] : undefined;
  if (known) return known;
  if (err.code === 'forbidden' && /supplied role does not have the rights/i.test(err.description))
    return notAdminAgent;
  if (err.code === 'unauthorized' && /\bMFA\b|multi-factor/i.test(err.description))
    return mfaEnforcement;
  return undefined;
}
