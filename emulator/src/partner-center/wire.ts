/** Partner Center wire objects (contracts.md section 3) built from the seed. */
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
 * A `Customer`. `allowDelegatedAccess` only appears on get-by-id (`full`), as in Partner
 * Center, where the list omits it.
 */
export function customerWire(c: SeedCustomer, full: boolean): Record<string, unknown> {
  const billingId = new SeededRandom(c.userSeed ^ 0xb111).guid();
  return {
    id: c.id,
    commerceId: c.commerceId,
    companyProfile: {
      tenantId: c.id,
      domain: c.domain,
      companyName: c.companyName,
      links: { self: link(`/v1/customers/${c.id}/profiles/company`) },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
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
      links: { self: link(`/v1/customers/${c.id}/profiles/billing`) },
      attributes: { etag: String(hashString(`${c.id}:billing`)), objectType: 'CustomerBillingProfile' },
    },
    relationshipToPartner: c.relationshipToPartner,
    ...(full ? { allowDelegatedAccess: c.allowDelegatedAccess } : {}),
    customDomains: c.customDomains,
    ...(c.indirectResellerId ? { associatedPartnerId: c.indirectResellerId } : {}),
    links: { self: link(`/v1/customers/${c.id}`) },
    attributes: { objectType: 'Customer' },
  };
}

/** A `CustomerUser`; optional fields are left out when the seed has no value. */
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
    ...(u.lastDirectorySyncTime ? { lastDirectorySyncTime: u.lastDirectorySyncTime, immutableId: Buffer.from(u.id).toString('base64').slice(0, 24) } : {}),
    links: { self: link(`/v1/customers/${customerId}/users/${u.id}`) },
    attributes: { objectType: 'CustomerUser' },
  };
}

/** `GET /v1/profiles/organization`: the calling partner's own organization profile. */
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
    defaultAddress: { country: 'US', city: 'Redmond', state: 'WA', addressLine1: 'One Microsoft Way', postalCode: '98052' },
    links: { self: link('/v1/profiles/organization') },
    attributes: { etag: String(hashString(tenant.tenantId)), objectType: 'OrganizationProfile' },
  };
}
