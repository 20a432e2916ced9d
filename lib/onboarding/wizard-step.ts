import type { TenantStatus } from '@/lib/health/types';

/**
 * Whether step 3, Verify connection, is done: the one rule both onboarding pages tick it by, each
 * from the evidence it has. /onboarding/result's live check redeems the stored token and asks
 * Partner Center with it, so where there is one its outcome decides: Partner Center answered is
 * done, a failed check never is (whatever health last found: its report may be older than the
 * check, and the page shows the failure and its fix); the result page passes nothing else, so
 * without a check it ticks nothing. Without one on /onboarding (which runs none), health's
 * status for the tenant decides: only `healthy` ticks. No report for it (unknown), a degraded one
 * (Partner Center or Entra not answering as asked), a connection expiring soon (a re-consent is
 * due) or one needing re-consent leaves the step current: the tick must not claim what the
 * portal could not see, or what still asks something of the admin. Two rules, one per page,
 * had ticked the same step on different evidence.
 */
export function verifyConnectionDone({
  liveCheck,
  health,
}: {
  /** The live check's outcome on the page, if it ran one. */
  liveCheck?: { ok: boolean } | null;
  /** The tenant's status in the health report; undefined when the page has none for it. */
  health?: TenantStatus;
}): boolean {
  if (liveCheck) return liveCheck.ok;
  return health === 'healthy';
}

/**
 * /onboarding's step bar: the current step, and whether its own work is done too.
 *
 * A working connection is step 3 (Verify connection) whatever just failed: a re-consent or a
 * disconnect that failed left it as it was, and the notice under the bar says it is connected,
 * so the bar must not send the admin back to Consent at Microsoft (the failure panel above says
 * what failed). Without one, Consent at Microsoft, or Check setup while a failed check blocks
 * connecting. Step 3 is ticked by `verifyConnectionDone`, from health's status (the page runs no
 * live check).
 */
export function onboardingStepBar({
  working,
  blocked,
  health,
}: {
  /** Connected, and health does not ask for a re-consent. */
  working: boolean;
  /** A set-up check failed: connecting would fail. */
  blocked: boolean;
  /** The tenant's status in the health report; undefined when the report has no card for it. */
  health: TenantStatus | undefined;
}): { current: 1 | 2 | 3; currentDone: boolean } {
  if (working) return { current: 3, currentDone: verifyConnectionDone({ health }) };
  return { current: blocked ? 1 : 2, currentDone: false };
}
