import { PersonBudgetSpent } from '@/lib/customers/person-budget';
import { DownloadsBusyError } from '@/lib/downloads/slots';
import { boundedRetryAfterSeconds, retryAfterBoundsSeconds } from '@/lib/retry';
import { VaultError } from '@/lib/vault/errors';
import { isPartnerCenterError } from '@/lib/partner-center/errors';
import { describePartnerCenterRefusal } from '@/lib/partner-center/refusals';
import { noUserReadRole, notAdminAgent } from '../catalogue/partner-center-refusals';
import { PortalFailure } from '../failure';
import { customerEntries, type CustomerFailureCode } from '../catalogue/customers';

/** Partner Center's error code for "the partner has no relationship with this customer". */
const noRelationshipCode = 20002;

/** Codes the customer pages answer with the re-consent prompt instead of a failure. */
export const reconsentFailureCodes: ReadonlySet<string> = new Set([
  'needs_reconsent',
  'not_connected',
]);

/** Token-service codes a customer page shows: the portal's way in to Partner Center failed. */
const accessFailureCodes: ReadonlySet<string> = new Set([
  'token_unavailable',
  'vault_throttled',
  'configuration_error',
]);

/**
 * Where a customer page's failure comes from, for its panel's kicker: the portal's own bound
 * on one person's calls, the portal's way in to Partner Center (Entra ID, its vault, its
 * settings), or Partner Center's answer. "Partner Center" above the portal's own limit sent a
 * reader to Partner Center's status for something no outage there explains.
 */
export function customerFailureSource(code: string): string {
  if (code === 'person_budget_spent') return 'Portal limit';
  if (accessFailureCodes.has(code)) return 'Partner Center access';
  return 'Partner Center';
}

/**
 * What the failed load was reading. A refusal of the agent role means something else on a
 * customer's users: there it is usually the GDAP relationship with that one customer.
 */
export type CustomerReading = 'customers' | 'customer-users';

/**
 * A failed Partner Center or token-service call in a sales agent's words: `not_found` (the
 * page renders its 404), `needs_reconsent`/`not_connected` (the re-consent prompt), a known
 * failure with its ids, or `unexpected`, which the caller rethrows to the error boundary.
 */
