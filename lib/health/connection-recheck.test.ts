import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PortalFailure } from '@/lib/failure';
import type { PortalUser } from '@/lib/auth/user';
import { resetTenantLimits } from '@/lib/security/tenant-limit';
import {
  recallRecheckOutcome,
  recheckNoticeKey,
  recheckNoticeLasts,
  recheckNoticeText,
  type RecheckOutcome,
} from './connection-recheck';
import { inactivityWindow, reconsentVerdict } from './recheck.test-support';
import type { TenantHealth } from './types';

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
const withinWindow = inactivityWindow();
const state = vi.hoisted(() => ({
  tenant: null as null | Pick<TenantHealth, 'tenantId' | 'status' | 'lastError' | 'inactivity'>,
  outcome: null as unknown,
  rechecks: [] as unknown[],
  reports: 0,
  audited: [] as unknown[],
  /** How often the health service was told the connection changed (its probes read anew). */
  refreshes: 0,
  kept: new Map<string, { kind: string; value: unknown; owner: { tid: string; oid: string } }>(),
}));
vi.mock('server-only', () => ({}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('redirect'), { to });
  },
}));
vi.mock('@/lib/auth', () => ({ requireRole: async () => admin }));
vi.mock('@/lib/config', () => ({ getConfig: () => ({ database: { url: undefined } }) }));
vi.mock('./index', () => ({
  getHealthReport: async () => {
    state.reports += 1;
    return { tenants: state.tenant ? [state.tenant] : [] };
  },
  defaultHealthService: () => ({
    refreshAfterTenantChange: () => {
      state.refreshes += 1;
    },
  }),
}));
vi.mock('@/lib/tokens', () => ({
  recheckConnection: async (by: unknown) => {
    state.rechecks.push(by);
    if (state.outcome) throw state.outcome;
  },
}));
vi.mock('@/lib/audit/trail', () => ({
  auditConnectionRecheck: (...args: unknown[]) => state.audited.push(args),
}));
vi.mock('@/lib/onboarding/flash-store', () => ({
  rememberForOwner: async (kind: string, value: unknown, owner: { tid: string; oid: string }) => {
    const id = `id-${state.kept.size + 1}`;
    state.kept.set(id, { kind, value, owner });
    return id;
  },
  recallForOwner: async (kind: string, id: string, owner: { tid: string; oid: string }) => {
    const kept = state.kept.get(id);
    if (!kept || kept.owner.oid !== owner.oid || kept.kind !== kind) return null;
    state.kept.delete(id);
    return kept.value;
  },
}));
const { checkConnectionAgainAction } = await import('./actions');

// Kept through the page's own refreshes (components/ui/kept-notice.tsx), a notice stayed after
// it stopped being true: "try again in 30 s" past the 30 s, "still refuses" after another Admin's
// consent turned the card healthy.
describe('how long the page keeps what Check again found', () => {
  it("keeps Entra's answer, and lets a momentary one go at the next refresh", () => {
    expect(recheckNoticeLasts({ result: 'connected' })).toBe(true);
    expect(recheckNoticeLasts({ result: 'refused', fixableInEntra: true })).toBe(true);
    expect(recheckNoticeLasts({ result: 'too-soon', waitSeconds: 30 })).toBe(false);
    expect(recheckNoticeLasts({ result: 'unanswered', problem: 'Entra did not answer.' })).toBe(
      false,
    );
  });

  it('keeps it under the address and the verdict: either changing drops it', () => {
    const refused = recheckNoticeKey('id-1', { status: 'needs-reconsent' });
    const accepted = recheckNoticeKey('id-1', { status: 'healthy' });
    expect(refused).not.toBe(accepted);
    // A throttled or degraded card after an accepted check is no refusal: the notice stays.
    expect(recheckNoticeKey('id-1', { status: 'degraded' })).toBe(accepted);
    expect(recheckNoticeKey('id-2', { status: 'healthy' })).not.toBe(accepted);
    expect(recheckNoticeKey(undefined, { status: 'healthy' })).toBeUndefined();
    expect(recheckNoticeKey(['id-1', 'id-2'], { status: 'healthy' })).toBeUndefined();
  });
});

