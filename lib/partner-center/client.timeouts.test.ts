import { describe, expect, it } from 'vitest';
import { createPartnerCenterClient } from './client';
import type { PartnerCenterClock } from './retry';
import { fakeClock, jsonResponse, recordingFetch } from '@/test/support/partner-center-fetch';
import { guidFor, wireCustomer, wireUser } from '@/test/support/partner-center-fixtures';

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

/**
 * A Partner Center that takes `answersAfterMs` to answer any call, played on an injected clock:
 * an attempt whose timeout is shorter times out (the clock moves by the timeout), a longer
 * one gets the answer (the clock moves by `answersAfterMs`). Records each attempt's timeout.
 */
function slowPartnerCenter(answersAfterMs: number, tokenTakesMs = 0) {
  const startedAt = Date.parse('2026-01-06T12:00:00Z');
  let now = startedAt;
  const timeouts: number[] = [];
  const clock: PartnerCenterClock = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    timeout: (ms) => {
      timeouts.push(ms);
      now += Math.min(ms, answersAfterMs);
      const timedOut = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      return ms < answersAfterMs ? AbortSignal.abort(timedOut) : new AbortController().signal;
    },
  };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.signal?.aborted) throw init.signal.reason;
    const { pathname } = new URL(input.toString());
    const items = pathname.endsWith('/users')
      ? [wireUser(1, 'Adele Vance')]
      : [wireCustomer(1, 'Contoso', 'contoso.test')];
    return jsonResponse({ totalCount: 1, items, links: {} });
  }) as typeof globalThis.fetch;
  const client = createPartnerCenterClient({
    baseUrl: 'https://pc.test',
    getAccessToken: async () => {
      now += tokenTakesMs;
      return 't';
    },
    fetch,
    clock,
  });
  return { client, timeouts, elapsed: () => now - startedAt };
}

async function pagesOf<T>(walk: AsyncIterable<T>): Promise<T[]> {
  const pages: T[] = [];
  for await (const page of walk) pages.push(page);
  return pages;
}

describe('timeouts and cancellation', () => {
  it("gives a walk's or export's page the .NET SDK's 3 minutes, a page a render waits on 15 s", async () => {
    // 500 users read in 20 s: slow, but an answer the SDK would have waited for.
    const { client, timeouts } = slowPartnerCenter(20_000);
    const customerId = guidFor(1);
    await expect(client.listCustomers()).rejects.toMatchObject({
      code: 'unavailable',
      description: 'Partner Center did not answer in time',
    });
    expect(timeouts[0]).toBe(15_000);
    timeouts.length = 0;
    expect(await pagesOf(client.customerPages())).toHaveLength(1);
    expect(await pagesOf(client.customerUserPages(customerId, { view: 'deleted' }))).toHaveLength(
      1,
    );
    expect(await pagesOf(client.iterateCustomerUsers(customerId))).toHaveLength(1);
    const csv = await new Response(client.customerUsersCsv(customerId)).text();
    expect(csv).toContain('Adele Vance');
    expect(timeouts).toEqual([180_000, 180_000, 180_000, 180_000]);
  });

  // The customer and user pages wait on their customer lookup before anything shows: four
  // hung attempts of 15 s and their backoff kept the browser on the page before for a minute.
  it('bounds a call a render waits on to 20 s over all its attempts when Partner Center hangs', async () => {
    const { client, timeouts, elapsed } = slowPartnerCenter(Infinity);
    await expect(client.getCustomer(guidFor(1))).rejects.toMatchObject({
      code: 'unavailable',
      status: 0,
      description: 'Partner Center did not answer in time',
    });
    // A second attempt still gets what is left after the first and its backoff.
    expect(timeouts).toHaveLength(2);
    expect(timeouts[0]).toBe(15_000);
    expect(elapsed()).toBe(20_000);
  });

  // A redemption may wait on another instance's lease, then Key Vault and Entra: that is not
  // Partner Center's time, and its first attempt is not cut to nothing for it.
  it("counts a render's budget from the token in hand, not from a slow redemption before", async () => {
    const { client, timeouts } = slowPartnerCenter(2_000, 18_000);
    expect((await client.listCustomers()).items).toHaveLength(1);
    expect(timeouts).toEqual([15_000]);
  });

  it('bounds a walk page Partner Center never answers to 5 minutes over all its attempts', async () => {
    const { client, timeouts, elapsed } = slowPartnerCenter(Infinity);
    await expect(pagesOf(client.customerPages())).rejects.toMatchObject({
      code: 'unavailable',
      description: 'Partner Center did not answer in time',
    });
    // The second attempt gets what is left of the 5 minutes, after the first and its backoff.
    expect(timeouts).toHaveLength(2);
    expect(timeouts[0]).toBe(180_000);
    expect(timeouts[1]).toBeLessThan(120_000);
    expect(elapsed()).toBe(300_000);
  });

  it("bounds a download's page Partner Center never answers to the download's page budget", async () => {
    const { client, timeouts, elapsed } = slowPartnerCenter(Infinity);
    const csv = new Response(client.customerUsersCsv(guidFor(1), { silenceBudgetMs: 220_000 }));
    await expect(csv.text()).rejects.toMatchObject({
      code: 'unavailable',
      description: 'Partner Center did not answer in time',
    });
    expect(timeouts[0]).toBe(180_000);
    expect(elapsed()).toBe(220_000);
  });

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
