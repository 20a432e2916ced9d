/**
 * Every documented example (test/contracts/*) through the portal's own wire schemas and
 * wire -> DTO transforms. When a portal schema drifts from what Microsoft documents, this fails.
 */
import { describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '@/lib/entra/token-endpoint';
import { entraErrorBodySchema } from '@/lib/entra/errors';
import {
  toCustomerDetail,
  toCustomerSummary,
  toCustomerUser,
  toOrganizationProfile,
} from '@/lib/partner-center/dto';
import { describePartnerCenterRefusal } from '@/lib/partner-center/refusals';
import { errorFromResponse } from '@/lib/partner-center/responses';
import {
  customerCollectionSchema,
  customerSchema,
  customerUserCollectionSchema,
  organizationProfileSchema,
} from '@/lib/partner-center/wire';
import { loadFixtures } from './fixtures';

const ids = { requestId: 'r', correlationId: 'c' };
const bytes = (body: unknown) => new TextEncoder().encode(`\uFEFF${JSON.stringify(body)}`);

/** Each portal reader: parses the body and returns what the portal would keep from it. */
const readers: Record<string, (body: unknown, status: number, statusText?: string) => unknown> = {
  customersPage: (body) => customerCollectionSchema.parse(body).items.map(toCustomerSummary),
  customer: (body) => toCustomerDetail(customerSchema.parse(body)),
  customerUsersPage: (body) => customerUserCollectionSchema.parse(body).items.map(toCustomerUser),
  organizationProfile: (body) => toOrganizationProfile(organizationProfileSchema.parse(body)),
  errorBody: (body, status) => {
    const error = errorFromResponse(status, bytes(body), ids, null);
    // The documented string code must arrive as Partner Center's number, not be lost.
    expect(error.partnerCenterCode).toBe(Number((body as { code: string }).code));
    return error.description;
  },
  throttleBody: (body, status) => {
    const error = errorFromResponse(status, bytes(body), ids, 57_000);
    expect([error.code, error.retryAfter]).toEqual(['throttled', 57]);
    return error.description;
  },
  bareRefusal: (_body, status, statusText = '') => {
    const error = errorFromResponse(status, new Uint8Array(0), ids, null, statusText);
    // The words are in the reason phrase: the portal must still name the refusal.
    expect(describePartnerCenterRefusal(error)?.key).toBe('mfa-enforcement');
    return error.description;
  },
  tokenSuccess: (body) => tokenResponseSchema.parse(body).expires_in,
  tokenError: (body) => entraErrorBodySchema.parse(body).error_codes,
};

/** Read by the Azure SDK (`@azure/keyvault-secrets`, `@azure/identity`), not by portal code. */
const sdkRead = [
  'key-vault/challenge-401',
  'key-vault/secret-bundle',
  'key-vault/secret-versions-page',
];

const fixtures = loadFixtures();

describe("the portal's wire schemas read Microsoft's documented examples", () => {
  it('names a portal reader for every fixture the portal reads itself', () => {
    expect(
      fixtures
        .filter((f) => !f.portalSchema)
        .map((f) => f.name)
        .sort(),
    ).toEqual(sdkRead);
    for (const f of fixtures)
      if (f.portalSchema) expect(Object.keys(readers)).toContain(f.portalSchema);
  });

  it.each(fixtures.filter((f) => f.portalSchema).map((f) => [f.name, f] as const))(
    '%s',
    (_name, fixture) => {
      const read = readers[fixture.portalSchema!]!(
        fixture.body,
        fixture.status,
        fixture.statusText ?? '',
      );
      expect(read).toBeTruthy();
    },
  );

  it('keeps what pages show from the documented customer, user and deleted user', () => {
    const byName = Object.fromEntries(fixtures.map((f) => [f.name, f.body]));
    expect(readers.customersPage!(byName['partner-center/customers-page'], 200)).toEqual([
      {
        id: 'b44bb1fb-c595-45b0-9e09-d657365580bf',
        companyName: 'Contoso',
        domain: 'contoso.onmicrosoft.com',
        tenantId: 'b44bb1fb-c595-45b0-9e09-d657365580bf',
        relationship: 'reseller',
      },
      {
        id: '45c44870-ef77-4fdd-b6fe-3dacb075cff2',
        companyName: 'Fabrikam',
        domain: 'fabrikam.onmicrosoft.com',
        tenantId: '45c44870-ef77-4fdd-b6fe-3dacb075cff2',
        relationship: 'reseller',
      },
    ]);
    const [deleted] = readers.customerUsersPage!(
      byName['partner-center/deleted-users-page'],
      200,
    ) as Array<{ state: string; softDeletionTime: string; lastDirectorySyncTime: null }>;
    expect(deleted).toMatchObject({
      state: 'inactive',
      softDeletionTime: '2017-01-20T00:33:34Z',
      lastDirectorySyncTime: null,
    });
    const detail = readers.customer!(byName['partner-center/customer'], 200);
    expect(detail).toMatchObject({
      commerceId: '99e6a635-48e7-424d-9059-c9db944e3c54',
      email: 'a@a.com',
      customDomains: ['abcdefgh1234.ccsctp.net'],
      allowDelegatedAccess: true,
      billingContact: { email: 'a@a.com' },
    });
  });
});
