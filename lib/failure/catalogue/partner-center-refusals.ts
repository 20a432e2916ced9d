import type { EntraFailureDescription } from '@/lib/entra/catalogue';

/**
 * Partner Center's refusals of the partner's own set-up, in plain words with whose setting
 * causes them and the fix step by step. lib/partner-center/refusals.ts decides which refusal
 * an answer is (by Partner Center's code and wording); the words live here.
 */
export type PartnerCenterRefusal = EntraFailureDescription & {
  key: 'not-admin-agent' | 'no-user-read-role' | 'mfa-enforcement' | 'partner-not-authorized';
};

export const notAdminAgent: PartnerCenterRefusal = {
  key: 'not-admin-agent',
  title: 'The consenting account is not an admin agent',
  cause:
    'Partner Center refused the account that consented: it has no Admin agent role in your Partner Center.',
  fix: 'Give the account the Admin agent role in Partner Center, or re-consent with an account that has it.',
  action: 're-consent',
  owner: 'partner-center',
  steps: [
    'In Partner Center open Account settings → User management, select the account and tick Admin agent (or use an account that already has it).',
    'Re-consent in onboarding with that account.',
  ],
  otherPartner: {
    cause:
      "Partner Center refused the account that consented: it has no Admin agent role in {partner's} Partner Center.",
  },
};

/**
 * The same refusal (403, 900150) of a customer's users. Under GDAP, reading them needs one of
 * Directory Reader, Global Reader or User Administrator in the partner's relationship with
 * that customer ("Get a list of all user accounts for a customer", "Get a user account by
 * ID"), given to a security group the consenting account is in. The customers list working
 * while one customer's users are refused points there, and re-consent alone does not fix it.
 */
export const noUserReadRole: PartnerCenterRefusal = {
  key: 'no-user-read-role',
  title: 'Partner Center refused to show this customer\u2019s users',
  cause:
    'The access the portal signs in with does not include this customer\u2019s users. Reading them needs a GDAP role in your relationship with this customer (Directory Reader, Global Reader or User Administrator) for a security group the consenting account is in; without GDAP, the Admin agent role.',
  fix: 'Check this customer\u2019s admin relationship in Partner Center, then try again.',
  action: 'retry',
  owner: 'partner-center',
  steps: [
    'In Partner Center open Customers, select this customer, then Admin relationships: an active relationship must grant Directory Reader, Global Reader or User Administrator.',
    'In that relationship, assign the role to a security group the consenting account is a member of.',
    'Try again. If Partner Center still refuses, re-consent in onboarding with an account in that group.',
  ],
};

export const mfaEnforcement: PartnerCenterRefusal = {
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
  otherPartner: {
    steps: {
      0: "Make sure the consenting account has an MFA method registered (https://aka.ms/mfasetup) and that {partner's} Entra ID asks it for MFA.",
    },
  },
};

export const partnerNotAuthorized: PartnerCenterRefusal = {
  key: 'partner-not-authorized',
  title: 'Your partner account may not use this API',
  cause:
    'Partner Center refused your partner account for this API: the account is not an active CSP partner, or lacks the program or agreement the API needs.',
  fix: 'Check in Partner Center that your CSP enrollment is active and the agreements are accepted, then retry.',
  action: 'retry',
  owner: 'partner-center',
  steps: [
    'Sign in to Partner Center and check Account settings → Legal info and your program enrollment: the Cloud Solution Provider program must be active and its agreement accepted.',
    'If it is, open a Partner Center support request quoting the correlation ID below.',
    'Run the check again.',
  ],
  otherPartner: {
    title: 'The partner account may not use this API',
    cause:
      "Partner Center refused {partner's} partner account for this API: the account is not an active CSP partner, or lacks the program or agreement the API needs.",
    fix: "Check in Partner Center that {partner's} CSP enrollment is active and the agreements are accepted, then retry.",
    steps: {
      0: "Sign in to Partner Center and check Account settings → Legal info and {partner's} program enrollment: the Cloud Solution Provider program must be active and its agreement accepted.",
    },
  },
};
