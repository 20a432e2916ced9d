/**
 * Partner Center's user values in the words the portal shows them, shared by the pages and
 * the CSV export so a download says what the screen says.
 */

/** A user's `state` (`active | inactive`); unknown values as sent. */
export function userStateLabel(state: string): string {
  if (state === 'active') return 'Active';
  if (state === 'inactive') return 'Inactive';
  return state;
}

/** `none | managed | federated` in words. */
export function userTypeLabel(userDomainType: string): string {
  if (userDomainType === 'managed') return 'Cloud (managed)';
  if (userDomainType === 'federated') return 'Federated';
  if (userDomainType === 'none') return 'Not set';
  return userDomainType;
}

/** An ISO time as "12 Mar 2026, 14:05 UTC"; `fallback` when absent or unreadable. */
export function formatUtc(iso: string | null, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return `${date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
}
