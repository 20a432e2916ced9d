import { describe, expect, it } from 'vitest';
import { welcomeLine } from './welcome';

const upn = 'olga@contosopartner.onmicrosoft.com';

describe('welcomeLine', () => {
  it("says the account and its roles, and nothing more for a partner's user", () => {
    expect(welcomeLine({ upn, roles: ['admin', 'salesAgent'], platformOperator: false })).toBe(
      `Signed in as ${upn} with Admin and Sales agent access.`,
    );
  });

  it("explains what a platform operator also sees; an Admin also every partner's open alerts", () => {
    expect(welcomeLine({ upn, roles: ['ops'], platformOperator: true })).toBe(
      `Signed in as ${upn} with Ops access. As a platform operator you also see every admitted partner tenant's health and audit trail.`,
    );
    expect(welcomeLine({ upn, roles: ['admin'], platformOperator: true })).toBe(
      `Signed in as ${upn} with Admin access. As a platform operator you also see every admitted partner tenant's health, audit trail and open alerts.`,
    );
  });
});
