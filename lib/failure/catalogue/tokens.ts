import type { FailureWords } from '../failure';
import { aadstsCatalogue } from './aadsts';
import type { OwnAdminAware } from './readers';

/**
 * AADSTS codes after which only a new consent helps, including the partner's own Entra
 * settings that end a grant: sign-in frequency, block policy, assignment, disabled account,
 * expired password.
 */
export const reconsentCodes: ReadonlySet<number> = new Set([
  700082, 70008, 50173, 700007, 50076, 50079, 70043, 53003, 50105, 50057, 50055,
]);
/**
 * Re-consent verdicts a partner can clear in their own Entra ID, after which the stored grant
 * may work again without a new consent: Entra applies a Conditional Access block (53003) and
 * "Assignment required" (50105) when it issues a token, and refuses a disabled account (50057)
 * while it stays disabled. The token service replays the verdict until a new consent, so the
 * health page lets the partner's Admin ask Entra once more after the fix; if Entra then
 * refuses for another reason (the grant revoked meanwhile: 50173), that is the verdict.
 */
export const recheckableCodes: ReadonlySet<number> = new Set([53003, 50105, 50057]);
/**
 * AADSTS codes that mean the portal's own configuration is wrong (its credential, its app
 * registration, its endpoint version): every code the catalogue tells the portal's operators to
 * fix. Retrying or re-consenting changes nothing.
 */
export const configurationCodes: ReadonlySet<number> = new Set(
  Object.entries(aadstsCatalogue)
    .filter(([, entry]) => entry.action === 'fix-configuration' && entry.owner === 'portal')
    .map(([code]) => Number(code)),
);

/**
 * AADSTS codes by which Entra throttles a refresh-token redemption (`invalid_grant`, no
 * `Retry-After`): the grant is fine, so never a re-consent verdict; no redemption for
 * `entraThrottleWaitSeconds`, the wait Entra states for its 429s (`Retry-After: 60`, MSAL.NET
 * docs "Client and server throttling").
 */
export const throttlingCodes: ReadonlySet<number> = new Set([50196]);
export const entraThrottleWaitSeconds = 60;

/** The token service's codes; the words of the others come from the AADSTS catalogue. */
export type TokenFailureCode =
  | 'needs_reconsent'
  | 'configuration_error'
  | 'not_connected'
  | 'not_admitted'
  | 'token_unavailable';

/** HTTP status per token-service code. */
export const tokenStatus: Record<TokenFailureCode, number> = {
  needs_reconsent: 409,
  not_connected: 409,
  not_admitted: 403,
  configuration_error: 502,
  token_unavailable: 503,
};

export const tokenEntries = {
  not_connected: {
    problem: 'Partner Center is not connected for this tenant (no refresh token in Key Vault).',
    fix: 'An admin connects Partner Center in onboarding.',
    action: 'grant-consent',
    status: tokenStatus.not_connected,
    ownAdmin: { fix: 'Connect Partner Center in onboarding.' },
  },
  // Only the portal's own jobs could ask (the keep-alive, the health probe): a tenant's people
  // lose their sessions when it leaves PARTNER_TENANTS (lib/auth/sessions.ts).
  not_admitted: {
    problem:
      'This partner tenant is no longer admitted to the portal (not in PARTNER_TENANTS): its stored connection is neither used nor renewed.',
    fix: "Delete the tenant's secret in Key Vault to end the stored connection, or admit the tenant again.",
    action: 'fix-configuration',
    owner: 'portal',
    status: tokenStatus.not_admitted,
  },
} satisfies Record<string, FailureWords & OwnAdminAware>;
