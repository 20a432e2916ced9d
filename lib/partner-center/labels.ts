import type { CustomerSummary } from './dto';

/**
 * Partner Center's user and customer values in the words the portal shows them, shared by the
 * pages and the CSV export so a download says what the screen says.
 */

/**
 * What screens call a customer: its company name, else its primary domain, else its id.
 * Partner Center may send a customer without a company profile (`toCustomerSummary`), and a
 * heading, crumb or link must still name something.
 */
export function customerName(customer: Pick<CustomerSummary, 'id' | 'companyName' | 'domain'>) {
  if (customer.companyName.trim()) return customer.companyName;
  if (customer.domain.trim()) return customer.domain;
  return customer.id;
}

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

/**
 * A user's "Last directory sync" when Partner Center sends no `lastDirectorySyncTime`: no
 * on-premises directory syncs the user (a cloud-only user, the usual case). "Never" read like a
 * sync that failed. The screens (lib/customers/directory-sync.ts) and the CSV export say it alike.
 */
export const notSyncedLabel = 'Not synced';
