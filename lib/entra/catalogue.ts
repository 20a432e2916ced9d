import type { FailureAction, FailureFixAt } from '@/lib/failure/failure';
import {
  aadstsCatalogue,
  idTokensNotEnabled,
  partnerCenterNotInTenant,
} from '@/lib/failure/catalogue/aadsts';
import type { OtherPartnerAware } from '@/lib/failure/catalogue/readers';
import { EntraError } from './errors';

/** Whose setting causes a failure, so the person knows who can fix it. */
export type FailureOwner =
  'portal' | 'partner-entra' | 'partner-center' | 'consenting-account' | 'microsoft';

/**
 * Plain words for each owner, as the pages show them: after "Where the cause is: "
 * (components/failure-fix.tsx), so in lower case but for a proper noun. The portal's covers
 * everything its operator runs (its client secret and app registration, Key Vault, this
 * instance's network path), not its configuration alone: Key Vault being down is no setting.
 */
export const failureOwnerLabels: Record<FailureOwner, string> = {
  portal:
    "the portal's own side (its operator looks after its configuration, Key Vault and network)",
  'partner-entra': "a setting in your Entra ID (your tenant's administrators can change it)",
  'partner-center': 'your Partner Center account',
  'consenting-account': 'the account that signed in or consented',
  microsoft: "Microsoft's service (temporary)",
};

/**
 * The portal's label as a platform operator reads it (an Admin or Ops of the home tenant, the
 * organisation that runs the portal): "its operator looks after…" sent them to themselves.
 */
export const portalOwnerLabelForOperators =
  "the portal's own side: your organisation runs it (its configuration, Key Vault and network)";

/**
 * The labels that speak to the partner ("your Entra ID"), as a platform operator reads them on
 * another partner's card: whose setting it is. `{partner's}` as in the catalogue's
 * `otherPartner` words (lib/failure/catalogue/readers.ts): "Fabrikam's", else "the partner's".
 * The others name no one in the second person and read the same on every card; a test fails for
 * a label in the second person without one here (lib/health/whose-words.test.ts).
 */
export const otherPartnerOwnerLabels: Partial<Record<FailureOwner, string>> = {
  'partner-entra': "a setting in {partner's} Entra ID (its administrators can change it)",
  'partner-center': "{partner's} Partner Center account",
};

export interface EntraFailureDescription extends OtherPartnerAware {
  /** A short heading; defaults to the cause. */
  title?: string;
  /** One line: what went wrong, in words an admin understands. */
  cause: string;
  /** One line: what to do about it. */
  fix: string;
  /** What the person should do next (lib/failure's actions). */
  action: FailureAction;
  owner: FailureOwner;
  /** The fix step by step. */
  steps: string[];
  /** Where the fix starts, when it is a Microsoft page the account must visit first. */
  fixAt?: FailureFixAt;
}

