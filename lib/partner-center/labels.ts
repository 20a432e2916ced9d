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
