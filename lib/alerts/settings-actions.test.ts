import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import type { NewAuditEventRow } from '@/lib/db/schema';
import type { PortalUser } from '@/lib/auth/user';
import type { EvaluationSummary } from './evaluate';
import { resetAdminEvaluateLimit } from './evaluate-now';
import { addTarget, listTargets, newSigningSecret } from './targets';
import { keepAuditRows, stopKeepingAuditRows } from '@/lib/audit/writer.test-support';

/** The alert settings' server actions as a forged or cross-partner post would call them. */

const home = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const contoso = '11111111-1111-4111-8111-111111111111';
const fabrikam = '22222222-2222-4222-8222-222222222222';
const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
const contosoAdmin: PortalUser = {
  tid: contoso,
  oid: 'o-contoso',
  name: 'Contoso admin',
  upn: 'admin@contoso.test',
  roles: ['admin'],
};

let incoming = new Headers({ 'sec-fetch-site': 'same-origin' });
let user: PortalUser = contosoAdmin;
let database: PortalDatabase;
const rows: NewAuditEventRow[] = [];

vi.mock('next/headers', () => ({ headers: async () => incoming }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('redirect'), { to });
  },
}));
vi.mock('@/lib/auth', () => ({ requireRole: async () => user }));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    profile: 'azure',
    publicUrl: 'https://portal.example',
    sessionSecret,
    security: { trustedProxyCount: 0 },
    entra: { homeTenantId: home, credential: { kind: 'secret' } },
    alerts: { allowedPrivateHosts: [], deliveryAttempts: 1, retryBaseSeconds: 0 },
    database: {},
  }),
}));
vi.mock('@/lib/db', async (original) => ({
  ...(await original<typeof import('@/lib/db')>()),
  getDatabase: async () => database,
}));
vi.mock('./channels', () => ({ sendToDestination: async () => undefined }));
// "Evaluate now" runs the real bound (evaluate-now.ts) around a counted stand-in evaluation.
let evaluations = 0;
let evaluation: () => Promise<EvaluationSummary>;
vi.mock('./index', async (original) => ({
  ...(await original<typeof import('./index')>()),
  evaluateAlerts: () => {
    evaluations++;
    return evaluation();
  },
}));

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
/** Where the action sent the browser (every target action ends in a redirect). */
async function redirectOf(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  return (error as { to?: string } | null)?.to ?? 'no redirect';
}

let contosoTarget = '';
let fabrikamTarget = '';

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
  keepAuditRows(rows);
  const hook = (partnerTenant: string, label: string) =>
    addTarget(
      database.db,
      { partnerTenant },
      {
        label,
        destination: {
          kind: 'webhook',
          url: `https://hooks.${label}.example/path-s3cret`,
          signingSecret: newSigningSecret(),
        },
        createdBy: null,
      },
      sessionSecret,
    );
  contosoTarget = (await hook(contoso, 'contoso')).id;
  fabrikamTarget = (await hook(fabrikam, 'fabrikam')).id;
});
afterAll(async () => {
  stopKeepingAuditRows();
  await database.close();
});
beforeEach(() => {
  incoming = new Headers({ 'sec-fetch-site': 'same-origin' });
  user = contosoAdmin;
  rows.length = 0;
  resetAdminEvaluateLimit();
  evaluations = 0;
  evaluation = async () => ({
    evaluatedAt: '2026-06-01T08:00:00.000Z',
    open: 2,
    sent: [contoso, fabrikam].map((tenantId) => ({
      event: 'opened',
      condition: 'needs-reconsent',
      subject: tenantId,
      tenantId,
      deliveries: [],
    })),
    retried: [],
  });
});

const enabledOf = async (tenant: string) =>
  (await listTargets(database.db, { partnerTenant: tenant })).map((t) => t.enabled);

