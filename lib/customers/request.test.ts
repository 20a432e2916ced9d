import { describe, expect, it, vi } from 'vitest';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const asked = vi.hoisted(() => ({ options: [] as unknown[] }));
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
    return {};
  },
}));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({ partnerCenter: { cacheSeconds: 60, resource: 'pc' }, sessionSecret: 's' }),
}));
vi.mock('@/lib/clock', () => ({
  portalClock: () => ({ cacheNow: () => 0, sync: async () => undefined }),
}));
vi.mock('@/lib/tokens', () => ({ getAccessToken: async () => 'token' }));
const { customerRequest } = await import('./request');

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
});
