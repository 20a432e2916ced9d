import { describe, expect, it } from 'vitest';
import { mapAppRoles, navigationFor } from './roles';
import { signInDecision } from './user';

const defaultNames = { admin: 'Admin', salesAgent: 'SalesAgent', ops: 'Ops' };

describe('mapAppRoles', () => {
  it('maps Entra app role values to internal roles', () => {
    expect(mapAppRoles(['SalesAgent', 'Ops'], defaultNames)).toEqual(['salesAgent', 'ops']);
  });
  it('ignores unknown values and is case-sensitive like Entra role values', () => {
    expect(mapAppRoles(['admin', 'Reader'], defaultNames)).toEqual([]);
  });
  it('follows configured role names', () => {
    const names = { admin: 'Portal.Admin', salesAgent: 'Portal.Sales', ops: 'Portal.Ops' };
    expect(mapAppRoles(['Portal.Admin', 'Admin'], names)).toEqual(['admin']);
  });
});

describe('navigationFor', () => {
  const labels = (roles: Parameters<typeof navigationFor>[0]) =>
    navigationFor(roles).map((i) => i.label);
  it('shows each role only what it may use', () => {
    expect(labels(['admin'])).toEqual(['Onboarding', 'Customers', 'Health', 'Audit', 'Alerts']);
    expect(labels(['salesAgent'])).toEqual(['Customers']);
    expect(labels(['ops'])).toEqual(['Health', 'Audit']);
    expect(labels(['salesAgent', 'ops'])).toEqual(['Customers', 'Health', 'Audit']);
    expect(labels([])).toEqual([]);
  });
});

describe('signInDecision', () => {
  const admitted = (tid: string) => tid === 'home';
  it('refuses a tenant that is not admitted before anything else, naming the tenant', () => {
    expect(signInDecision({ tid: 'elsewhere', mfa: true, roles: ['admin'] }, admitted)).toBe(
      '/auth/not-enrolled?tenant=elsewhere',
    );
    expect(signInDecision({ tid: 'elsewhere', mfa: false, roles: [] }, admitted)).toBe(
      '/auth/not-enrolled?tenant=elsewhere',
    );
  });
  it('refuses a sign-in without MFA, even with roles', () => {
    expect(signInDecision({ tid: 'home', mfa: false, roles: ['admin'] }, admitted)).toBe(
      '/auth/mfa-required',
    );
  });
  it('sends a user without roles to the no-access page', () => {
    expect(signInDecision({ tid: 'home', mfa: true, roles: [] }, admitted)).toBe('/auth/no-access');
  });
  it('accepts MFA plus a role from an admitted tenant', () => {
    expect(signInDecision({ tid: 'home', mfa: true, roles: ['ops'] }, admitted)).toBe(true);
  });
});
