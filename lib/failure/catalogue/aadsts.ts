import type { EntraFailureDescription } from '@/lib/entra/catalogue';
import { partnerEntraAadsts } from './aadsts-partner-entra';

/**
 * One entry per AADSTS code the portal names: what happened, whose setting causes it, the
 * fix step by step and the button. Wording is the portal's own; Microsoft's text stays in
 * the collapsed technical detail. Every entry has a unit test in lib/entra/catalogue.test.ts;
 * lib/entra's `describeEntraFailure` reads it.
 */
export const aadstsCatalogue: Record<number, EntraFailureDescription> = {
  // The partner's Entra ID settings.
  ...partnerEntraAadsts,
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
    title: 'The grant was revoked',
    cause:
      "The grant was revoked: an administrator reset the consenting account's password, or revoked its sessions.",
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