describe('Check again', () => {
  beforeEach(() => {
    resetTenantLimits();
    state.tenant = {
      tenantId: contoso,
      status: 'needs-reconsent',
      lastError: reconsentVerdict(53003),
      inactivity: withinWindow,
    };
    state.outcome = null;
    state.rechecks.length = 0;
    state.reports = 0;
    state.refreshes = 0;
    state.audited.length = 0;
    state.kept.clear();
  });
  /** Presses the button: what the page then shows the Admin, once (null: nothing). */
  const pressed = async (): Promise<RecheckOutcome | null> => {
    const to = await checkConnectionAgainAction().catch((error: { to?: string }) => error.to);
    const id = new URL(`https://portal.test${to}`).searchParams.get('recheck') ?? undefined;
    return recallRecheckOutcome(id, admin);
  };

  it("asks for the Admin's own tenant and says once that Entra accepted it", async () => {
    expect(await pressed()).toEqual({ result: 'connected' });
    expect(state.rechecks).toEqual([admin]);
    // Shown once, and only to the Admin who pressed it.
    expect(await recallRecheckOutcome('id-1', admin)).toBeNull();
    // The probes read anew: Partner Center, skipped while no stored connection worked, is
    // probed with the one that works again, not "not checked" until the interval ends.
    expect(state.refreshes).toBe(1);
  });

  it('does nothing while the card offers nothing to check: healthy, throttled, another verdict', async () => {
    for (const tenant of [
      { status: 'healthy' as const, lastError: null },
      { status: 'degraded' as const, lastError: reconsentVerdict(50196) },
      { status: 'needs-reconsent' as const, lastError: reconsentVerdict(700082) },
    ].map((t) => ({ ...t, tenantId: contoso, inactivity: withinWindow }))) {
      resetTenantLimits();
      state.tenant = tenant;
      expect(await pressed()).toBeNull();
    }
    expect(state.rechecks).toHaveLength(0);
    expect(state.audited).toHaveLength(0);
  });

  it('says whether Entra still refuses for a reason Entra settings clear, another reason, or could not be asked', async () => {
    const refusal = (aadsts: number) =>
      new PortalFailure({
        code: 'needs_reconsent',
        problem: 'refused',
        action: 're-consent',
        status: 409,
        aadsts,
      });
    state.outcome = refusal(53003);
    expect(await pressed()).toMatchObject({ result: 'refused', fixableInEntra: true });
    resetTenantLimits();
    state.outcome = refusal(50173);
    expect(await pressed()).toMatchObject({ result: 'refused', fixableInEntra: false });
    resetTenantLimits();
    state.outcome = new PortalFailure({
      code: 'token_unavailable',
      problem: 'Key Vault is not answering.',
      action: 'retry',
      status: 503,
    });
    expect(await pressed()).toEqual({
      result: 'unanswered',
      problem: 'Key Vault is not answering.',
    });
    resetTenantLimits();
    state.outcome = new PortalFailure({
      code: 'not_connected',
      problem: 'gone',
      action: 'grant-consent',
      status: 409,
    });
    expect(await pressed()).toBeNull();
  });

  it('once per 30 s per partner tenant: a second press is refused, recorded, and asks nothing', async () => {
    await pressed();
    expect(await pressed()).toMatchObject({ result: 'too-soon', waitSeconds: 30 });
    expect(state.rechecks).toHaveLength(1);
    expect(state.audited.at(-1)).toEqual([admin, { outcome: 'refused' }]);
  });

  it("refuses a repeated press before it builds the tenant's health report (a Key Vault read)", async () => {
    await pressed();
    expect(state.reports).toBe(1);
    await pressed();
    await pressed();
    expect(state.reports).toBe(1);
  });
});

describe("Check again's result in words", () => {
  const outcome = (o: Record<string, unknown>) => recheckNoticeText(o as RecheckOutcome);

  it('says what Entra said, and what to do next', () => {
    expect(outcome({ result: 'connected' })).toContain('without a new consent');
    expect(outcome({ result: 'refused', fixableInEntra: true })).toContain(
      'Make the change described below in your Entra ID first',
    );
    expect(outcome({ result: 'refused', fixableInEntra: false })).toContain(
      'only a new consent ends',
    );
    expect(outcome({ result: 'unanswered', problem: 'Key Vault is not answering.' })).toBe(
      'The portal could not check the connection now: Key Vault is not answering. Try again shortly.',
    );
    expect(outcome({ result: 'too-soon', waitSeconds: 12 })).toContain('Try again in 12 s.');
  });
});
