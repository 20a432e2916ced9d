import type { TenantStatus } from '@/lib/health/types';

/**
 * /onboarding's step bar: the current step, and whether its own work is done too.
 *
 * A working connection is step 3 (Verify connection) whatever just failed: a re-consent or a
 * disconnect that failed left it as it was, and the notice under the bar says it is connected,
 * so the bar must not send the admin back to Consent at Microsoft (the failure panel above says
 * what failed). Without one, Consent at Microsoft, or Check setup while a failed check blocks
 * connecting.
 *
 * Step 3 is ticked only when health finds the connection healthy: the bar then shows onboarding
 * done. No report yet, a degraded one (Partner Center or Entra not answering as asked) or a
 * connection expiring soon (a re-consent is due) leaves it current: the tick must not claim
 * what the portal could not see, or what still asks something of the admin.
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
  if (working) return { current: 3, currentDone: health === 'healthy' };
  return { current: blocked ? 1 : 2, currentDone: false };
}
