/**
 * A customer's users, derived on demand from (customer, index): nothing is materialised, so
 * a page of 50,000 users costs the page size. Display names are non-decreasing in the index
 * (each index maps into its own slice of the alphabetically sorted name combinations), so
 * "sorted by displayName" is index order and paging by offset is stable.
 */
import { firstNames, lastNames } from './company-names';
import type { SeedCustomer } from './customers';
import { hashString, SeededRandom } from './prng';

export interface SeedCustomerUser {
  id: string;
  userPrincipalName: string;
  firstName: string;
  lastName: string;
  displayName: string;
  userDomainType: 'managed' | 'federated';
  state: 'active' | 'inactive';
  usageLocation: string;
  phoneNumber: string | null;
  lastDirectorySyncTime: string | null;
  /** When an inactive (deleted) user was deleted; null for active users. */
  softDeletionTime: string | null;
}

interface NameCombo {
  first: string;
  last: string;
}

let sortedCombos: NameCombo[] | undefined;

/** Every first × last name pair, sorted case-insensitively by "First Last". */
function nameCombos(): NameCombo[] {
  if (!sortedCombos) {
    const combos = firstNames.flatMap((first) => lastNames.map((last) => ({ first, last })));
    const key = (c: NameCombo) => `${c.first} ${c.last}`.toLowerCase();
    sortedCombos = combos.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  return sortedCombos;
}

interface NamePosition {
  combo: NameCombo;
  /** 0 for the first user with this name, 1 for the second, ... (only past ~4,000 users). */
  occurrence: number;
}

function namePosition(customer: SeedCustomer, index: number): NamePosition {
  const combos = nameCombos();
  const total = combos.length;
  const n = customer.userCount;
  const bucket = Math.floor((index * total) / n);
  if (n <= total) {
    // Each index owns the slice [bucket, nextBucket): pick within it so customers differ.
    const width = Math.floor(((index + 1) * total) / n) - bucket;
    const jitter = hashString(`${customer.userSeed}:${index}`) % Math.max(1, width);
    return { combo: combos[bucket + jitter] as NameCombo, occurrence: 0 };
  }
  const firstIndexOfBucket = Math.ceil((bucket * n) / total);
  return { combo: combos[bucket] as NameCombo, occurrence: index - firstIndexOfBucket };
}

function userDomain(customer: SeedCustomer): string {
  return customer.customDomains[0] ?? customer.domain;
}

/** Cheap: the display name of user `index` without building the whole user. */
export function customerUserDisplayName(customer: SeedCustomer, index: number): string {
  const { combo } = namePosition(customer, index);
  return `${combo.first} ${combo.last}`;
}

/** Cheap: the user principal name of user `index`. */
export function customerUserPrincipalName(customer: SeedCustomer, index: number): string {
  const { combo, occurrence } = namePosition(customer, index);
  const suffix = occurrence > 0 ? String(occurrence + 1) : '';
  return `${combo.first}.${combo.last}${suffix}@${userDomain(customer)}`.toLowerCase();
}

/** The 32-bit mask and GUID prefix that make user ids look random yet invertible. */
function userIdParts(customer: SeedCustomer): { prefix: string; mask: number } {
  const rng = new SeededRandom(customer.userSeed ^ 0x5eed);
  const hex = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]
    .map((v) => v.toString(16).padStart(8, '0'))
    .join('');
  return {
    prefix: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 24)}`,
    mask: rng.nextUint32(),
  };
}

/** The id of user `index` (a GUID whose last 8 hex digits encode the index). */
export function customerUserId(customer: SeedCustomer, index: number): string {
  const { prefix, mask } = userIdParts(customer);
  return `${prefix}${((index ^ mask) >>> 0).toString(16).padStart(8, '0')}`;
}

/** Inverse of `customerUserId`: the index, or undefined when the id is not this customer's. */
export function customerUserIndexOf(customer: SeedCustomer, userId: string): number | undefined {
  const { prefix, mask } = userIdParts(customer);
  const lower = userId.toLowerCase();
  if (lower.length !== 36 || !lower.startsWith(prefix)) return undefined;
  const tail = lower.slice(prefix.length);
  if (!/^[0-9a-f]{8}$/.test(tail)) return undefined;
  const index = (parseInt(tail, 16) ^ mask) >>> 0;
  return index < customer.userCount ? index : undefined;
}

/** Partner Center's time form: `2017-01-20T00:33:34Z` (seconds, no fraction). */
function wireTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Cheap: whether user `index` is inactive, i.e. deleted and not yet purged. Must draw from the
 * same stream as `customerUserAt` (its first draw).
 */
export function customerUserIsInactive(customer: SeedCustomer, index: number): boolean {
  return new SeededRandom(`${customer.userSeed}:user:${index}`).next() < 0.05;
}

/** User `index` of `customer` (0 <= index < userCount), derived deterministically. */
export function customerUserAt(customer: SeedCustomer, index: number): SeedCustomerUser {
  if (!Number.isInteger(index) || index < 0 || index >= customer.userCount) {
    throw new RangeError(`user index ${index} out of range`);
  }
  const { combo } = namePosition(customer, index);
  const rng = new SeededRandom(`${customer.userSeed}:user:${index}`);
  const inactive = rng.next() < 0.05;
  const hasPhone = rng.next() < 0.6;
  return {
    id: customerUserId(customer, index),
    userPrincipalName: customerUserPrincipalName(customer, index),
    firstName: combo.first,
    lastName: combo.last,
    displayName: `${combo.first} ${combo.last}`,
    userDomainType: customer.federated ? 'federated' : 'managed',
    state: inactive ? 'inactive' : 'active',
    usageLocation: customer.address.country,
    phoneNumber: hasPhone
      ? `+1 555 ${String(rng.int(100, 999))} ${String(rng.int(1000, 9999))}`
      : null,
    // A time of day of its own seed, so adding it left every other seeded value as it was
    // (a whole day alone read as "00:00 UTC" on every row).
    lastDirectorySyncTime: customer.federated
      ? wireTime(
          Date.UTC(
            2026,
            0,
            1 + rng.int(0, 300),
            0,
            0,
            new SeededRandom(`${customer.userSeed}:synced:${index}`).int(0, 86399),
          ),
        )
      : null,
    softDeletionTime: inactive
      ? wireTime(
          Date.UTC(
            2026,
            5,
            1,
            0,
            0,
            new SeededRandom(`${customer.userSeed}:deleted:${index}`).int(0, 29 * 86400),
          ),
        )
      : null,
  };
}
