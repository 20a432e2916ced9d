/**
 * The titles of the pages that have a loading state: the page and its `loading.tsx` both show
 * the title, so it is written once (a renamed page cannot leave its loading state behind).
 * Each is the page's entry in the main navigation (lib/auth/roles.ts), word for word.
 */
export const pageTitles = {
  health: 'Health',
  onboarding: 'Onboarding',
  // The result is onboarding's last step (Verify connection, in its step bar), not a page of its own.
  onboardingResult: 'Onboarding',
  audit: 'Audit',
} as const;
