import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TenantTokenState, TenantTokenStatus } from '@/lib/tokens';

/**
 * Whether the customers page may leave its search out: the token service's memory of the
 * signed-in partner tenant, and nothing that would cost a call before the heading is sent.
 */

const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const states = new Map<string, TenantTokenStatus>();
const asked: string[] = [];

vi.mock('@/lib/auth', () => ({
  requireRole: async () => ({ tid: tenantId, roles: ['salesAgent'] }),
}));
// Only the in-memory state: a call to anything else of lib/tokens (a token, Key Vault) fails.
vi.mock('@/lib/tokens', () => ({
  getTokenState: (id: string): Partial<TenantTokenState> | null => {
    asked.push(id);
    const status = states.get(id);
    return status ? { tenantId: id, status } : null;
  },
}));
const { knownWithoutGrant, lacksGrant } = await import('./grant-known');

beforeEach(() => {
  states.clear();
  asked.length = 0;
});

describe('a partner tenant known to have no Partner Center grant', () => {
  it('is one whose last verdict was "not connected" or "needs re-consent"', () => {
    expect(lacksGrant('not-connected')).toBe(true);
    expect(lacksGrant('needs-reconsent')).toBe(true);
    // The customers list shows these as a failure with its search, or works.
    for (const status of ['unknown', 'healthy', 'degraded', 'configuration-error'] as const)
      expect(lacksGrant(status)).toBe(false);
    // Never looked at by this instance: not known, so the search is sent.
    expect(lacksGrant(undefined)).toBe(false);
  });

  it("is read from the token service's memory of the signed-in user's own tenant", async () => {
    expect(await knownWithoutGrant()).toBe(false);
    states.set(tenantId, 'healthy');
    expect(await knownWithoutGrant()).toBe(false);
    states.set(tenantId, 'not-connected');
    expect(await knownWithoutGrant()).toBe(true);
    states.set(tenantId, 'needs-reconsent');
    expect(await knownWithoutGrant()).toBe(true);
    expect(new Set(asked)).toEqual(new Set([tenantId]));
  });
});
