/** Wire objects shaped as docs/contracts.md §3 shows, with extra fields the client must ignore. */

export function guidFor(n: number, prefix = 'c0ffee00'): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function wireCustomer(n: number, companyName: string, domain: string) {
  return {
    id: guidFor(n),
    commerceId: `commerce-${n}`,
    companyProfile: {
      tenantId: guidFor(n),
      domain,
      companyName,
      links: {
        self: { uri: `/customers/${guidFor(n)}/profiles/company`, method: 'GET', headers: [] },
      },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    relationshipToPartner: 'reseller',
    customDomains: [],
    links: { self: { uri: `/customers/${guidFor(n)}`, method: 'GET', headers: [] } },
    attributes: { objectType: 'Customer' },
  };
}

export const northwindDetail = {
  id: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
  commerceId: 'cid-1',
  companyProfile: {
    tenantId: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
    domain: 'northwindtraders.onmicrosoft.com',
    companyName: 'Northwind Traders',
    email: null,
    attributes: { objectType: 'CustomerCompanyProfile' },
  },
  billingProfile: {
    id: 'bp-1',
    firstName: 'Nancy',
    lastName: 'Davolio',
    email: 'nancy@northwindtraders.com',
    culture: 'en-US',
    language: 'en',
    companyName: 'Northwind Traders',
    defaultAddress: {
      country: 'US',
      city: 'Redmond',
      state: 'WA',
      addressLine1: '1 Main St',
      postalCode: '98052',
      phoneNumber: '555',
    },
    attributes: { etag: 'x', objectType: 'CustomerBillingProfile' },
  },
  relationshipToPartner: 'advisor',
  allowDelegatedAccess: true,
  customDomains: ['northwindtraders.com'],
  associatedPartnerId: '',
  someFutureField: { nested: true },
  attributes: { objectType: 'Customer' },
};

export function wireUser(n: number, displayName: string) {
  return {
    id: guidFor(n, 'aaaaaaaa'),
    userPrincipalName: `user${n}@contoso.onmicrosoft.com`,
    firstName: displayName.split(' ')[0],
    lastName: displayName.split(' ')[1] ?? null,
    displayName,
    userDomainType: 'managed',
    state: 'active',
    usageLocation: 'US',
    lastDirectorySyncTime: n % 2 ? '2026-01-01T00:00:00Z' : null,
    links: { self: { uri: `/customers/x/users/${n}`, method: 'GET', headers: [] } },
    attributes: { objectType: 'CustomerUser' },
  };
}
