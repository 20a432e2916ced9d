import { EntraError } from './errors';

/** What the person who sees a failure should do next; pages render a button per action. */
export type EntraFailureAction = 're-consent' | 'sign-in-again' | 'fix-configuration' | 'retry' | 'grant-consent';

export interface EntraFailureDescription {
  /** One line: what went wrong, in words an admin understands. */
  cause: string;
  /** One line: what to do about it. */
  fix: string;
  action: EntraFailureAction;
}

const byAadsts: Record<number, EntraFailureDescription> = {
  65001: { cause: 'Consent for the portal has not been granted in this tenant.', fix: 'Run the onboarding consent with a partner admin account.', action: 'grant-consent' },
  50076: { cause: 'Entra requires multi-factor authentication for this access.', fix: 'Sign in again and complete the MFA prompt.', action: 'sign-in-again' },
  50079: { cause: 'The account must register for multi-factor authentication.', fix: 'Register MFA for the account, then sign in again.', action: 'sign-in-again' },
  50078: { cause: 'The multi-factor authentication of this session has expired.', fix: 'Sign in again and complete the MFA prompt.', action: 'sign-in-again' },
  700082: { cause: 'The stored refresh token expired after 90 days without use.', fix: 'Re-consent in onboarding; the keep-alive then keeps it fresh.', action: 're-consent' },
  70008: { cause: 'The authorization code or refresh token has expired.', fix: 'Re-consent in onboarding to mint a new refresh token.', action: 're-consent' },
  50173: { cause: 'The grant was revoked (password reset or admin revocation).', fix: 'Re-consent in onboarding with a partner admin account.', action: 're-consent' },
  700007: { cause: 'The grant was issued to a different application.', fix: 'Re-consent with this portal\'s app registration.', action: 're-consent' },
  70002: { cause: 'The client is not allowed to use this grant.', fix: 'Check ENTRA_CLIENT_ID and re-consent with this app.', action: 'fix-configuration' },
  7000215: { cause: 'The client secret is wrong (often the secret id pasted instead of its value).', fix: 'Set ENTRA_CLIENT_SECRET to the secret value from the app registration.', action: 'fix-configuration' },
  7000222: { cause: 'The client secret has expired.', fix: 'Create a new secret in the app registration and update ENTRA_CLIENT_SECRET.', action: 'fix-configuration' },
  650051: { cause: 'The app registration is incomplete or invalid in this tenant.', fix: 'Check the app registration\'s API permissions and redirect URIs.', action: 'fix-configuration' },
  900144: { cause: 'The request to Entra is missing a required parameter.', fix: 'Check the portal\'s Entra settings (client id, redirect URI).', action: 'fix-configuration' },
  90099: { cause: 'The app is not authorized in the customer tenant.', fix: 'Run the partner (CPV) consent for this customer.', action: 'grant-consent' },
  901002: { cause: 'A v1 `resource` parameter was sent to a v2 endpoint.', fix: 'Set ENTRA_ENDPOINT_VERSION to match the endpoints used.', action: 'fix-configuration' },
};

const byError: Record<string, EntraFailureDescription> = {
  access_denied: { cause: 'Consent was declined on the Microsoft consent page.', fix: 'Start onboarding again and accept the requested permissions.', action: 'grant-consent' },
  network: { cause: 'Entra ID could not be reached.', fix: 'Check network access to the Entra authority host, then retry.', action: 'retry' },
  timeout: { cause: 'Entra ID did not answer in time.', fix: 'Retry; if it persists, check network access to the authority host.', action: 'retry' },
  server_error: { cause: 'Entra ID had a temporary server error.', fix: 'Retry in a moment.', action: 'retry' },
  temporarily_unavailable: { cause: 'Entra ID is temporarily unavailable.', fix: 'Retry in a moment.', action: 'retry' },
  invalid_grant: { cause: 'The grant is no longer valid.', fix: 'Re-consent in onboarding.', action: 're-consent' },
  interaction_required: { cause: 'Entra requires the user to sign in interactively.', fix: 'Sign in again with MFA.', action: 'sign-in-again' },
  consent_required: { cause: 'Consent is missing.', fix: 'Grant consent in onboarding.', action: 'grant-consent' },
  invalid_client: { cause: 'Entra rejected the portal\'s client credential.', fix: 'Check ENTRA_CLIENT_ID and the client secret or certificate.', action: 'fix-configuration' },
  malformed_response: { cause: 'Entra returned a response the portal could not read.', fix: 'Check ENTRA_AUTHORITY_HOST points at Entra ID, then retry.', action: 'retry' },
};

const unknownFailure: EntraFailureDescription = {
  cause: 'Entra ID refused the request.',
  fix: 'Retry; if it persists, give the correlation id to support.',
  action: 'retry',
};

/**
 * The catalogue entry for a failure: AADSTS code first, then the OAuth error, then status.
 * Accepts anything thrown, so callers can pass what they caught.
 */
export function describeEntraFailure(err: unknown): EntraFailureDescription {
  if (!(err instanceof EntraError)) return unknownFailure;
  if (err.aadsts !== undefined && byAadsts[err.aadsts]) return byAadsts[err.aadsts]!;
  const entry = byError[err.error];
  if (entry) return entry;
  return err.status >= 500 ? byError.server_error! : unknownFailure;
}
