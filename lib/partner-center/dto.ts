import type { WireAddress, WireCustomer, WireCustomerUser, WireOrganizationProfile } from './wire';

/**
 * What pages render. They never see wire objects: a field Partner Center omitted is `null`
 * here (or `''` for the few strings a table always shows), never `undefined`, and never a
 * value it did not send: screens say "Not provided" (a table "—", the CSV an empty cell).
 */

/** `none | reseller | advisor | syndication | microsoftSupport`, or whatever new value Partner Center sends. */
export type Relationship =
  'none' | 'reseller' | 'advisor' | 'syndication' | 'microsoftSupport' | (string & {});

export interface Page<T> {
  items: T[];
  /** Opaque; pass it back to get the next page. `null` on the last page. */
  continuationToken: string | null;
  /** When the portal received this page (ISO 8601), for a "data as of" line. */
  fetchedAt: string;
}

export interface CustomerSummary {
  id: string;
  /** `''` when Partner Center sent none; screens name the customer with `customerName`. */
  companyName: string;
  /** `''` when Partner Center sent none. */
  domain: string;
  tenantId: string;
  /** `null` when Partner Center sent none (not `none`, which it sends for no relationship). */
  relationship: Relationship | null;
}

export interface Address {
  lines: string[];
  city: string | null;
  state: string | null;
  postalCode: string | null;
  region: string | null;
  country: string | null;
}

export interface BillingContact {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  companyName: string | null;
  culture: string | null;
  language: string | null;
}

export interface CustomerDetail extends CustomerSummary {
  commerceId: string | null;
  email: string | null;
  billingContact: BillingContact | null;
  address: Address | null;
  customDomains: string[];
  allowDelegatedAccess: boolean | null;
  associatedPartnerId: string | null;
}

export interface CustomerUser {
  id: string;
  displayName: string;
  /** `''` when Partner Center sent none. */
  userPrincipalName: string;
  firstName: string | null;
  lastName: string | null;
  /** `active | inactive`; `null` when Partner Center sent none. */
  state: string | null;
  /** `none | managed | federated`; `null` when Partner Center sent none. */
  userDomainType: string | null;
  lastDirectorySyncTime: string | null;
  usageLocation: string | null;
  phoneNumber: string | null;
  softDeletionTime: string | null;
}

export interface OrganizationProfile {
  id: string | null;
  tenantId: string | null;
  companyName: string | null;
  domain: string | null;
}

/**
 * A customer without a `companyProfile` (absent or `null` on the wire) keeps its row: its
 * name and domain are `''` (screens then name it by `customerName`), and its tenant is its id,
 * as for a profile without `tenantId`.
 */
export function toCustomerSummary(wire: WireCustomer): CustomerSummary {
  return {
    id: wire.id,
    companyName: wire.companyProfile?.companyName ?? '',
    domain: wire.companyProfile?.domain ?? '',
    tenantId: wire.companyProfile?.tenantId ?? wire.id,
    relationship: wire.relationshipToPartner ?? null,
  };
}

export function toCustomerDetail(wire: WireCustomer): CustomerDetail {
  const billing = wire.billingProfile;
  const contact: BillingContact | null = billing
    ? {
        firstName: billing.firstName ?? null,
        lastName: billing.lastName ?? null,
        email: billing.email ?? null,
        companyName: billing.companyName ?? null,
        culture: billing.culture ?? null,
        language: billing.language ?? null,
      }
    : null;
  const hasContact = contact !== null && Object.values(contact).some((value) => value !== null);
  return {
    ...toCustomerSummary(wire),
    commerceId: wire.commerceId ?? null,
    email: wire.companyProfile?.email ?? null,
    billingContact: hasContact ? contact : null,
    address: toAddress(billing?.defaultAddress ?? wire.companyProfile?.address ?? null),
    customDomains: wire.customDomains ?? [],
    allowDelegatedAccess: wire.allowDelegatedAccess ?? null,
    associatedPartnerId: wire.associatedPartnerId || null,
  };
}

/**
 * A user without a `userPrincipalName` keeps its row: the UPN is `''` (a blank CSV cell, "Not
 * provided" on its page) and its name falls back to the display name, full name, UPN, then id,
 * so a screen never names a user by nothing.
 */
export function toCustomerUser(wire: WireCustomerUser): CustomerUser {
  const fullName = [wire.firstName, wire.lastName].filter(Boolean).join(' ');
  return {
    id: wire.id,
    displayName: wire.displayName || fullName || wire.userPrincipalName || wire.id,
    userPrincipalName: wire.userPrincipalName ?? '',
    firstName: wire.firstName ?? null,
    lastName: wire.lastName ?? null,
    state: wire.state ?? null,
    userDomainType: wire.userDomainType ?? null,
    lastDirectorySyncTime: wire.lastDirectorySyncTime ?? null,
    usageLocation: wire.usageLocation ?? null,
    phoneNumber: wire.phoneNumber ?? null,
    softDeletionTime: wire.softDeletionTime ?? null,
  };
}

export function toOrganizationProfile(wire: WireOrganizationProfile): OrganizationProfile {
  return {
    id: wire.id ?? null,
    tenantId: wire.tenantId ?? null,
    companyName: wire.companyName ?? null,
    domain: wire.domain ?? null,
  };
}

function toAddress(wire: WireAddress | null): Address | null {
  if (!wire) return null;
  const lines = [wire.addressLine1, wire.addressLine2, wire.addressLine3].filter(
    (line): line is string => !!line,
  );
  const address: Address = {
    lines,
    city: wire.city ?? null,
    state: wire.state ?? null,
    postalCode: wire.postalCode ?? null,
    region: wire.region ?? null,
    country: wire.country ?? null,
  };
  const empty = lines.length === 0 && !address.city && !address.postalCode && !address.country;
  return empty ? null : address;
}
