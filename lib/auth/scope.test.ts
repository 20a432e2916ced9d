import { describe, expect, it } from 'vitest';
import { admittedTenantIds, isAdmittedTenant } from './admission';
import { canManageTenant, inScope, isPlatformOperator, viewScopeFor } from './scope';
import type { PortalUser } from './user';

const home = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const partner = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const stranger = '9c8b7a65-4321-4fed-8cba-0987654321ff';
const config = {
  entra: { homeTenantId: home, partnerTenantIds: [partner.toUpperCase()] },
} as Parameters<typeof admittedTenantIds>[0];
const user = (tid: string, roles: PortalUser['roles']): PortalUser => ({
  tid,
  oid: 'o',
  name: 'N',
  upn: 'n@x',
  roles,
});

describe('admission', () => {
  it('admits the home tenant and the listed partners, case-insensitively, and nobody else', () => {
    expect(admittedTenantIds(config)).toEqual([home, partner]);
    expect(isAdmittedTenant(home.toUpperCase(), config)).toBe(true);
    expect(isAdmittedTenant(partner, config)).toBe(true);
    expect(isAdmittedTenant(stranger, config)).toBe(false);
  });
});

describe('tenant scope', () => {
  it('platform operators are the home tenant Ops and Admin users; they see every tenant', () => {
    for (const roles of [['ops'], ['admin']] as const) {
      expect(isPlatformOperator(user(home, [...roles]), config)).toBe(true);
      expect(viewScopeFor(user(home, [...roles]), config)).toEqual({ kind: 'all' });
    }
    expect(isPlatformOperator(user(home, ['salesAgent']), config)).toBe(false);
  });

  it("a partner's Admin or Ops sees their own tenant only", () => {
    const scope = viewScopeFor(user(partner, ['admin', 'ops']), config);
    expect(scope).toEqual({ kind: 'tenant', tenantId: partner });
    expect(inScope(scope, partner.toUpperCase())).toBe(true);
    expect(inScope(scope, home)).toBe(false);
  });

  it('only an Admin of the tenant itself may manage it (operators are read-only elsewhere)', () => {
    expect(canManageTenant(user(home, ['admin']), home)).toBe(true);
    expect(canManageTenant(user(home, ['admin']), partner)).toBe(false);
    expect(canManageTenant(user(partner, ['ops']), partner)).toBe(false);
  });
});
