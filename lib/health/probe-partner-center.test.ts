import { afterEach, describe, expect, it, vi } from 'vitest';

// Getting the token never finishes (another instance holds the tenant's redemption lease, or
// Entra hangs), so the organization-profile call never goes out.
const profile = vi.hoisted(() => ({ answer: () => new Promise<never>(() => undefined) }));
vi.mock('@/lib/partner-center', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/partner-center')>()),
  partnerCenterForTenant: () => ({ getOrganizationProfile: () => profile.answer() }),
}));

import { partnerCenterProbeBoundMs, probePartnerCenter } from './probes';

afterEach(() => {
  vi.useRealTimers();
});

describe('probePartnerCenter', () => {
  it('answers within its bound when the token does not come: no token in time, not an outage', async () => {
    vi.useFakeTimers();
    let outcome: Awaited<ReturnType<typeof probePartnerCenter>> | null = null;
    void probePartnerCenter('8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11').then((o) => (outcome = o));
    await vi.advanceTimersByTimeAsync(partnerCenterProbeBoundMs - 1);
    expect(outcome).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({
      state: 'skipped',
      error: {
        code: 'token_unavailable',
        message: 'No access token within 10 s to call Partner Center with.',
      },
    });
  });

  it('reports the answer when there is one', async () => {
    profile.answer = async () => ({ companyName: 'Contoso Partner' }) as never;
    expect(await probePartnerCenter('8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11')).toEqual({
      state: 'ok',
      error: null,
    });
  });
});
