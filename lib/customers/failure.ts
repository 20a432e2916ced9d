import { isPartnerCenterError } from '@/lib/partner-center/errors';
import { describePartnerCenterRefusal } from '@/lib/partner-center/refusals';

/** What a page shows about a failed call: plain words and the ids support needs. */
export interface FailureView {
  title: string;
  explanation: string;
  correlationId: string | null;
  requestId: string | null;
}

/** How a page reacts to an error of a Partner Center or token-service call. */
export type FailureOutcome =
  | { kind: 'not-found' }
  | { kind: 'reconsent'; reason: 'needs-reconsent' | 'not-connected' }
  | { kind: 'failure'; view: FailureView };

/** Partner Center's error code for "the partner has no relationship with this customer". */
const noRelationshipCode = 20002;

const partnerCenterWords: Record<string, { title: string; explanation: string }> = {
  throttled: {
    title: 'Partner Center is busy',
    explanation:
      'Partner Center asked the portal to slow down and kept refusing after several retries. Wait a minute and try again.',
  },
  unavailable: {
    title: 'Partner Center is not answering',
    explanation:
      'Partner Center could not be reached or failed several times in a row. This is usually brief; try again shortly.',
  },
  malformed_response: {
    title: 'Partner Center sent something the portal could not read',
    explanation:
      'The answer did not have the expected shape, so nothing is shown rather than something wrong.',
  },
  unauthorized: {
    title: 'Partner Center did not accept the portal\u2019s sign-in',
    explanation:
      'The access token was refused. If this keeps happening, a partner admin should re-consent on the onboarding page.',
  },
  forbidden: {
    title: 'Partner Center refused access',
    explanation: 'Your partner tenant has no relationship that allows reading this item.',
  },
  bad_request: {
    title: 'Partner Center rejected the request',
    explanation:
      'The request was not accepted (an outdated paging link can cause this). Start again from the first page.',
  },
};

/**
 * Classifies an error for a page: not-found (render the 404 page), re-consent (render the
 * prompt), a known failure (render it with ids), or `null` for anything unexpected, which
 * the caller rethrows to the route's error boundary.
 */
export function classifyFailure(error: unknown, correlationId: string): FailureOutcome | null {
  const reconsent = reconsentReason(error);
  if (reconsent) return { kind: 'reconsent', reason: reconsent };
  const tokenWords = tokenFailureWords(error);
  if (tokenWords)
    return { kind: 'failure', view: { ...tokenWords, correlationId, requestId: null } };
  if (!isPartnerCenterError(error)) return null;
  if (error.code === 'not_found') return { kind: 'not-found' };
  // 403 with code 20002 ("no commerce relationship with the customer ID"): the id names a
  // customer of another partner (or none at all). For this partner there is no such customer.
  if (error.code === 'forbidden' && error.partnerCenterCode === noRelationshipCode)
    return { kind: 'not-found' };
  // Partner Center's refusals of the partner's own set-up (no admin agent role, MFA, account).
  const refusal = describePartnerCenterRefusal(error);
  const words = refusal
    ? {
        title: refusal.title ?? refusal.cause,
        explanation: `${refusal.cause} ${refusal.fix} A partner admin can fix this in Partner Center, then re-consent on the onboarding page.`,
      }
    : (partnerCenterWords[error.code] ?? partnerCenterWords.unavailable!);
  return {
    kind: 'failure',
    view: {
      ...words,
      correlationId: error.correlationId || correlationId,
      requestId: error.requestId,
    },
  };
}

/**
 * Whether the token service says the tenant must be (re)connected. Read structurally (a
 * `code` on an Error) so this module does not depend on lib/tokens' class identity, which
 * Next may duplicate across bundles.
 */
export function reconsentReason(error: unknown): 'needs-reconsent' | 'not-connected' | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (code === 'needs_reconsent') return 'needs-reconsent';
  if (code === 'not_connected') return 'not-connected';
  return null;
}

/** Token-service failures other than re-consent: the fix is not the sales agent's to make. */
function tokenFailureWords(error: unknown): { title: string; explanation: string } | null {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (code === 'configuration_error') {
    return {
      title: 'The portal cannot sign in to Partner Center',
      explanation:
        'The portal\u2019s own Entra configuration was refused (for example an expired client secret). An administrator must fix the portal\u2019s settings.',
    };
  }
  if (code === 'token_unavailable') {
    return {
      title: 'Partner Center access is briefly unavailable',
      explanation:
        'The portal could not get an access token for Partner Center (Entra ID or Key Vault did not answer). Try again in a minute.',
    };
  }
  return null;
}
