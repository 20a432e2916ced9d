import { describe, expect, it } from 'vitest';
import { PortalFailure } from '@/lib/failure';
import { emptyState, publicState, recordFailure } from './state';

const tenantId = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const at = Date.UTC(2027, 6, 4, 14, 6);

describe("a failed redemption in the tenant's token state", () => {
  it("keeps whose fix it is: a partner's report words the portal's own as the operator's", () => {
    const state = emptyState(tenantId);
    recordFailure(
      state,
      new PortalFailure({
        code: 'token_unavailable',
        problem: "Key Vault refused the portal's identity.",
        fix: "Grant the portal's identity get/set/list/delete on secrets (Key Vault Secrets Officer).",
        owner: 'portal',
        action: 'fix-configuration',
        status: 502,
      }),
      at,
    );
    expect(state.lastError).toMatchObject({ owner: 'portal', action: 'fix-configuration', at });
    expect(publicState(state).lastError?.owner).toBe('portal');
  });

  it('has no owner when the failure names none, as a state stored before', () => {
    const state = emptyState(tenantId);
    recordFailure(
      state,
      new PortalFailure({ code: 'unexpected', problem: 'x', action: 'retry', status: 500 }),
      at,
    );
    expect(state.lastError).not.toHaveProperty('owner');
  });
});
