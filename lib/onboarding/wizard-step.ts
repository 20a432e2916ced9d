/**
 * The step /onboarding's step bar marks as current. A working connection is step 3 (Connection)
 * whatever just failed: a re-consent or a disconnect that failed left it as it was, and the
 * notice under the bar says it is connected, so the bar must not send the admin back to
 * Connect (the failure panel above says what failed). Without one, Connect, or Check setup
 * while a failed check blocks connecting.
 */
export function onboardingCurrentStep({
  working,
  blocked,
}: {
  /** Connected, and health does not ask for a re-consent. */
  working: boolean;
  /** A set-up check failed: connecting would fail. */
  blocked: boolean;
}): 1 | 2 | 3 {
  if (working) return 3;
  return blocked ? 1 : 2;
}
