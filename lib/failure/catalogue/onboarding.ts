import type { FailureWords } from '../failure';

/**
 * Failures the portal itself detects in the consent round trip (no Entra error code). The
 * status is what a JSON caller would get; the consent pages redirect to the failure view. A
 * `title` heads a problem too long to be one (on a phone the whole problem ran six lines bold).
 */
export const onboardingEntries = {
  cookie_missing: {
    title: 'The consent attempt was not found',
    problem:
      'The consent session was not found: it expired (10 minutes), was already used, or the browser blocked the cookie.',
    fix: 'Start the connection again from this page and finish it within 10 minutes in the same browser.',
    action: 'retry',
    status: 400,
  },
  cookie_invalid: {
    problem:
      'The consent session cookie could not be read (tampered with, or the portal secret changed).',
    fix: 'Start the connection again from this page.',
    action: 'retry',
    status: 400,
  },
  cookie_reused: {
    problem: 'This consent response was already used once; a replayed response is refused.',
    fix: 'Start the connection again from this page.',
    action: 'retry',
    status: 409,
  },
  replay_check_unavailable: {
    problem:
      'The portal could not confirm that this consent response is used only once (its database did not answer), so nothing was stored.',
    fix: 'Wait a minute and connect again; if it repeats, check the database on the health page.',
    action: 'retry',
    status: 503,
  },
  state_mismatch: {
    problem:
      'The response from Microsoft does not belong to the consent this browser started (state mismatch).',
    fix: 'Start the connection again from this page; do not reuse old sign-in tabs.',
    action: 'retry',
    status: 400,
  },
  malformed_callback: {
    problem: 'The response from Microsoft is incomplete (missing code, id_token or state).',
    fix: 'Start the connection again; check the app registration allows ID tokens for this redirect URI.',
    action: 'retry',
    status: 400,
  },
  id_token_invalid: {
    problem:
      'The ID token from the sign-in failed validation (signature, issuer, audience, nonce, code hash or lifetime).',
    fix: 'Start the connection again; if it repeats, check ENTRA_AUTHORITY_HOST and ENTRA_CLIENT_ID.',
    action: 'retry',
    status: 400,
  },
  tenant_mismatch: {
    problem:
      'The account that consented belongs to a different tenant than the admin signed in to the portal.',
    fix: 'Consent with an admin agent account of your own partner tenant.',
    action: 're-consent',
    status: 403,
  },
  admin_mismatch: {
    problem: 'The consent was started by a different portal user than the one now signed in.',
    fix: 'Start the connection again while signed in as the admin who connects Partner Center.',
    action: 'retry',
    status: 403,
  },
  consenter_not_admin: {
    title: 'The account that consented is not a portal Admin',
    problem:
      'The account that completed the consent is not an Admin of the portal in your tenant (it has no Admin role now, though the consent may have been started by one). Nothing was stored.',
    fix: 'Complete the Microsoft sign-in with an account that holds the portal Admin role in your tenant (Entra admin center, Enterprise applications, Users and groups), then start the connection again.',
    action: 'retry',
    status: 403,
  },
  tenant_not_admitted: {
    problem:
      'Your partner tenant is no longer enrolled in this portal (removed from PARTNER_TENANTS since the consent started). Nothing was stored.',
    fix: "Ask the portal's operator to enrol your tenant again, then sign in and connect.",
    action: 'none',
    status: 403,
  },
  mfa_missing: {
    problem:
      'The consenting sign-in did not use multi-factor authentication; Partner Center refuses such tokens.',
    fix: 'Enable MFA for the partner admin agent account and connect again, completing the MFA prompt.',
    action: 're-consent',
    status: 403,
  },
  no_refresh_token: {
    problem: 'Entra returned no refresh token for the consent.',
    fix: 'Check that the app registration requests offline_access (v2) and connect again.',
    action: 'fix-configuration',
    status: 502,
  },
  not_connected: {
    problem: 'Partner Center is not connected for this tenant.',
    fix: 'Connect Partner Center from the onboarding page.',
    action: 'grant-consent',
    status: 409,
  },
  confirmation_mismatch: {
    problem: 'The word typed to confirm the disconnect was not "disconnect".',
    fix: 'Type disconnect in the confirmation field and confirm again.',
    action: 'retry',
    status: 400,
  },
  unexpected: {
    problem: 'Something unexpected went wrong while connecting Partner Center.',
    fix: 'Retry; if it repeats, give the correlation ID to support.',
    action: 'retry',
    status: 500,
  },
} satisfies Record<string, FailureWords>;

export type OnboardingCode = keyof typeof onboardingEntries;
