import { describe, expect, it } from 'vitest';
import { mapAppRoles, navigationFor } from './roles';
import { safeCallbackPath, signInDecision } from './user';

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
  const labels = (roles: Parameters<typeof navigationFor>[0]) => navigationFor(roles).map((i) => i.label);
  it('shows each role only what it may use', () => {
    expect(labels(['admin'])).toEqual(['Onboarding', 'Customers', 'Health', 'Audit']);
    expect(labels(['salesAgent'])).toEqual(['Customers']);
    expect(labels(['ops'])).toEqual(['Health', 'Audit']);
    expect(labels(['salesAgent', 'ops'])).toEqual(['Customers', 'Health', 'Audit']);
    expect(labels([])).toEqual([]);
  });
});

describe('signInDecision', () => {
  it('refuses a sign-in without MFA, even with roles', () => {
    expect(signInDecision({ mfa: false, roles: ['admin'] })).toBe('/auth/mfa-required');
  });
  it('sends a user without roles to the no-access page', () => {
    expect(signInDecision({ mfa: true, roles: [] })).toBe('/auth/no-access');
  });
  it('accepts MFA plus a role', () => {
    expect(signInDecision({ mfa: true, roles: ['ops'] })).toBe(true);
  });
});

describe('safeCallbackPath', () => {
  it.each([
    ['/customers?page=2', '/customers?page=2'],
    ['https://evil.example/', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    [undefined, '/'],
  ])('%s -> %s', (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
