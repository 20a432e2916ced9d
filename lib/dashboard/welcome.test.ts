import { describe, expect, it } from 'vitest';
import { welcomeLine } from './welcome';

const upn = 'olga@contosopartner.onmicrosoft.com';

describe('welcomeLine', () => {
  it("says the account and its roles, and nothing more for a partner's user", () => {
    expect(welcomeLine({ upn, roles: ['admin', 'salesAgent'], platformOperator: false })).toBe(
      `Signed in as ${upn} with Admin and Sales agent access.`,
    );
  });

  it('explains what a platform operator sees, and that other partners are view only', () => {
    const line = welcomeLine({ upn, roles: ['ops'], platformOperator: true });
    expect(line).toBe(
      `Signed in as ${upn} with Ops access. As a platform operator you also see every admitted partner tenant's health and audit trail, view only.`,
    );
  });

  it("adds the platform-wide alert targets for an operator who is an Admin (the Alerts page is the Admin's)", () => {
    expect(welcomeLine({ upn, roles: ['admin'], platformOperator: true })).toMatch(
      /view only, and you set the platform-wide alert targets\.$/,
    );
  });
});
