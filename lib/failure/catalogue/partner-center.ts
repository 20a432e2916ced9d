import type { PartnerCenterError } from '@/lib/partner-center/errors';
import type { FailureWords } from '../failure';

type Code = PartnerCenterError['code'];

/**
 * Partner Center failures in words for the admin who connects it (onboarding's live check).
 * Partner Center's refusals of the partner's own set-up have their own words in
 * lib/partner-center/refusals.ts, which win when they match.
 */
export const partnerCenterEntries: Record<Code, FailureWords> = {
  unauthorized: {
    problem: 'Partner Center did not accept the token of this consent.',
    fix: 'Re-consent with a partner admin agent account that completes MFA.',
    action: 're-consent',
    status: 502,
  },
  forbidden: {
    problem: 'Partner Center refused the consenting account.',
    fix: 'Consent with an account that has the Admin agent role in Partner Center.',
    action: 're-consent',
    status: 403,
  },
  throttled: {
    problem: 'Partner Center is busy (rate limit).',
    fix: 'Wait a minute, then run the check again.',
    action: 'retry',
    status: 503,
    transient: true,
  },
  unavailable: {
    problem: 'Partner Center could not be reached.',
    fix: 'Retry in a moment; check network access to PARTNER_CENTER_URL.',
    action: 'retry',
    status: 502,
    transient: true,
  },
  malformed_response: {
    problem: 'Partner Center sent a response the portal could not read.',
    fix: 'Check PARTNER_CENTER_URL points at Partner Center, then retry.',
    action: 'retry',
    status: 502,
  },
  not_found: {
    problem: 'Partner Center does not know this partner tenant.',
    fix: 'Consent with an account of an enrolled CSP partner tenant.',
    action: 're-consent',
    status: 404,
  },
  bad_request: {
    problem: 'Partner Center rejected the request.',
    fix: 'Retry; if it repeats, give the correlation ID to support.',
    action: 'retry',
    status: 400,
  },
};
