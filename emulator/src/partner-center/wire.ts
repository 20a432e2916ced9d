/** Partner Center wire objects (docs/contracts.md §3) built from the seed. */
import type { SeedCustomerUser } from '../seed/customer-users';
import type { SeedCustomer } from '../seed/customers';
import type { PartnerTenant } from '../seed/identities';
import { hashString, SeededRandom } from '../seed/prng';

export interface Link {
  uri: string;
  method: 'GET';
  headers: Array<{ key: string; value: string }>;
}

export function link(uri: string, headers: Link['headers'] = []): Link {
  return { uri, method: 'GET', headers };
}

/**
 * A `Customer`. The list (`full` false) carries only `id`, `companyProfile` (without `links`),
 * `relationshipToPartner` and `attributes` ("Get a list of customers" example: no item has
 * `links`); get-by-id adds `links`, commerce, billing, domains and `allowDelegatedAccess`.
 */
export function customerWire(c: SeedCustomer, full: boolean): Record<string, unknown> {
  const companyProfile = {
    tenantId: c.id,
    domain: c.domain,
    companyName: c.companyName,
    attributes: { objectType: 'CustomerCompanyProfile' },
  };
  const links = { self: link(`/customers/${c.id}`) };
  const attributes = { objectType: 'Customer' };
  if (!full)
    return {
      id: c.id,
      companyProfile,
      relationshipToPartner: c.relationshipToPartner,
      attributes,
    };
  // Get-by-id's company profile also carries the address and email ("Get a customer by ID").
  const fullCompanyProfile = {
    ...companyProfile,
    address: {
      country: c.address.country,
      region: c.address.region,
      city: c.address.city,
      addressLine1: c.address.addressLine1,
      postalCode: c.address.postalCode,
      phoneNumber: c.billingContact.phoneNumber,
    },
    email: c.billingContact.email,
    links: { self: link(`/customers/${c.id}/profiles/company`) },
  };
  const billingId = new SeededRandom(c.userSeed ^ 0xb111).guid();
  return {
    id: c.id,
    commerceId: c.commerceId,
    companyProfile: fullCompanyProfile,
    billingProfile: {
      id: billingId,
      firstName: c.billingContact.firstName,
      lastName: c.billingContact.lastName,
      email: c.billingContact.email,
      culture: c.culture,
      language: c.language,
      companyName: c.companyName,
      defaultAddress: {
        country: c.address.country,
        city: c.address.city,
        state: c.address.region,
        addressLine1: c.address.addressLine1,
        postalCode: c.address.postalCode,
        firstName: c.billingContact.firstName,
        lastName: c.billingContact.lastName,
        phoneNumber: c.billingContact.phoneNumber,
      },
      links: { self: link(`/customers/${c.id}/profiles/billing`) },
      attributes: {
        etag: String(hashString(`${c.id}:billing`)),
        objectType: 'CustomerBillingProfile',
      },
    },
    relationshipToPartner: c.relationshipToPartner,
    allowDelegatedAccess: c.allowDelegatedAccess,
    customDomains: c.customDomains,
    ...(c.indirectResellerId ? { associatedPartnerId: c.indirectResellerId } : {}),
    links,
    attributes,
  };
}

/**
 * A `CustomerUser`. Optional dates are explicit `null` and times have no fraction
 * (`2017-01-20T00:33:34Z`), as in "View deleted users for a customer".
 */
export function userWire(customerId: string, u: SeedCustomerUser): Record<string, unknown> {
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    firstName: u.firstName,
    lastName: u.lastName,
    displayName: u.displayName,
    userDomainType: u.userDomainType,
    state: u.state,
    usageLocation: u.usageLocation,
    ...(u.phoneNumber ? { phoneNumber: u.phoneNumber } : {}),
    ...(u.lastDirectorySyncTime
      ? { immutableId: Buffer.from(u.id).toString('base64').slice(0, 24) }
      : {}),
    lastDirectorySyncTime: u.lastDirectorySyncTime,
    softDeletionTime: u.softDeletionTime,
    links: { self: link(`/customers/${customerId}/users/${u.id}`) },
    attributes: { objectType: 'CustomerUser' },
  };
}

/** `GET /v1/profiles/organization`: the calling partner's own organization profile ("Get an organization profile"). */
export function organizationProfileWire(tenant: PartnerTenant): Record<string, unknown> {
  const rng = new SeededRandom(`org:${tenant.tenantId}`);
  return {
    id: rng.guid(),
    tenantId: tenant.tenantId,
    companyName: tenant.name,
    domain: tenant.domain,
    email: `billing@${tenant.domain}`,
    culture: 'en-US',
    language: 'en',
    defaultAddress: {
      country: 'US',
      city: 'Redmond',
      state: 'WA',
      addressLine1: 'One Microsoft Way',
      addressLine2: '',
      postalCode: '98052',
      firstName: 'Partner',
      lastName: 'Admin',
      phoneNumber: '',
    },
    profileType: 'OrganizationProfile',
    links: { self: link('/profiles/organization') },
    attributes: { etag: String(hashString(tenant.tenantId)), objectType: 'OrganizationProfile' },
  };
}
