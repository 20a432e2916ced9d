/**
 * Customer seed data for the Partner Center emulator: deterministic companies per partner
 * tenant (seeded PRNG, never `Math.random`), sorted by company name. Users are NOT stored:
 * only each customer's user count is; `customer-users.ts` derives user N on demand, so a
 * 20,000-customer / 500,000-user seed costs no more per page request than the default one.
 * Documented in `README.md` beside this file.
 */
import {
  companyCores,
  companyPrefixes,
  companySuffixes,
  domainLabel,
  firstNames,
  firstTenantCompanies,
  lastNames,
  secondTenantCompanies,
} from './company-names';
import type { PartnerTenant } from './identities';
import { SeededRandom } from './prng';

export type RelationshipToPartner = 'reseller' | 'advisor';

export interface PostalAddress {
  country: string;
  region: string;
  city: string;
  addressLine1: string;
  postalCode: string;
}

export interface SeedCustomer {
  /** Customer id; in Partner Center it equals the customer's Entra tenant id. */
  id: string;
  commerceId: string;
  companyName: string;
  /** Initial `onmicrosoft.com` domain (companyProfile.domain). */
  domain: string;
  customDomains: string[];
  relationshipToPartner: RelationshipToPartner;
  allowDelegatedAccess: boolean;
  /** Indirect reseller that sells to this customer (filter field `IndirectReseller`). */
  indirectResellerId: string | null;
  /** Indirect provider (filter field `IndirectCloudSolutionProvider`). */
  indirectProviderId: string | null;
  billingContact: { firstName: string; lastName: string; email: string; phoneNumber: string };
  address: PostalAddress;
  culture: string;
  language: string;
  /** How many users `customerUserAt` can derive for this customer. */
  userCount: number;
  /** Seed for the customer's lazily derived users. */
  userSeed: number;
  /** Users sign in with federated identities (some customers sync from on-premises). */
  federated: boolean;
}

/** One partner tenant's customers, sorted by company name, with an id index. */
export interface CustomerBook {
  tenantId: string;
  customers: readonly SeedCustomer[];
  byId: ReadonlyMap<string, SeedCustomer>;
  totalUsers: number;
}

export interface CustomerSeedOptions {
  /** Customers of the first partner tenant; setting it also gives the big customer 50,000 users. */
  scale?: number;
}

/** The first tenant's customer with many users (paging, CSV export). */
export const bigCustomerName = 'Woodgrove Bank';
export const defaultFirstTenantCustomers = 60;
export const defaultSecondTenantCustomers = 12;
export const defaultBigCustomerUsers = 350;
export const scaledBigCustomerUsers = 50_000;

const addresses: readonly Omit<PostalAddress, 'addressLine1'>[] = [
  { country: 'US', region: 'WA', city: 'Redmond', postalCode: '98052' },
  { country: 'US', region: 'NY', city: 'New York', postalCode: '10001' },
  { country: 'US', region: 'TX', city: 'Austin', postalCode: '73301' },
  { country: 'GB', region: 'London', city: 'London', postalCode: 'EC1A 1BB' },
  { country: 'DE', region: 'BE', city: 'Berlin', postalCode: '10115' },
  { country: 'FR', region: 'IDF', city: 'Paris', postalCode: '75001' },
  { country: 'NL', region: 'NH', city: 'Amsterdam', postalCode: '1011' },
  { country: 'CA', region: 'ON', city: 'Toronto', postalCode: 'M5H 2N2' },
  { country: 'AU', region: 'NSW', city: 'Sydney', postalCode: '2000' },
];
const streets: readonly string[] = [
  'Main Street',
  'Market Street',
  'Harbor Road',
  'Oak Avenue',
  'Station Road',
  'Park Lane',
];
const cultures: Record<string, string> = {
  US: 'en-US',
  CA: 'en-CA',
  GB: 'en-GB',
  AU: 'en-AU',
  DE: 'de-DE',
  FR: 'fr-FR',
  NL: 'nl-NL',
};

