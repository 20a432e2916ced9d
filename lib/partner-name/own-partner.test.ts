import { describe, expect, it } from 'vitest';
import { ownPartnerLabel, signInDomain } from './own-partner';

const tid = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const admin = { tid, upn: 'Admin@ContosoPartner.onmicrosoft.com' };

describe("the signed-in person's own partner, named", () => {
  it("by Partner Center's company name when there is one", () => {
    expect(ownPartnerLabel(admin, 'Contoso Partner')).toEqual({
      label: 'Contoso Partner',
      tenantId: null,
    });
  });

  it('without one (not connected), by the domain signed in with, the tenant id beside it', () => {
    expect(ownPartnerLabel(admin, null)).toEqual({
      label: 'contosopartner.onmicrosoft.com',
      tenantId: tid,
    });
    const guest = { tid, upn: 'alice_fabrikam.com#EXT#@contosopartner.onmicrosoft.com' };
    expect(ownPartnerLabel(guest, null).label).toBe('contosopartner.onmicrosoft.com');
  });

  it('by the tenant id alone when the principal name ends in no domain', () => {
    for (const upn of ['admin', 'admin@localhost', 'admin@contoso.', '']) {
      expect(signInDomain(upn)).toBeNull();
      expect(ownPartnerLabel({ tid, upn }, null)).toEqual({
        label: `Tenant ${tid}`,
        tenantId: null,
      });
    }
  });
});
