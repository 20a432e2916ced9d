import { describe, expect, it } from 'vitest';
import { toCustomerSummary, toCustomerUser } from './dto';
import { customerSchema, customerUserSchema } from './wire';
import { guidFor, wireUser } from '@/test/support/partner-center-fixtures';

// The wire schema accepts these fields missing: the portal showed "Active", "Not set" and a
// "None" badge for them, facts Partner Center had not sent.
describe('fields Partner Center left out', () => {
  it('are null on a user, not an active, cloud-less user', () => {
    const { state: _state, userDomainType: _type, ...bare } = wireUser(1, 'Adele Vance');
    expect(toCustomerUser(customerUserSchema.parse(bare))).toMatchObject({
      state: null,
      userDomainType: null,
    });
    expect(toCustomerUser(customerUserSchema.parse({ ...bare, state: null }))).toMatchObject({
      state: null,
    });
  });

  it('are null on a customer, not a customer without a relationship', () => {
    const id = guidFor(1);
    expect(toCustomerSummary(customerSchema.parse({ id })).relationship).toBeNull();
  });

  it('keep what Partner Center sent, "none" included', () => {
    const user = { ...wireUser(1, 'Adele Vance'), state: 'inactive', userDomainType: 'none' };
    expect(toCustomerUser(customerUserSchema.parse(user))).toMatchObject({
      state: 'inactive',
      userDomainType: 'none',
    });
    const customer = customerSchema.parse({ id: guidFor(1), relationshipToPartner: 'none' });
    expect(toCustomerSummary(customer).relationship).toBe('none');
  });
});
