import type { EntraFailureDescription } from './catalogue';

/**
 * One entry per AADSTS code the portal names: what happened, whose setting causes it, the
 * fix step by step and the button. Wording is the portal's own; Microsoft's text stays in
 * the collapsed technical detail. Every entry has a unit test in `catalogue.test.ts`.
 */
export const aadstsCatalogue: Record<number, EntraFailureDescription> = {
  // --- The partner's Entra ID settings ---
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
  },
  50055: {
    title: "The account's password has expired",
    cause:
      'The password of the account that consented has expired, which ends its sessions and refresh tokens.',
    fix: 'Change the password of that account, then re-consent.',
    action: 're-consent',
    owner: 'consenting-account',
    steps: [
      'Sign in to Microsoft with that account and set a new password when asked (or have an admin reset it).',
      'Re-consent in onboarding; the old refresh token cannot be revived.',
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
      'Sign in again, or re-consent in onboarding, completing the MFA prompt.',
    ],
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
  },
  // --- Consent, MFA and grant codes ---
  65001: {
    cause: 'Consent for the portal has not been granted in this tenant.',
    fix: 'Run the onboarding consent with a partner admin account.',
    action: 'grant-consent',
    owner: 'partner-entra',
    steps: [
      'Connect Partner Center from onboarding with a partner admin agent account and accept the permissions.',
    ],
  },
  50076: {
    cause: 'Entra requires multi-factor authentication for this access.',
    fix: 'Sign in again and complete the MFA prompt.',
    action: 'sign-in-again',
    owner: 'partner-entra',
    steps: ['Sign in again (or re-consent) and complete the MFA prompt.'],
  },
  50078: {
    cause: 'The multi-factor authentication of this session has expired.',
    fix: 'Sign in again and complete the MFA prompt.',
    action: 'sign-in-again',
    owner: 'partner-entra',
    steps: ['Sign in again (or re-consent) and complete the MFA prompt.'],
  },
  700082: {
    cause: 'The stored refresh token expired after 90 days without use.',
    fix: 'Re-consent in onboarding; the keep-alive then keeps it fresh.',
    action: 're-consent',
    owner: 'portal',
    steps: [
      'Re-consent in onboarding.',
      "Keep the portal's keep-alive running (TOKEN_KEEP_ALIVE_CHECK_SECONDS or a scheduler calling /api/tokens/keep-alive).",
    ],
  },
  70008: {
    cause: 'The authorization code or refresh token has expired.',
    fix: 'Re-consent in onboarding to mint a new refresh token.',
    action: 're-consent',
    owner: 'portal',
    steps: ['Re-consent in onboarding.'],
  },
  50173: {
    cause: 'The grant was revoked (password reset or admin revocation).',
    fix: 'Re-consent in onboarding with a partner admin account.',
    action: 're-consent',
    owner: 'partner-entra',
    steps: ['Re-consent in onboarding with a partner admin agent account.'],
  },
  700007: {
    cause: 'The grant was issued to a different application.',
    fix: "Re-consent with this portal's app registration.",
    action: 're-consent',
    owner: 'portal',
    steps: [
      'Check ENTRA_CLIENT_ID is the app registration that was consented to.',
      'Re-consent in onboarding.',
    ],
  },
  70002: {
    cause: 'The client is not allowed to use this grant.',
    fix: 'Check ENTRA_CLIENT_ID and re-consent with this app.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: ['Check ENTRA_CLIENT_ID.', 'Re-consent in onboarding with this app.'],
  },
  7000215: {
    cause: 'The client secret is wrong (often the secret id pasted instead of its value).',
    fix: 'Set ENTRA_CLIENT_SECRET to the secret value from the app registration.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      "Copy the secret's Value (not its ID) from App registrations → Certificates & secrets.",
      'Set ENTRA_CLIENT_SECRET and restart the portal.',
    ],
  },
  7000222: {
    cause: 'The client secret has expired.',
    fix: 'Create a new secret in the app registration and update ENTRA_CLIENT_SECRET.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      'Create a new secret in App registrations → Certificates & secrets.',
      'Set ENTRA_CLIENT_SECRET (and ENTRA_CLIENT_SECRET_EXPIRES_AT) and restart the portal.',
    ],
  },
  650051: {
    cause: 'The app registration is incomplete or invalid in this tenant.',
    fix: "Check the app registration's API permissions and redirect URIs.",
    action: 'fix-configuration',
    owner: 'portal',
    steps: ["Check the app registration's API permissions and redirect URIs."],
  },
  900144: {
    cause: 'The request to Entra is missing a required parameter.',
    fix: "Check the portal's Entra settings (client id, redirect URI).",
    action: 'fix-configuration',
    owner: 'portal',
    steps: ['Check ENTRA_CLIENT_ID and PORTAL_PUBLIC_URL.'],
  },
  90099: {
    cause: 'The app is not authorized in the customer tenant.',
    fix: 'Run the partner (CPV) consent for this customer.',
    action: 'grant-consent',
    owner: 'partner-center',
    steps: ['Run the partner (CPV) consent for this customer.'],
  },
  901002: {
    cause: 'A v1 `resource` parameter was sent to a v2 endpoint.',
    fix: 'Set ENTRA_ENDPOINT_VERSION to match the endpoints used.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: ['Set ENTRA_ENDPOINT_VERSION to match the endpoints used.'],
  },
};
