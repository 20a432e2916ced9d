import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PortalFailure } from '@/lib/failure';
import type { PortalUser } from '@/lib/auth/user';
import { resetTenantLimits } from '@/lib/security/tenant-limit';
import {
  recheckNoticeText,
  recheckOffered,
  recheckResultHref,
  recheckResultOf,
} from './connection-recheck';

/*
 * A partner's admin lifted a Conditional Access block (or assigned the account, or enabled it)
 * in their Entra ID: the stored grant works again, but the portal replayed "needs re-consent"
 * until a new consent, and offered nothing else.
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const admin: PortalUser = {
  tid: contoso,
  oid: 'a1000000-0000-4000-8000-000000000001',
  name: 'Adele Vance',
  upn: 'admin@contoso.test',
  roles: ['admin'],
};
const rechecks = vi.hoisted(() => ({ outcome: null as unknown, by: [] as unknown[] }));
const audited = vi.hoisted(() => ({ events: [] as unknown[] }));
vi.mock('server-only', () => ({}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('redirect'), { to });
  },
}));
vi.mock('@/lib/auth', () => ({ requireRole: async () => admin }));
vi.mock('@/lib/config', () => ({ getConfig: () => ({ database: { url: undefined } }) }));
vi.mock('@/lib/tokens', () => ({
  recheckConnection: async (by: unknown) => {
    rechecks.by.push(by);
    if (rechecks.outcome) throw rechecks.outcome;
  },
}));
vi.mock('@/lib/audit/trail', () => ({
  auditConnectionRecheck: (...args: unknown[]) => audited.events.push(args),
}));
const { checkConnectionAgainAction } = await import('./actions');

const lastError = (aadsts: number | null) => ({
  code: 'needs_reconsent',
  aadsts,
  at: '2027-01-01T00:00:00.000Z',
  correlationId: null,
  cause: 'c',
  fix: 'f',
  action: 're-consent' as const,
});

describe('when the health page offers Check again', () => {
  it('for a re-consent verdict the partner can clear in Entra: a block policy, an assignment, a disabled account', () => {
    for (const aadsts of [53003, 50105, 50057])
      expect(recheckOffered({ status: 'needs-reconsent', lastError: lastError(aadsts) })).toBe(
        true,
      );
  });

  it('not for a grant only a new consent replaces, nor for a tenant that needs nothing', () => {
    for (const aadsts of [700082, 50173, 70008, null])
      expect(recheckOffered({ status: 'needs-reconsent', lastError: lastError(aadsts) })).toBe(
        false,
      );
    expect(recheckOffered({ status: 'healthy', lastError: lastError(53003) })).toBe(false);
    expect(recheckOffered({ status: 'needs-reconsent', lastError: null })).toBe(false);
  });
});

describe('Check again', () => {
  beforeEach(() => {
    resetTenantLimits();
    rechecks.outcome = null;
    rechecks.by.length = 0;
    audited.events.length = 0;
  });
  const pressed = () => checkConnectionAgainAction().catch((error: { to?: string }) => error.to);

  it("asks for the Admin's own tenant and comes back saying Entra accepted it", async () => {
    expect(await pressed()).toBe('/health?recheck=connected');
    expect(rechecks.by).toEqual([admin]);
  });

  it('comes back saying Entra still refuses, or that it could not be asked', async () => {
    rechecks.outcome = new PortalFailure({
      code: 'needs_reconsent',
      problem: 'blocked',
      action: 're-consent',
      status: 409,
      aadsts: 53003,
    });
    expect(await pressed()).toBe('/health?recheck=refused');
    resetTenantLimits();
    rechecks.outcome = new PortalFailure({
      code: 'token_unavailable',
      problem: 'vault down',
      action: 'retry',
      status: 503,
    });
    expect(await pressed()).toBe('/health?recheck=unanswered');
    resetTenantLimits();
    rechecks.outcome = new PortalFailure({
      code: 'not_connected',
      problem: 'gone',
      action: 'grant-consent',
      status: 409,
    });
    expect(await pressed()).toBe('/health');
  });

  it('once per 30 s per partner tenant: a second press is refused, recorded, and asks nothing', async () => {
    await pressed();
    const again = await pressed();
    expect(again).toMatch(/^\/health\?recheck=too-soon&wait=(30|29)$/);
    expect(rechecks.by).toHaveLength(1);
    expect(audited.events.at(-1)).toEqual([admin, { outcome: 'refused' }]);
  });
});

describe("Check again's result on the page", () => {
  it('reads back only what the action writes', () => {
    for (const result of ['connected', 'refused', 'unanswered'] as const)
      expect(recheckResultOf({ recheck: result })).toEqual({ result, waitSeconds: null });
    expect(
      recheckResultOf(
        Object.fromEntries(new URLSearchParams(recheckResultHref('too-soon', 12).split('?')[1])),
      ),
    ).toEqual({
      result: 'too-soon',
      waitSeconds: 12,
    });
    expect(recheckResultOf({ recheck: 'healthy' })).toBeNull();
    expect(recheckResultOf({ recheck: ['connected', 'refused'] })).toBeNull();
    expect(recheckResultOf({ recheck: 'too-soon', wait: '1e9' })).toEqual({
      result: 'too-soon',
      waitSeconds: null,
    });
  });

  it('says what Entra said, and what to do next', () => {
    expect(recheckNoticeText('connected', null)).toContain('without a new consent');
    expect(recheckNoticeText('refused', null)).toContain('Entra still refuses');
    expect(recheckNoticeText('unanswered', null)).toContain('Try again shortly');
    expect(recheckNoticeText('too-soon', 12)).toContain('Try again in 12 s.');
  });
});
