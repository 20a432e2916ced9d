import 'server-only';
import { PortalFailure, type FailureWords } from '@/lib/failure';
import { logEvent } from '@/lib/log';
import { takeTenantLimit, type TenantLimit } from '@/lib/security/tenant-limit';
import type { EvaluationSummary } from './evaluate';

/**
 * How often an Admin may start an evaluation for their partner tenant ("Evaluate now", or
 * `POST /api/alerts/evaluate` with their session).
 *
 * What one evaluation costs: the health report (its Key Vault listing, one list plus two reads
 * per connected tenant; the Entra probe; the Partner Center probe, with one tenant's access
 * token, which may take a refresh-token redemption), all cached for the probe interval but
 * probed again every 5 s while a dependency is down; reads and conditional writes of every
 * alert and owed delivery; unsealing every target; and above all the deliveries. Every message
 * still owed to a failing target, of any partner or the operators, is tried again on each
 * evaluation with up to ALERT_DELIVERY_ATTEMPTS attempts and their back-offs, each attempt a DNS
 * lookup, a connection to the receiver and an `alert.delivery` event in that target owner's
 * audit trail. Unbounded, one Admin's script would hammer other partners' receivers and fill
 * their trails.
 *
 * 30 s: the default probe interval, so a run any sooner mostly re-reads the same report.
 */
export const adminEvaluateIntervalSeconds = 30;

/** The words of a refused or failed "Evaluate now" (README, "Alerts"). */
export const evaluateFailureWords = {
  evaluated_recently: {
    // What the limit counts: starts per partner tenant. "Alerts were evaluated for your partner
    // tenant" was wrong for a platform operator, whose runs cover every partner.
    problem: `An evaluation was started for your partner tenant less than ${adminEvaluateIntervalSeconds} seconds ago.`,
    fix: 'Conditions are also evaluated after every keep-alive run, so nothing due is missed.',
    action: 'retry',
    status: 429,
  },
  alerts_unavailable: {
    problem:
      'Alerts could not be evaluated (database or health report unavailable). Try again later; see /api/health.',
    action: 'retry',
    status: 503,
  },
} satisfies Record<string, FailureWords>;

/** `evaluated_recently` with the wait in its words and its `Retry-After`. */
export function evaluatedRecently(retryAfterSeconds: number): PortalFailure {
  const words = evaluateFailureWords.evaluated_recently;
  return new PortalFailure({
    code: 'evaluated_recently',
    ...words,
    problem: `${words.problem} Evaluate again in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  });
}

/**
 * What /settings/alerts says after its "Evaluate now" was refused (`evaluate-wait`, with the
 * wait in seconds when known) or failed (`evaluate-failed`): the same words as the endpoint's
 * JSON, for the page's notice banner (components/alerts/notice-banner.tsx).
 */
export function evaluateNoticeText(
  outcome: { notice: 'evaluate-wait'; wait?: number } | { notice: 'evaluate-failed' },
): string {
  if (outcome.notice === 'evaluate-failed') return evaluateFailureWords.alerts_unavailable.problem;
  const seconds = outcome.wait;
  const { problem, fix } = evaluateFailureWords.evaluated_recently;
  const when =
    seconds !== undefined && Number.isInteger(seconds) && seconds > 0
      ? evaluatedRecently(seconds).problem
      : `${problem} Evaluate again shortly.`;
  return `Not evaluated: ${when.charAt(0).toLowerCase()}${when.slice(1)} ${fix}`;
}

export type EvaluateAdmission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** One evaluation per `adminEvaluateIntervalSeconds` per partner tenant (lib/security/tenant-limit.ts). */
export const adminEvaluateLimit = {
  name: 'alerts-evaluate',
  points: 1,
  durationSeconds: adminEvaluateIntervalSeconds,
} satisfies TenantLimit;

/**
 * Counts an Admin-started evaluation for their partner tenant, whichever of its Admins (or
 * scripts holding their cookie) asks, across instances when `DATABASE_URL` is set.
 */
export async function admitAdminEvaluation(tenantId: string): Promise<EvaluateAdmission> {
  const decision = await takeTenantLimit(adminEvaluateLimit, tenantId);
  return decision.allowed
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: decision.retryAfterSeconds };
}

export interface EvaluateNowDeps {
  /** Admin-started runs only; see `evaluateNow`. */
  admitAdmin: (tenantId: string) => Promise<EvaluateAdmission>;
  /**
   * `evaluateAlerts(undefined, caller)`: joins the evaluation deciding on this instance, if any,
   * and answers once its decisions and the deliveries to the caller's own targets are done.
   */
  evaluate: (caller: { tenantId?: string }) => Promise<EvaluationSummary>;
}

export type EvaluateNowOutcome =
  { ok: true; summary: EvaluationSummary } | { ok: false; failure: PortalFailure };

/**
 * One evaluation for the endpoint and the settings page's button, bounded twice:
 * - at most one deciding per instance, whoever asks: `evaluate` (evaluateAlerts) makes a
 *   request that comes while one decides wait for it and share its decisions. An Admin then
 *   waits for the deliveries to their own targets only, not for another partner's receivers
 *   (which may take minutes to answer); the scheduler for all of them;
 * - Admins (`tenantId`) at most once per `adminEvaluateIntervalSeconds` per partner tenant.
 *
 * The scheduler (no `tenantId`) shares the first bound but not the second. Its token is the
 * operator's own secret, not a partner's, and its cadence the operator's choice: refusing it
 * would show up as failed jobs and leave due alerts for the next run, and sharing a count with
 * the Admins would let any partner's Admin make the operator's scheduler fail by pressing first.
 * The keep-alive tick calls evaluateAlerts directly and does not wait for it: a tick that comes
 * while an evaluation decides joins it, and the keep-alive itself goes on.
 */
export async function evaluateNow(
  caller: { tenantId?: string },
  deps: EvaluateNowDeps,
): Promise<EvaluateNowOutcome> {
  if (caller.tenantId !== undefined) {
    // Counted before the run, and kept when it fails: a failing evaluation costs as much.
    const admission = await deps.admitAdmin(caller.tenantId);
    if (!admission.allowed)
      return { ok: false, failure: evaluatedRecently(admission.retryAfterSeconds) };
  }
  try {
    return { ok: true, summary: await deps.evaluate({ tenantId: caller.tenantId }) };
  } catch (cause) {
    // The caller reads only "unavailable"; what failed is the operator's to see.
    const code = (cause as { code?: unknown } | null)?.code;
    logEvent('warn', 'alerts: an evaluation failed', {
      outcome: 'failure',
      errorCode: typeof code === 'string' ? code : 'unexpected',
    });
    return {
      ok: false,
      failure: new PortalFailure({
        code: 'alerts_unavailable',
        ...evaluateFailureWords.alerts_unavailable,
        cause,
      }),
    };
  }
}
