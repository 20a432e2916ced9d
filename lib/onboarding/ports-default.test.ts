import { describe, expect, it, vi } from 'vitest';
import { sharedResponseCache } from '@/lib/partner-center/cached-client';
import { unitTestConfig } from '@/test/support/unit-config';
import { createOnboardingPorts } from './ports-default';

const tenant = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const otherTenant = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';

describe('the onboarding ports', () => {
  it("a consent or disconnect drops the tenant's token, its Partner Center answers, then the rest", async () => {
    const cache = sharedResponseCache(60);
    const load = vi.fn(async () => ({ items: ['before'] }));
    await cache.get(tenant, 'customers', load);
    await cache.get(otherTenant, 'customers', load);
    const calls: string[] = [];
    const ports = createOnboardingPorts({
      config: unitTestConfig(),
      vault: {} as never,
      tokens: {
        getAccessToken: async () => 'unused',
        invalidate: (id) => void calls.push(`tokens ${id}`),
      },
      afterTenantChange: (id) => void calls.push(`after ${id}`),
    });

    ports.invalidate(tenant);

    expect(calls).toEqual([`tokens ${tenant}`, `after ${tenant}`]);
    await cache.get(tenant, 'customers', load);
    expect(load).toHaveBeenCalledTimes(3); // loaded again: the old answer is gone
    await cache.get(otherTenant, 'customers', load);
    expect(load).toHaveBeenCalledTimes(3); // another partner's answers stay
  });
});
