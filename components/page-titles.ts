/**
 * The titles of the pages that have a loading state: the page and its `loading.tsx` both show
 * the title, so it is written once (a renamed page cannot leave its loading state behind).
 */
export const pageTitles = {
  health: 'Health',
  onboarding: 'Connect Partner Center',
  onboardingResult: 'Partner Center connection',
  audit: 'Audit',
} as const;
