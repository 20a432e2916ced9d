import { describe, expect, it, vi } from 'vitest';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const asked = vi.hoisted(() => ({ options: [] as unknown[], calls: 0 }));
const partnerCenter = vi.hoisted(() => ({
  cacheSeconds: 60,
  resource: 'pc',
  callsPerPersonPerMinute: 0,
}));
vi.mock('server-only', () => ({}));
// The browser asks in British English; Partner Center refuses locales it does not support.
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'accept-language': 'en-GB,en;q=0.9' }),
}));
vi.mock('@/lib/auth', () => ({
  requireRole: async () => ({ tid: contoso, oid: 'oid', upn: 'sales@contoso.test', roles: [] }),
  viewScopeFor: () => ({ kind: 'tenant', tenantId: contoso }),
}));
vi.mock('@/lib/partner-center', () => ({
  partnerCenterFor: (_user: unknown, options: unknown) => {
    asked.options.push(options);
    return {
      listCustomers: async () => {
        asked.calls += 1;
        return { items: [], continuationToken: null, fetchedAt: '2026-01-01T00:00:00.000Z' };
      },
    };
  },
}));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({ partnerCenter, sessionSecret: 's' }),
}));
vi.mock('@/lib/clock', () => ({
  portalClock: () => ({ cacheNow: () => 0, sync: async () => undefined }),
}));
vi.mock('@/lib/tokens', () => ({ getAccessToken: async () => 'token' }));
const { customerRequest } = await import('./request');
const { PersonBudgetSpent, resetPersonBudget } = await import('./person-budget');

describe('customerRequest', () => {
  it("asks Partner Center in en-US whatever the browser's language", async () => {
    const request = await customerRequest();
    expect(request.tenantId).toBe(contoso);
    expect(asked.options).toEqual([expect.objectContaining({ locale: 'en-US' })]);
  });

  // A users walk throttled after the page was sent made it say "the data below arrived after
  // one retry" above the walk's progress, before any data had.
  it('counts the retries of the calls the page waits on, not of the walks it started', async () => {
    asked.options.length = 0;
    const request = await customerRequest();
    const { onRetry } = asked.options[0] as {
      onRetry: (event: { pace: string; reason: string }) => void;
    };
    onRetry({ pace: 'walk', reason: 'throttled' });
    expect(request.retries()).toBe(0);
    onRetry({ pace: 'interactive', reason: 'throttled' });
    expect(request.retries()).toBe(1);
  });

  // A cached token Partner Center refused, replaced and sent again at once, made the page say
  // "Partner Center was busy. The data below arrived after one retry".
  it('counts the retries of a busy or failing Partner Center, not of a replaced token', async () => {
    asked.options.length = 0;
    const request = await customerRequest();
    const { onRetry } = asked.options[0] as {
      onRetry: (event: { pace: string; reason: string }) => void;
    };
    onRetry({ pace: 'interactive', reason: 'unauthorized' });
    expect(request.retries()).toBe(0);
    for (const reason of ['throttled', 'server_error', 'network'])
      onRetry({ pace: 'interactive', reason });
    expect(request.retries()).toBe(3);
  });

  // One person's script looping over new searches spent the Partner Center quota the whole
  // partner shares (PARTNER_CENTER_CALLS_PER_PERSON_PER_MINUTE).
  it("holds the person's page views to their Partner Center calls a minute; 0 turns it off", async () => {
    resetPersonBudget();
    partnerCenter.callsPerPersonPerMinute = 2;
    const search = (q: string) => ({
      size: 25,
      search: { field: 'CompanyName' as const, prefix: q },
    });
    await (await customerRequest()).client.listCustomers(search('a'));
    await (await customerRequest()).client.listCustomers(search('b'));
    const third = (await customerRequest()).client.listCustomers(search('c'));
    await expect(third).rejects.toBeInstanceOf(PersonBudgetSpent);
    // What the cache holds still opens.
    await (await customerRequest()).client.listCustomers(search('a'));
    expect(asked.calls).toBe(2);
    partnerCenter.callsPerPersonPerMinute = 0;
    await (await customerRequest()).client.listCustomers(search('d'));
    expect(asked.calls).toBe(3);
  });
});
