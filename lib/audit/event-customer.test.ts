import { describe, expect, it } from 'vitest';
import type { PortalUser } from '@/lib/auth/user';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { lookUpEventCustomer, lookupableEventCustomer } from './event-customer';

const contoso = '11111111-1111-4111-8111-111111111111';
const customerId = '5f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const exported = { partnerTenant: contoso, details: { customerId, rows: 12 } };
const admin: Pick<PortalUser, 'tid' | 'roles'> = { tid: contoso.toUpperCase(), roles: ['admin'] };

const failure = (code: 'not_found' | 'throttled', status: number) =>
  new PartnerCenterError({ code, status, description: 'x', requestId: null, correlationId: 'c' });

describe("an audit event's customer", () => {
  it("is looked up for the event's own partner tenant, by a role that reads customers", () => {
    expect(lookupableEventCustomer(exported, admin)).toBe(customerId);
    expect(lookupableEventCustomer(exported, { tid: contoso, roles: ['salesAgent'] })).toBe(
      customerId,
    );
  });

  it('is not looked up for Ops, for another partner, or for an id that is not a GUID', () => {
    // Ops read the trail, not customers.
    expect(lookupableEventCustomer(exported, { tid: contoso, roles: ['ops'] })).toBeUndefined();
    // A platform operator reading another partner's event would ask their own Partner Center.
    const operator = { ...admin, tid: '22222222-2222-4222-8222-222222222222' };
    expect(lookupableEventCustomer(exported, operator)).toBeUndefined();
    expect(
      lookupableEventCustomer({ ...exported, details: { customerId: '../x' } }, admin),
    ).toBeUndefined();
    expect(lookupableEventCustomer({ ...exported, details: { rows: 0 } }, admin)).toBeUndefined();
    expect(lookupableEventCustomer({ ...exported, partnerTenant: null }, admin)).toBeUndefined();
  });

  it('is named as the customer pages name it, or said to be gone, or left as its id', async () => {
    const named = await lookUpEventCustomer(customerId, async (id) => ({
      id,
      companyName: '',
      domain: 'adatum.example',
    }));
    expect(named).toEqual({ kind: 'named', id: customerId, name: 'adatum.example' });
    await expect(
      lookUpEventCustomer(customerId, () => Promise.reject(failure('not_found', 404))),
    ).resolves.toEqual({ kind: 'missing', id: customerId });
    await expect(
      lookUpEventCustomer(customerId, () => Promise.reject(failure('throttled', 429))),
    ).resolves.toEqual({ kind: 'unread', id: customerId });
  });
});
