import type { FailureAction } from '@/lib/failure/failure';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { EntraError } from './errors';

/** Whose setting causes a failure, so the person knows who can fix it. */
export type FailureOwner =
  'portal' | 'partner-entra' | 'partner-center' | 'consenting-account' | 'microsoft';

/** Plain words for each owner, as the pages show them. */
export const failureOwnerLabels: Record<FailureOwner, string> = {
  portal: "The portal's own configuration",
  'partner-entra': "A setting in your Entra ID (your tenant's administrators can change it)",
  'partner-center': 'Your Partner Center account',
  'consenting-account': 'The account that signed in or consented',
  microsoft: "Microsoft's service (temporary)",
};

export interface EntraFailureDescription {
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
  interaction_required: {
    cause: 'Entra requires the user to sign in interactively.',
    fix: 'Sign in again with MFA.',
    action: 'sign-in-again',
    owner: 'partner-entra',
    steps: ['Sign in again with MFA.'],
  },
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
  fix: 'Retry; if it persists, give the correlation id to support.',
  action: 'retry',
  owner: 'microsoft',
  steps: [
    'Retry in a moment.',
    'If it persists, give the code and correlation id below to support.',
  ],
};

/** The catalogue entry for an AADSTS code, or undefined when the portal has no words for it. */
export function describeAadsts(aadsts: number): EntraFailureDescription | undefined {
  return aadstsCatalogue[aadsts];
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
