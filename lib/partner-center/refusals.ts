import {
  mfaEnforcement,
  notAdminAgent,
  partnerNotAuthorized,
  type PartnerCenterRefusal,
} from '@/lib/failure/catalogue/partner-center-refusals';
import type { PartnerCenterError } from './errors';

export type { PartnerCenterRefusal } from '@/lib/failure/catalogue/partner-center-refusals';

/**
 * Which of Partner Center's refusals an answer is, matched by Partner Center's code and, as a
 * fallback, by the wording (the portal's words are in lib/failure's catalogue).
 * `undefined` = no specific words. Codes from "Partner Center REST error codes"
 * (develop/error-codes.md), but 10001, which public reports show (emulator/README.md).
 */
const byCode: Record<number, PartnerCenterRefusal> = {
  /**
   * 401 "Authentication failed. MFA required. (10001)", in a body or (parsed by responses.ts) in
   * the reason phrase of a body-less answer.
   */
  10001: mfaEnforcement,
  /** 403 "The supplied role does not have the rights to perform the requested operation". */
  900150: notAdminAgent,
  /** 403 "Reseller program status is not active". */
  800039: partnerNotAuthorized,
};

/** The dependency-error code the health probe reports for a refusal, e.g. `partner_center_not_admin_agent`. */
export function refusalCode(refusal: PartnerCenterRefusal): string {
  return `partner_center_${refusal.key.replace(/-/g, '_')}`;
}

/** The refusal behind a code made by `refusalCode`, if it is one. */
export function refusalFromCode(code: string | null): PartnerCenterRefusal | undefined {
  return [notAdminAgent, mfaEnforcement, partnerNotAuthorized].find(
    (refusal) => refusalCode(refusal) === code,
  );
}

/** The refusal a Partner Center error stands for, if the portal has specific words for it. */
export function describePartnerCenterRefusal(
  err: Pick<PartnerCenterError, 'code' | 'partnerCenterCode' | 'description'>,
): PartnerCenterRefusal | undefined {
  const known = err.partnerCenterCode !== null ? byCode[err.partnerCenterCode] : undefined;
  if (known) return known;
  if (err.code === 'forbidden' && /supplied role does not have the rights/i.test(err.description))
    return notAdminAgent;
  // Microsoft documents the MFA refusal as "401 Unauthorized - MFA required" with no body
  // (partner-security-requirements-mandating-mfa.md): responses.ts makes that reason phrase the
  // description, so the wording matches it as it matches the same words in a body.
  if (err.code === 'unauthorized' && /\bMFA\b|multi-factor/i.test(err.description))
    return mfaEnforcement;
  // UNCONFIRMED: code 900421 for a 401 without MFA is only in third-party posts, never in
  // Microsoft's documentation, and the emulator never sends it. Accepting it is harmless: it
  // only gives a 401 the MFA words instead of the generic ones.
  if (err.code === 'unauthorized' && err.partnerCenterCode === 900421) return mfaEnforcement;
  return undefined;
}
