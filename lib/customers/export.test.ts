import { describe, expect, it, vi } from 'vitest';
import type { CustomerUser } from '@/lib/partner-center';
import { customerUsersCsv } from '@/lib/partner-center/csv';
import { PartnerCenterError } from '@/lib/partner-center/errors';

const customerId = '77777777-7777-4777-8777-777777777777';
const user = { tid: 'tenant-export', oid: 'o', roles: ['salesAgent'] };
let pages: () => AsyncGenerator<CustomerUser[], void, undefined>;

vi.mock('@/lib/auth', () => ({ authorizeApi: async () => ({ ok: true, user }) }));
vi.mock('@/lib/audit/trail', () => ({ auditedCsvExport: (body: ReadableStream) => body }));
vi.mock('@/lib/customers/request', () => ({
  customerReaderRoles: ['admin', 'salesAgent'],
  customerRequestFor: () => ({
    correlationId: 'corr-export',
    client: {
      getCustomer: async () => ({ id: customerId, domain: 'contoso.onmicrosoft.com' }),
      customerUsersCsv: () => customerUsersCsv({ iterateCustomerUsers: () => pages() }, customerId),
    },
  }),
}));

const { GET } = await import('@/app/api/customers/[id]/users/export/route');

const someone: CustomerUser = {
  id: 'u1',
  displayName: 'Adele Vance',
  userPrincipalName: 'adele@x.test',
  firstName: null,
  lastName: null,
  state: 'active',
  userDomainType: 'managed',
  lastDirectorySyncTime: null,
  usageLocation: null,
  phoneNumber: null,
  softDeletionTime: null,
};
const throttled = () =>
  new PartnerCenterError({
    code: 'throttled',
    status: 429,
    description: 'Rate limit is exceeded. Try again in 57 seconds.',
    requestId: 'r',
    correlationId: 'corr-export',
    retryAfter: 57,
  });
const exportUsers = () =>
  GET(new Request(`https://portal.test/api/customers/${customerId}/users/export`), {
    params: Promise.resolve({ id: customerId }),
  });

describe('users CSV export', () => {
  it('answers a failure of the first users page with its status, not a 200 with a header-only file', async () => {
    pages = async function* () {
      yield* [];
      throw throttled();
    };
    const response = await exportUsers();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('57');
    expect(await response.json()).toMatchObject({
      error: 'throttled',
      correlationId: 'corr-export',
    });
  });

  it('breaks the download (never ends it cleanly) when a later page fails', async () => {
    pages = async function* () {
      yield [someone];
      throw throttled();
    };
    const response = await exportUsers();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toBeDefined();
  });
});
