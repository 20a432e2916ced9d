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
        changeConnection: (_id, change) => change(),
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

  it("a consent's save and a disconnect's delete go through the token service's connection change", async () => {
    const calls: string[] = [];
    const ports = createOnboardingPorts({
      config: unitTestConfig(),
      vault: {
        saveRefreshToken: async (id: string) => {
          calls.push(`save ${id}`);
          return { version: 'v2', createdAt: new Date(0) };
        },
        deleteRefreshToken: async (id: string) => void calls.push(`delete ${id}`),
      } as never,
      tokens: {
        getAccessToken: async () => 'unused',
        invalidate: () => undefined,
        changeConnection: async (id, change) => {
          calls.push(`change ${id}`);
          const changed = await change();
          calls.push(`changed ${id}`);
          return changed;
        },
      },
    });
    const meta = { upn: 'u', oid: 'o', mfa: true, clientId: 'c', endpointVersion: 'v2' as const };

    expect(await ports.saveRefreshToken(tenant, 'rt', meta)).toEqual({
      version: 'v2',
      createdAt: new Date(0),
    });
    await ports.deleteRefreshToken(tenant);

    expect(calls).toEqual([
      `change ${tenant}`,
      `save ${tenant}`,
      `changed ${tenant}`,
      `change ${tenant}`,
      `delete ${tenant}`,
      `changed ${tenant}`,
    ]);
  });
});