export function customerFailureOf(
  err: unknown,
  correlationId: string,
  reading: CustomerReading = 'customers',
): PortalFailure {
  if (err instanceof PortalFailure) {
    if (reconsentFailureCodes.has(err.code))
      return entryFailure('not_connected', err.code, err, { correlationId });
    // A throttling Key Vault's or Entra's wait (lib/vault, lib/tokens): its words and its wait,
    // for the page and the API's Retry-After; Key Vault's under the code keep-alive and
    // onboarding answer too, Entra's (AADSTS50196 or a 429) under the token service's own.
    if (err.code === 'token_unavailable' && err.retryAfterSeconds !== undefined) {
      const code = err.cause instanceof VaultError ? 'vault_throttled' : err.code;
      const failure = entryFailure('token_unavailable', code, err, { correlationId });
      return new PortalFailure({
        ...failure.toInit(),
        problem: err.problem,
        status: 503,
        retryAfterSeconds: err.retryAfterSeconds,
      });
    }
    // A lasting fault of the portal's own vault or identity (refused, disabled secret, wrong
    // address) is no brief outage to "try again in a minute": its own words, and whose fix it is
    // (a partner's reader is told the operator's part, lib/failure's `fixFor`).
    if (err.code === 'token_unavailable' && !err.transient && err.owner === 'portal') {
      const failure = entryFailure('token_unavailable', err.code, err, { correlationId });
      return new PortalFailure({
        ...failure.toInit(),
        title: 'Partner Center access is unavailable',
        problem: err.problem,
        fix: err.fix,
        action: err.action,
        owner: err.owner,
      });
    }
    if (err.code === 'configuration_error' || err.code === 'token_unavailable')
      return entryFailure(err.code, err.code, err, { correlationId });
  }
  if (err instanceof DownloadsBusyError && err.kind === 'users-export') {
    const failure = entryFailure('exports_busy', 'exports_busy', err, { correlationId });
    // An export takes seconds to minutes: a script is told to come back shortly, not at once.
    return new PortalFailure({ ...failure.toInit(), retryAfterSeconds: 30 });
  }
  if (err instanceof PersonBudgetSpent) {
    const failure = entryFailure('person_budget_spent', 'person_budget_spent', err, {
      correlationId,
    });
    return new PortalFailure({
      ...failure.toInit(),
      // The wait is the page's "Try again", counting down (components/customers/try-again-link.tsx),
      // and the API's Retry-After: a fixed "in 42 s" beside the count read as a second wait.
      problem: `The portal asks Partner Center at most ${err.perMinute} times a minute for one person: Partner Center limits how often your whole partner tenant may ask, and your colleagues share that.`,
      retryAfterSeconds: err.retryAfterSeconds,
    });
  }
  if (!isPartnerCenterError(err)) return unexpected(err, correlationId);
  if (err.code === 'not_found')
    return entryFailure('not_found', 'not_found', err, { correlationId });
  // 403 with code 20002 ("no commerce relationship with the customer ID"): the id names a
  // customer of another partner (or none at all). For this partner there is no such customer.
  if (err.code === 'forbidden' && err.partnerCenterCode === noRelationshipCode)
    return entryFailure('not_found', 'not_found', err, { correlationId });
  const ids = {
    correlationId: err.correlationId || correlationId,
    requestId: err.requestId ?? undefined,
  };
  // Partner Center's refusals of the partner's own set-up (no admin agent role, MFA, account).
  const described = describePartnerCenterRefusal(err);
  const refusal =
    described === notAdminAgent && reading === 'customer-users' ? noUserReadRole : described;
  if (refusal) {
    const whoFixes =
      refusal.action === 're-consent'
        ? 'A partner admin can fix this in Partner Center, then re-consent on the onboarding page.'
        : 'A partner admin can fix this in Partner Center.';
    return new PortalFailure({
      code: err.code,
      title: refusal.title ?? refusal.cause,
      problem: refusal.cause,
      // Apart from the cause: an Admin reads the steps instead, a sales agent who fixes it.
      fix: `${refusal.fix} ${whoFixes}`,
      action: refusal.action,
      steps: refusal.steps,
      owner: refusal.owner,
      status: customerEntries[err.code].status,
      ...ids,
      cause: err,
    });
  }
  // A walk over pages (users list, count) stopped by its guard: every call succeeded, but
  // Partner Center linked back to a page already read. (An export past its page bound fails
  // mid-download: the browser marks the download failed; the log and the audit trail say why.)
  if (err.code === 'malformed_response' && err.pagingStop === 'repeated_link')
    return entryFailure('repeated_page_link', err.code, err, ids);
  // Throttled with a stated wait: the words and the API's Retry-After name it.
  // Kept within the bounds of Entra's and Key Vault's waits: a page's "Try again" waits it out,
  // and a day-long Retry-After would hold it a day. Quoted only as Partner Center said it.
  if (err.code === 'throttled' && err.retryAfter !== null && err.retryAfter > 0) {
    const failure = entryFailure('throttled', 'throttled', err, ids);
    const wait = boundedRetryAfterSeconds(err.retryAfter * 1000);
    // Past the bound, "Try again then" would point at no time (the page shows none).
    const [asked, when] =
      wait === err.retryAfter
        ? [`to wait ${wait} s`, 'then']
        : [`to wait more than ${retryAfterBoundsSeconds.max / 60} minutes`, 'later'];
    return new PortalFailure({
      ...failure.toInit(),
      problem: `Partner Center asked the portal ${asked} before asking again: it limits how often each partner may ask. Try again ${when}.`,
      retryAfterSeconds: wait,
    });
  }
  return entryFailure(err.code, err.code, err, ids);
}

/**
 * A customer failure kept as its code only (a users export's reason in the audit trail), back
 * in words: the catalogue's entry, a re-consent or Key Vault's wait under theirs, and anything
 * unknown as an unexpected stop.
 */
export function customerFailureFromCode(
  code: string,
  ids: { correlationId: string },
): PortalFailure {
  const entry: CustomerFailureCode = reconsentFailureCodes.has(code)
    ? 'not_connected'
    : code === 'vault_throttled'
      ? 'token_unavailable'
      : Object.hasOwn(customerEntries, code)
        ? (code as CustomerFailureCode)
        : 'export_failed';
  return entryFailure(entry, code, undefined, ids);
}

function entryFailure(
  entry: CustomerFailureCode,
  code: string,
  cause: unknown,
  ids: { correlationId: string; requestId?: string },
): PortalFailure {
  return new PortalFailure({ code, ...customerEntries[entry], ...ids, cause });
}

function unexpected(err: unknown, correlationId: string): PortalFailure {
  return new PortalFailure({
    code: 'unexpected',
    problem: 'Something unexpected went wrong.',
    action: 'retry',
    status: 500,
    correlationId,
    cause: err,
  });
}
