import { describe, expect, it } from 'vitest';
import { welcomeLine } from './welcome';

const upn = 'olga@contosopartner.onmicrosoft.com';

describe('welcomeLine', () => {
  it("says the account and its roles, and nothing more for a partner's user", () => {
    expect(welcomeLine({ upn, roles: ['admin', 'salesAgent'], platformOperator: false })).toBe(
      `Signed in as ${upn} with Admin and Sales agent access.`,
    );
  });

  it('explains what a platform operator also sees', () => {
    for (const roles of [['ops'], ['admin']] as const)
      expect(welcomeLine({ upn, roles, platformOperator: true })).toBe(
        `Signed in as ${upn} with ${roles[0] === 'ops' ? "Ops access. As a platform operator you also see every admitted partner tenant's health and audit trail." : "Admin access. As a platform operator you also see every admitted partner tenant's health, audit trail and open alerts."}`,
      );
  });
});
