import type { EntraFailureDescription } from '@/lib/entra/catalogue';

/**
 * AADSTS codes caused by the partner's own Entra ID settings (Conditional Access, assignment,
 * disabled accounts, consent policy). Part of the AADSTS catalogue (`aadsts.ts`).
 */
export const partnerEntraAadsts: Record<number, EntraFailureDescription> = {
  70043: {
    title: 'Sign-in frequency policy ended the connection',
    cause:
      'A Conditional Access sign-in frequency policy in your Entra ID ended the stored refresh token: the account that consented signed in longer ago than the policy allows.',
    fix: 'Exclude the account that consents from sign-in-frequency policies, or re-consent within every policy period; then re-consent now.',
    action: 're-consent',
    owner: 'partner-entra',
    steps: [
      'In the Entra admin center open Protection → Conditional Access and find the policy with a "Sign-in frequency" session control that covers the account that consented (the failed sign-in in Sign-in logs names it).',
      'Exclude that account (or a group holding only your portal admin agents) from the policy. If the policy must stay, someone has to re-consent before every period ends, or the portal stops when it ends.',
      'Re-consent in onboarding with the excluded account.',
    ],
    otherPartner: {
      cause:
        "A Conditional Access sign-in frequency policy in {partner's} Entra ID ended the stored refresh token: the account that consented signed in longer ago than the policy allows.",
      steps: {
        1: "Exclude that account (or a group holding only {partner's} portal admin agents) from the policy. If the policy must stay, someone has to re-consent before every period ends, or the portal stops when it ends.",
      },
    },
  },
  53003: {
    title: 'Blocked by a Conditional Access policy',
    cause:
      'A Conditional Access policy in your Entra ID blocks this account from getting tokens for the portal.',
    fix: 'Find the blocking policy in the sign-in logs, exclude the consenting account or meet its conditions, then re-consent.',
    action: 're-consent',
    owner: 'partner-entra',
    steps: [
      'In the Entra admin center open Monitoring → Sign-in logs, find the failed sign-in of the consenting account and open its Conditional Access tab: it names the policy that blocked it.',
      "Exclude the account (or the portal's app) from that policy, or meet its conditions (location, device, client app).",
      'Re-consent in onboarding.',
    ],
    otherPartner: {
      cause:
        "A Conditional Access policy in {partner's} Entra ID blocks this account from getting tokens for the portal.",
    },
  },
  50105: {
    title: "The account is not assigned to the portal's app",
    cause:
      'Your Entra ID requires assignment for the portal\'s app ("Assignment required?" is Yes) and this account is not assigned to it.',
    fix: "Assign the account (or its group) to the portal's enterprise application, then sign in or re-consent again.",
    action: 're-consent',
    owner: 'partner-entra',
    steps: [
      "In the Entra admin center open Enterprise applications, select the portal's app and then Users and groups.",
      'Add an assignment for the account (or a group it is in) with the role it needs: Admin for whoever connects Partner Center.',
      'Sign in again; if the stored connection failed, re-consent in onboarding.',
    ],
    otherPartner: {
      cause:
        'The portal\'s app requires assignment in {partner\'s} Entra ID ("Assignment required?" is Yes) and this account is not assigned to it.',
    },
  },
  65004: {
    title: 'Consent was declined',
    cause:
      "The account declined the permissions on Microsoft's consent page, so nothing was granted and nothing was stored.",
    fix: 'Start again and choose Accept on the consent page.',
    action: 'grant-consent',
    owner: 'consenting-account',
    steps: [
      'Start the connection again from onboarding.',
      'On Microsoft\'s "Permissions requested" page choose Accept.',
    ],
  },
  90094: {
    title: 'An administrator must approve the portal',
    cause:
      'Your Entra ID does not let ordinary users consent to apps, and the account that tried is not an administrator.',
    fix: "Sign in or connect with a Global Administrator account, or have one grant admin consent for the portal's app first.",
    action: 'grant-consent',
    owner: 'partner-entra',
    steps: [
      'Ask a Global Administrator (or Cloud Application Administrator) of your tenant to open Enterprise applications → the portal\'s app → Permissions → "Grant admin consent", or to connect from onboarding with their own account.',
      'Then connect again from onboarding.',
    ],
    otherPartner: {
      cause:
        "Ordinary users may not consent to apps in {partner's} Entra ID, and the account that tried is not an administrator.",
      steps: {
        0: 'Ask a Global Administrator (or Cloud Application Administrator) of {partner\'s} tenant to open Enterprise applications → the portal\'s app → Permissions → "Grant admin consent", or to connect from onboarding with their own account.',
      },
    },
  },
  50057: {
    title: 'The account is disabled',
    cause:
      'The account that consented is disabled in your Entra ID, so its refresh token no longer works.',
    fix: 'Re-enable the account, or re-consent with another admin agent account.',
    action: 're-consent',
    owner: 'partner-entra',
    steps: [
      'In the Entra admin center open Users, select the account and set "Account enabled" back on, or pick another account with the Admin agent role in Partner Center.',
      'Re-consent in onboarding with an enabled account.',
    ],
    otherPartner: {
      cause:
        "The account that consented is disabled in {partner's} Entra ID, so its refresh token no longer works.",
    },
  },
  // Entra shows 50055 at sign-in; an expired password alone ends no refresh token ("Token
  // revocation" in Microsoft's refresh-token docs), so the token endpoint is not known to send it.
  50055: {
    title: "The account's password has expired",
    cause: 'Entra refused the account that consented because its password has expired.',
    fix: 'Change the password of that account, then re-consent.',
    action: 're-consent',
    owner: 'consenting-account',
    steps: [
      'Sign in to Microsoft with that account and set a new password when asked (or have an admin reset it).',
      'Re-consent in onboarding with that account.',
      'To avoid a repeat, exempt that account from password expiry or note the date.',
    ],
  },
  50079: {
    title: 'The account must register for MFA',
    cause:
      'Your Entra ID requires multi-factor authentication, and the account has no MFA method registered.',
    fix: 'Register an MFA method for the account, then connect or sign in again.',
    action: 'sign-in-again',
    owner: 'consenting-account',
    steps: [
      "Sign in to Microsoft's security info page (https://aka.ms/mfasetup) with the account and add an authenticator app or phone.",
      // Where it failed: a sign-in, a first connection or a re-consent.
      'Then sign in or connect again, completing the MFA prompt.',
    ],
    // Connecting again fails the same way until the account has a method.
    fixAt: {
      label: 'Register an MFA method',
      href: 'https://aka.ms/mfasetup',
      then: 'once registered',
    },
    otherPartner: {
      cause:
        "Multi-factor authentication is required in {partner's} Entra ID, and the account has no MFA method registered.",
    },
  },
  50020: {
    title: 'The account belongs to another tenant',
    cause:
      'The account used is from another Entra tenant or identity provider and does not exist in the tenant the portal asked for.',
    fix: 'Sign in with an account of your own partner tenant (its name ends with your domain).',
    action: 'sign-in-again',
    owner: 'consenting-account',
    steps: [
      'Sign out of Microsoft in this browser, or use a private window.',
      'Sign in again with an account of your partner tenant; guests must first be invited into it.',
    ],
    otherPartner: {
      fix: "Sign in with an account of {partner's} own partner tenant (its name ends with that tenant's domain).",
      steps: {
        1: "Sign in again with an account of {partner's} partner tenant; guests must first be invited into it.",
      },
    },
  },
};