describe('alert settings actions', () => {
  it('a forged enable/disable post with no or a garbled "enabled" changes nothing', async () => {
    const { setAlertTargetEnabledAction } = await import('./settings-actions');
    for (const enabled of [undefined, 'yes', 'TRUE']) {
      const fields: Record<string, string> = { id: contosoTarget, scope: 'tenant' };
      if (enabled !== undefined) fields.enabled = enabled;
      expect(await redirectOf(setAlertTargetEnabledAction(form(fields)))).toBe(
        '/settings/alerts?notice=invalid',
      );
      expect(await enabledOf(contoso)).toEqual([true]);
    }
  });

  it("a partner's Admin cannot touch another partner's target by its id", async () => {
    const actions = await import('./settings-actions');
    const post = { id: fabrikamTarget, scope: 'tenant' };
    expect(
      await redirectOf(actions.setAlertTargetEnabledAction(form({ ...post, enabled: 'false' }))),
    ).toBe('/settings/alerts?notice=missing');
    expect(await redirectOf(actions.sendTestAlertAction(form(post)))).toBe(
      '/settings/alerts?notice=missing',
    );
    expect(await redirectOf(actions.removeAlertTargetAction(form(post)))).toBe(
      '/settings/alerts?notice=missing',
    );
    expect(
      await redirectOf(actions.removeAlertTargetAction(form({ ...post, scope: 'platform' }))),
    ).toBe('/settings/alerts?notice=refused');
    expect(await enabledOf(fabrikam)).toEqual([true]);
  });

  it('a cross-site post is refused before anything is read or changed', async () => {
    const { removeAlertTargetAction } = await import('./settings-actions');
    incoming = new Headers({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(
      await redirectOf(removeAlertTargetAction(form({ id: contosoTarget, scope: 'tenant' }))),
    ).toBe('/settings/alerts?notice=refused');
    incoming = new Headers({ origin: 'https://evil.example' });
    expect(
      await redirectOf(removeAlertTargetAction(form({ id: contosoTarget, scope: 'tenant' }))),
    ).toBe('/settings/alerts?notice=refused');
    expect(await enabledOf(contoso)).toEqual([true]);
  });

  it('a test alert names who sent it and keeps the URL out of the audit trail', async () => {
    const { sendTestAlertAction } = await import('./settings-actions');
    expect(
      await redirectOf(sendTestAlertAction(form({ id: contosoTarget, scope: 'tenant' }))),
    ).toBe(`/settings/alerts?notice=test-sent&target=${contosoTarget}`);
    await vi.waitFor(() => expect(rows.length).toBeGreaterThan(0));
    expect(JSON.stringify(rows)).not.toContain('s3cret');
    expect(rows.every((r) => r.partner_tenant === contoso)).toBe(true);
    expect(rows.map((r) => r.actor_upn)).toEqual(rows.map(() => contosoAdmin.upn));
  });
});

describe('Evaluate now', () => {
  it('runs once per 30 s for a partner tenant; a second press is told why and when, not shown an error page', async () => {
    const { evaluateNowAction } = await import('./settings-actions');
    expect(await redirectOf(evaluateNowAction())).toBe('/settings/alerts?notice=evaluated&sent=1');
    // Another Admin of Contoso, moments later: Contoso's turn is taken, nothing runs.
    user = { ...contosoAdmin, oid: 'o-contoso-2' };
    const refused = new URL(await redirectOf(evaluateNowAction()), 'https://portal.example');
    expect(refused.pathname).toBe('/settings/alerts');
    expect(refused.searchParams.get('notice')).toBe('evaluate-wait');
    const wait = Number(refused.searchParams.get('wait'));
    expect(wait).toBeGreaterThanOrEqual(29);
    expect(wait).toBeLessThanOrEqual(30);
    expect(evaluations).toBe(1);
    const { evaluateNoticeText } = await import('./evaluate-now');
    expect(evaluateNoticeText('evaluate-wait', String(wait))).toBe(
      `Not evaluated: alerts were evaluated for your partner tenant less than 30 seconds ago. Evaluate again in ${wait} s. Conditions are also evaluated after every keep-alive run, so nothing due is missed.`,
    );
    // Fabrikam's Admin has a turn of their own.
    user = { ...contosoAdmin, tid: fabrikam, oid: 'o-fabrikam' };
    expect(await redirectOf(evaluateNowAction())).toBe('/settings/alerts?notice=evaluated&sent=1');
    expect(evaluations).toBe(2);
  });

  it('says an evaluation failed instead of throwing to the error page', async () => {
    evaluation = async () => {
      throw new Error('database unavailable');
    };
    const { evaluateNowAction } = await import('./settings-actions');
    expect(await redirectOf(evaluateNowAction())).toBe('/settings/alerts?notice=evaluate-failed');
    const { evaluateNoticeText } = await import('./evaluate-now');
    expect(evaluateNoticeText('evaluate-failed')).toMatch(/could not be evaluated.*\/api\/health/);
  });

  it('a cross-site post runs nothing', async () => {
    const { evaluateNowAction } = await import('./settings-actions');
    incoming = new Headers({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(await redirectOf(evaluateNowAction())).toBe('/settings/alerts?notice=refused');
    expect(evaluations).toBe(0);
  });
});