/** Builds (and memoises per scale) every partner tenant's customer book. */
export function buildCustomerBooks(
  tenants: readonly PartnerTenant[],
  options: CustomerSeedOptions = {},
): Map<string, CustomerBook> {
  const key = `${options.scale ?? 'default'}|${tenants.map((t) => t.tenantId).join(',')}`;
  const cached = bookCache.get(key);
  if (cached) return cached;
  const takenNames = new Set<string>();
  const takenDomains = new Set<string>();
  const books = new Map<string, CustomerBook>();
  tenants.forEach((tenant, position) => {
    const plan = tenantPlan(position, options.scale);
    const rng = new SeededRandom(`customers:${tenant.tenantId}`);
    const customers: SeedCustomer[] = [];
    for (let i = 0; i < plan.count; i++) {
      const name = uniqueCompanyName(rng, plan.curated[i], takenNames);
      const users =
        name === bigCustomerName ? plan.bigUsers : rng.int(plan.minUsers, plan.maxUsers);
      customers.push(makeCustomer(rng, name, users, takenDomains));
    }
    customers.sort(byCompanyName);
    books.set(tenant.tenantId, {
      tenantId: tenant.tenantId,
      customers,
      byId: new Map(customers.map((c) => [c.id, c])),
      totalUsers: customers.reduce((sum, c) => sum + c.userCount, 0),
    });
  });
  bookCache.set(key, books);
  return books;
}

const bookCache = new Map<string, Map<string, CustomerBook>>();

interface TenantPlan {
  count: number;
  curated: readonly string[];
  minUsers: number;
  maxUsers: number;
  bigUsers: number;
}

function tenantPlan(position: number, scale: number | undefined): TenantPlan {
  if (position === 0) {
    return scale === undefined
      ? {
          count: defaultFirstTenantCustomers,
          curated: firstTenantCompanies,
          minUsers: 3,
          maxUsers: 40,
          bigUsers: defaultBigCustomerUsers,
        }
      : {
          count: scale,
          curated: firstTenantCompanies,
          minUsers: 1,
          maxUsers: 49,
          bigUsers: scaledBigCustomerUsers,
        };
  }
  return {
    count: defaultSecondTenantCustomers,
    curated: position === 1 ? secondTenantCompanies : [],
    minUsers: 2,
    maxUsers: 25,
    bigUsers: 0,
  };
}

function byCompanyName(a: SeedCustomer, b: SeedCustomer): number {
  const left = a.companyName.toLowerCase();
  const right = b.companyName.toLowerCase();
  return left < right ? -1 : left > right ? 1 : a.id < b.id ? -1 : 1;
}

function uniqueCompanyName(
  rng: SeededRandom,
  curated: string | undefined,
  taken: Set<string>,
): string {
  let name = curated;
  for (let attempt = 0; name === undefined || taken.has(name); attempt++) {
    const suffix = rng.pick(companySuffixes);
    name = [rng.pick(companyPrefixes), rng.pick(companyCores), suffix].filter(Boolean).join(' ');
    // The word lists hold ~33,000 combinations: past a few collisions add a place name.
    if (attempt > 8 && taken.has(name))
      name = `${name} ${rng.pick(addresses).city} ${rng.int(2, 999)}`;
  }
  taken.add(name);
  return name;
}

function makeCustomer(
  rng: SeededRandom,
  companyName: string,
  userCount: number,
  takenDomains: Set<string>,
): SeedCustomer {
  let label = domainLabel(companyName).slice(0, 40) || 'customer';
  if (takenDomains.has(label)) label = `${label}${takenDomains.size}`;
  takenDomains.add(label);
  const place = rng.pick(addresses);
  const contactFirst = rng.pick(firstNames);
  const contactLast = rng.pick(lastNames);
  const customDomain = `${label}.com`;
  const relationship: RelationshipToPartner = rng.next() < 0.85 ? 'reseller' : 'advisor';
  const indirect = relationship === 'reseller' && rng.next() < 0.2;
  return {
    id: rng.guid(),
    commerceId: rng.guid(),
    companyName,
    domain: `${label}.onmicrosoft.com`,
    customDomains: rng.next() < 0.4 ? [customDomain] : [],
    relationshipToPartner: relationship,
    allowDelegatedAccess: rng.next() < 0.7,
    indirectResellerId: indirect ? rng.guid() : null,
    indirectProviderId: indirect ? rng.guid() : null,
    billingContact: {
      firstName: contactFirst,
      lastName: contactLast,
      email: `${contactFirst}.${contactLast}@${customDomain}`.toLowerCase(),
      phoneNumber: `+1 555 ${String(rng.int(100, 999))} ${String(rng.int(1000, 9999))}`,
    },
    address: { ...place, addressLine1: `${rng.int(1, 2000)} ${rng.pick(streets)}` },
    culture: cultures[place.country] ?? 'en-US',
    language: (cultures[place.country] ?? 'en-US').slice(0, 2),
    userCount,
    userSeed: rng.nextUint32(),
    federated: rng.next() < 0.15,
  };
}
