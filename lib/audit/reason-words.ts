import { lastTestReasonText } from '@/lib/alerts/settings-last-test';
import { describeAadsts, describeEntraErrorCode } from '@/lib/entra/catalogue';
import { customerEntries } from '@/lib/failure/catalogue/customers';
import { onboardingEntries } from '@/lib/failure/catalogue/onboarding';
import { tokenEntries } from '@/lib/failure/catalogue/tokens';
import type { AuditAction } from './events';

/**
 * Words that speak to whoever hit the failure ("your partner tenant", "you already have…"):
 * the trail's reader may be a platform operator reading another partner's event, or an
 * auditor months later, so such words are not shown as the reason (the code still is).
 */
const secondPerson = /\b(you|your|yours)\b/i;

/**
 * A catalogue entry's sentence (what went wrong), else its heading as one: the first of them
 * that does not speak to the reader.
 */
const neutral = (sentence: string | undefined, title: string | undefined) =>
  [sentence, title && `${title}.`].find((words) => words && !secondPerson.test(words));

/** Refusals every export records alike: the audit trail's CSV and a customer's users. */
const exportRefusals = {
  cross_site: 'Asked for by another site’s page, not the portal’s own: refused.',
  exports_busy: 'The person already had as many exports running as one person may.',
} as const;

/**
 * The reasons the trail records in its own terms: what happened, for its reader. By action,
 * since a code means what its action made it mean (`forbidden` of a health request is a role,
 * of a users export Partner Center's refusal).
 */
const ownWords: Partial<Record<AuditAction, Record<string, string>>> = {
  'sign-in.refused': {
    'mfa-missing': 'The sign-in did not use multi-factor authentication.',
    'no-role': 'The account has no portal role in its tenant.',
    'tenant-not-admitted': 'The account’s tenant is not admitted to the portal.',
  },
  'health.access-refused': {
    unauthenticated: 'The request came with neither a session nor the monitor token.',
    forbidden: 'The account’s role may not read the health report (Ops and Admin may).',
  },
  'audit.exported': {
    ...exportRefusals,
    bad_request: 'The export’s filters were not understood.',
    audit_unavailable: 'The audit trail could not be read (database unavailable).',
  },
  'customers.users-exported': {
    ...exportRefusals,
    download_cancelled: 'The download was cancelled before the file was complete.',
    not_connected: 'Partner Center was not connected for the partner tenant.',
    forbidden: 'Partner Center refused to show this customer’s users.',
  },
  'keep-alive.run': {
    refreshed: 'The stored connection was redeemed and its renewed refresh token written back.',
    skipped: 'Not due: the stored connection had been used recently.',
    superseded: 'A newer consent was stored meanwhile; it was left as it is.',
    'not-admitted': 'The partner tenant is no longer admitted; its connection is not renewed.',
    write_back_failed: 'The renewed refresh token could not be written to Key Vault.',
  },
  'token.rechecked': {
    too_soon: 'Asked again too soon after the last check.',
  },
};

/** A code the portal did not expect to record: where to look is the same everywhere. */
const unexpected = 'Something unexpected went wrong; the portal’s log has the details.';

/**
 * Why an event ended as it did, in words, for the event page beside its stored code; undefined
 * when the portal has no words for it that fit the trail (the code alone is shown then).
 */
export function auditReasonWords(action: string, code: string | null): string | undefined {
  if (!code) return undefined;
  const own = ownWords[action as AuditAction];
  if (own && Object.hasOwn(own, code)) return own[code];
  const aadsts = /^AADSTS(\d+)$/.exec(code);
  if (aadsts) {
    const entry = describeAadsts(Number(aadsts[1]));
    return neutral(entry?.cause, entry?.title);
  }
  if (code === 'unexpected' || code === 'unexpected_error' || code === 'export_failed')
    return unexpected;
  if (action === 'alert.delivery') {
    const words = lastTestReasonText(code);
    return words === code ? undefined : `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
  }
  const entry = catalogueFor(action)?.[code];
  if (entry) return neutral(entry.problem, entry.title);
  // Entra's OAuth error without an AADSTS code (`access_denied`: consent declined).
  const entra = talksToEntra(action) ? describeEntraErrorCode(code) : undefined;
  return entra && neutral(entra.cause, entra.title);
}

function talksToEntra(action: string): boolean {
  return (
    action.startsWith('consent.') || action.startsWith('token.') || action === 'keep-alive.run'
  );
}

type Entries = Record<string, { title?: string; problem: string }>;

/** The failure catalogue whose codes an action records, where its words are the portal's. */
function catalogueFor(action: string): Entries | undefined {
  if (action === 'consent.failed' || action === 'consent.disconnected') return onboardingEntries;
  if (action === 'customers.users-exported') return customerEntries;
  if (
    action === 'token.redemption-failed' ||
    action === 'keep-alive.run' ||
    action === 'token.rechecked'
  )
    return tokenEntries;
  return undefined;
}
