/**
 * When re-consenting is the onboarding pages' main action. A connection that works needs
 * nothing: there Re-consent is a secondary button, beside the words saying when to use it
 * anyway; it becomes the primary (brand) button only when the connection's problem names a
 * new consent as its fix.
 */

/**
 * Whether `problem` (a health report's advice, or a failed live check) is fixed by consenting
 * again: health's "needs re-consent" and "expiring soon", or a consent Entra no longer holds
 * (the actions /health offers its Re-consent button for). A transient fault (retry, wait) is not.
 */
export function reconsentIsTheFix(problem: { action: string } | null | undefined): boolean {
  return problem?.action === 're-consent' || problem?.action === 'grant-consent';
}

/**
 * What the re-consent button's neighbour says: why to press it when it is the fix, else when
 * to use it although nothing asks for it.
 */
export function reconsentWords(needed: boolean): string {
  return needed
    ? 'Re-consenting replaces the stored refresh token with a working one.'
    : 'Nothing to do while the connection works. Re-consent only when this page or Health asks for it, or before the account that consented leaves or loses its admin agent role.';
}

/** What re-consenting does to what is stored (the result page's version history says it there). */
export const reconsentStores =
  'It stores the new refresh token as a new Key Vault version; the previous one stays in the version history, disabled.';
