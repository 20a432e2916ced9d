import { describe, expect, it } from 'vitest';
import { createPartnerCenterClient } from './client';
import { fakeClock, jsonResponse, recordingFetch } from '@/test/support/partner-center-fetch';

const profile = {
  id: 'p',
  tenantId: 't',
  companyName: 'Contoso Partner',
  domain: 'contosopartner.onmicrosoft.com',
  extra: 1,
};

/** A fetch that never answers but honours the abort signal, like a hung connection. */
function hungFetch() {
  let calls = 0;
  const fetch = ((_input: RequestInfo | URL, init?: RequestInit) => {
    calls++;
    return new Promise<Response>((_, reject) => {
      if (init?.signal?.aborted) return reject(init.signal.reason);
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });
  }) as typeof globalThis.fetch;
  return { fetch, calls: () => calls };
}

describe('timeouts and cancellation', () => {
  it('times out each attempt, retries, then reports unavailable in plain words', async () => {
    const hung = hungFetch();
    const client = createPartnerCenterClient({
      baseUrl: 'https://pc.test',
      getAccessToken: async () => 't',
      fetch: hung.fetch,
      clock: fakeClock(),
      retry: { timeoutMs: 20, maxAttempts: 2 },
    });
    await expect(client.getOrganizationProfile()).rejects.toMatchObject({
      code: 'unavailable',
      status: 0,
      description: 'Partner Center did not answer in time',
    });
    expect(hung.calls()).toBe(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const hung = hungFetch();
    const client = createPartnerCenterClient({
      baseUrl: 'https://pc.test',
      getAccessToken: async () => 't',
      fetch: hung.fetch,
      clock: fakeClock(),
    });
    const controller = new AbortController();
    const call = client.getOrganizationProfile({ signal: controller.signal });
    controller.abort(new Error('download closed'));
    await expect(call).rejects.toThrow('download closed');
    expect(hung.calls()).toBe(1);
  });

  it('reads the organization profile as a probe', async () => {
    const server = recordingFetch(() => jsonResponse(profile, { bom: true }));
    const client = createPartnerCenterClient({
      baseUrl: 'https://pc.test/base/',
      getAccessToken: async () => 't',
      fetch: server.fetch,
    });
    expect(await client.getOrganizationProfile()).toEqual({
      id: 'p',
      tenantId: 't',
      companyName: 'Contoso Partner',
      domain: 'contosopartner.onmicrosoft.com',
    });
    expect(server.calls[0]!.url.href).toBe('https://pc.test/base/v1/profiles/organization');
  });
});
