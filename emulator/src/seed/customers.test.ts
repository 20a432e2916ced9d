import { describe, expect, it } from 'vitest';
import {
  customerUserAt,
  customerUserDisplayName,
  customerUserIndexOf,
  customerUserPrincipalName,
} from './customer-users';
import { bigCustomerName, buildCustomerBooks, defaultBigCustomerUsers } from './customers';
import { partnerTenants } from './identities';
import { SeededRandom } from './prng';

const [first, second] = [partnerTenants[0]!, partnerTenants[1]!];

describe('customer seed', () => {
  it('gives ~60 and ~12 customers with disjoint names, ids and domains', () => {
    const books = buildCustomerBooks(partnerTenants);
    const a = books.get(first.tenantId)!.customers;
    const b = books.get(second.tenantId)!.customers;
    expect(a).toHaveLength(60);
    expect(b).toHaveLength(12);
    for (const key of ['companyName', 'id', 'domain'] as const) {
      const left = new Set(a.map((c) => c[key]));
      expect(left.size).toBe(a.length);
      expect(b.filter((c) => left.has(c[key]))).toEqual([]);
    }
    expect(a.find((c) => c.companyName === bigCustomerName)?.userCount).toBe(
      defaultBigCustomerUsers,
    );
    expect(new Set(a.map((c) => c.relationshipToPartner))).toEqual(
      new Set(['reseller', 'advisor']),
    );
  });

  it('is deterministic: a fresh PRNG with the same seed gives the same GUIDs', () => {
    expect(new SeededRandom('x').guid()).toBe(new SeededRandom('x').guid());
    expect(new SeededRandom('x').guid()).not.toBe(new SeededRandom('y').guid());
    expect(new SeededRandom('x').guid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('derives users with unique ids and UPNs, non-decreasing display names, and invertible ids', () => {
    const book = buildCustomerBooks(partnerTenants).get(first.tenantId)!;
    for (const customer of book.customers.slice(0, 10)) {
      const users = Array.from({ length: customer.userCount }, (_, i) =>
        customerUserAt(customer, i),
      );
      expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
      expect(new Set(users.map((u) => u.userPrincipalName)).size).toBe(users.length);
      const names = users.map((u) => u.displayName.toLowerCase());
      expect(names).toEqual([...names].sort());
      users.forEach((u, i) => {
        expect(customerUserIndexOf(customer, u.id)).toBe(i);
        expect(customerUserDisplayName(customer, i)).toBe(u.displayName);
        expect(customerUserPrincipalName(customer, i)).toBe(u.userPrincipalName);
      });
      expect(customerUserIndexOf(book.customers[11]!, users[0]!.id)).toBeUndefined();
    }
    expect(() => customerUserAt(book.customers[0]!, book.customers[0]!.userCount)).toThrow(
      RangeError,
    );
  });

  it('syncs federated users at times of day, not all at midnight, and managed ones never', () => {
    const customers = buildCustomerBooks(partnerTenants).get(first.tenantId)!.customers;
    const users = customers.flatMap((c) =>
      Array.from({ length: Math.min(c.userCount, 20) }, (_, i) => ({ c, u: customerUserAt(c, i) })),
    );
    const synced = users.filter(({ c }) => c.federated).map(({ u }) => u.lastDirectorySyncTime);
    expect(synced.length).toBeGreaterThan(10);
    expect(synced.every((t) => t !== null && !Number.isNaN(Date.parse(t)))).toBe(true);
    expect(new Set(synced.map((t) => t!.slice(11, 16))).size).toBeGreaterThan(synced.length / 2);
    expect(
      users.filter(({ c }) => !c.federated).every(({ u }) => u.lastDirectorySyncTime === null),
    ).toBe(true);
  });
});