const byError: Record<string, EntraFailureDescription> = {
  access_denied: {
    cause: 'Consent was declined on the Microsoft consent page.',
    fix: 'Start onboarding again and accept the requested permissions.',
    action: 'grant-consent',
    owner: 'consenting-account',
    steps: ['Start onboarding again and accept the requested permissions.'],
  },
  network: {
    cause: 'Entra ID could not be reached.',
    fix: 'Check network access to the Entra authority host, then retry.',
    action: 'retry',
    owner: 'portal',
    steps: ['Check network access to the Entra authority host, then retry.'],
  },
  timeout: {
    cause: 'Entra ID did not answer in time.',
    fix: 'Retry; if it persists, check network access to the authority host.',
    action: 'retry',
    owner: 'microsoft',
    steps: ['Retry; if it persists, check network access to the authority host.'],
  },
  server_error: {
    cause: 'Entra ID had a temporary server error.',
    fix: 'Retry in a moment.',
    action: 'retry',
    owner: 'microsoft',
    steps: ['Retry in a moment.'],
  },
  temporarily_unavailable: {
    cause: 'Entra ID is temporarily unavailable.',
    fix: 'Retry in a moment.',
    action: 'retry',
    owner: 'microsoft',
    steps: ['Retry in a moment.'],
  },
  invalid_grant: {
    cause: 'The grant is no longer valid.',
    fix: 'Re-consent in onboarding.',
    action: 're-consent',
    owner: 'partner-entra',
    steps: ['Re-consent in onboarding.'],
  },
  // The auth-code flow doc (MicrosoftDocs/entra-docs docs/identity-platform/v2-oauth2-auth-code-flow.md,
  // "Error codes for authorization endpoint errors"): "The request requires user interaction.
  // Another authentication step or consent is required."
  interaction_required: {
    cause:
      'Microsoft needs another sign-in step, such as MFA or consent, before it issues the token.',
    fix: 'Sign in again (or re-consent) and complete every step Microsoft asks for, such as MFA or consent.',
    action: 'sign-in-again',
    owner: 'partner-entra',
    steps: [
      'Sign in again (or re-consent in onboarding) and complete every step Microsoft asks for, such as the MFA prompt or the consent page.',
    ],
  },
  // Same table: "`login_required` | Too many or no users found. | ... a single user couldn't be
  // found. This error may mean there are multiple users active in the session, or no users."
  login_required: {
    cause:
      'Microsoft could not tell which account should sign in: none, or more than one, is signed in in this browser.',
    fix: 'Start again and pick your partner admin agent account when Microsoft asks.',
    action: 'sign-in-again',
    owner: 'consenting-account',
    steps: [
      'Sign out of Microsoft in this browser, or use a private window.',
      'Start again and sign in with your partner admin agent account, completing the MFA prompt.',
    ],
    otherPartner: {
      fix: 'Start again and pick a partner admin agent account of {partner} when Microsoft asks.',
      steps: {
        1: 'Start again and sign in with a partner admin agent account of {partner}, completing the MFA prompt.',
      },
    },
  },
  // Same table: "`invalid_request` | Protocol error, such as a missing required parameter. | Fix
  // and resubmit the request. This error is a development error".
  invalid_request: {
    cause: 'Microsoft Entra refused the request the portal sent as incomplete or invalid.',
    fix: "The portal's operators check its Entra settings; the technical detail names what Entra refused.",
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      'Check ENTRA_AUTHORITY_HOST (host only), ENTRA_SIGN_IN_TENANT, ENTRA_ENDPOINT_VERSION, ENTRA_CLIENT_ID and PORTAL_PUBLIC_URL, then restart the portal.',
      'If they are right and it repeats, give the correlation ID below to support.',
    ],
  },
  // Same table: "`unauthorized_client` | The client application isn't permitted to request an
  // authorization code. | ... the client application isn't registered in Microsoft Entra ID or
  // isn't added to the user's Microsoft Entra tenant."
  unauthorized_client: {
    cause:
      "Microsoft Entra does not let the portal's app do this: the app is not registered, or not available in this tenant.",
    fix: "Check ENTRA_CLIENT_ID and the app registration's supported account types.",
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      "Check ENTRA_CLIENT_ID is the Application (client) ID on the Overview of the portal's app registration.",
      "If partners of other tenants connect, check under the app registration's Authentication that it accepts accounts in any organizational directory.",
    ],
  },
  // Same table: "`unsupported_response_type` | ... In the hybrid flow, this error signals that you
  // must enable the ID token implicit grant setting on the client app registration."
  unsupported_response_type: idTokensNotEnabled,
  // Same table: "`invalid_resource` | The target resource is invalid because it doesn't exist,
  // Microsoft Entra ID can't find it, or it's not correctly configured. | ... the resource, if it
  // exists, hasn't been configured in the tenant." The portal's resource is Partner Center.
  invalid_resource: partnerCenterNotInTenant,
  consent_required: {
    cause: 'Consent is missing.',
    fix: 'Grant consent in onboarding.',
    action: 'grant-consent',
    owner: 'partner-entra',
    steps: ['Grant consent in onboarding.'],
  },
  invalid_client: {
    cause: "Entra rejected the portal's client credential.",
    fix: 'Check ENTRA_CLIENT_ID and the client secret or certificate.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: ['Check ENTRA_CLIENT_ID and the client secret or certificate.'],
  },
  // A 429 without Entra's JSON error body: "Too Many Requests" and `Retry-After: 60` (Microsoft's
  // MSAL.NET docs, "Client and server throttling"; AzureAD/microsoft-authentication-library-for-dotnet#2855).
  throttled: {
    cause: "Entra ID is throttling the portal's token requests.",
    fix: 'Wait a minute: the portal asks again after the wait Entra asked for.',
    action: 'retry',
    owner: 'microsoft',
    steps: [
      'Wait a minute: the portal asks again after the wait Entra asked for.',
      "If it keeps happening, check what else uses the portal's app registration to get tokens.",
    ],
  },
  // The token endpoint answered with a redirect, which the portal refuses (the request holds
  // its client secret and the grant): not Entra's way (RFC 6749 3.2), so a wrong authority
  // host or a proxy in the way.
  unexpected_redirect: {
    cause: 'The token endpoint answered with a redirect, which Entra ID never sends.',
    fix: 'Check ENTRA_AUTHORITY_HOST points at Entra ID and that no proxy redirects the portal.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      'Check ENTRA_AUTHORITY_HOST points at Entra ID (https://login.microsoftonline.com for the public cloud).',
      'Check that no proxy between the portal and Entra ID redirects its requests.',
    ],
  },
  malformed_response: {
    cause: 'Entra returned a response the portal could not read.',
    fix: 'Check ENTRA_AUTHORITY_HOST points at Entra ID, then retry.',
    action: 'retry',
    owner: 'portal',
    steps: ['Check ENTRA_AUTHORITY_HOST points at Entra ID, then retry.'],
  },
};

const unknownFailure: EntraFailureDescription = {
  cause: 'Entra ID refused the request.',
  fix: 'Retry; if it persists, give the correlation ID to support.',
  action: 'retry',
  owner: 'microsoft',
  steps: [
    'Retry in a moment.',
    'If it persists, give the code and correlation ID below to support.',
  ],
};

/**
 * Every description `describeEntraFailure` gives for an OAuth error or none, whose words the
 * token service stores for a tenant's card (lib/health/whose-words.ts reads their
 * `otherPartner` words).
 */
export const entraErrorDescriptions: readonly EntraFailureDescription[] = [
  ...Object.values(byError),
  unknownFailure,
];

/** The catalogue entry for an AADSTS code, or undefined when the portal has no words for it. */
export function describeAadsts(aadsts: number): EntraFailureDescription | undefined {
  return aadstsCatalogue[aadsts];
}

/** The catalogue entry for an OAuth `error` (`access_denied`), or undefined when it has none. */
export function describeEntraErrorCode(error: string): EntraFailureDescription | undefined {
  return Object.hasOwn(byError, error) ? byError[error] : undefined;
}

/**
 * The catalogue entry for a failure: AADSTS code first, then the OAuth error, then status.
 * Accepts anything thrown, so callers can pass what they caught.
 */
export function describeEntraFailure(err: unknown): EntraFailureDescription {
  if (!(err instanceof EntraError)) return unknownFailure;
  const known = err.aadsts !== undefined ? describeAadsts(err.aadsts) : undefined;
  if (known) return known;
  const entry = byError[err.error];
  if (entry) return entry;
  return err.status >= 500 ? byError.server_error! : unknownFailure;
}
