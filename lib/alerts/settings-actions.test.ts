import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase, testDatabase } from '@/lib/db/test-database.test-support';
import type { NewAuditEventRow } from '@/lib/db/schema';
import type { PortalUser } from '@/lib/auth/user';
import type { EvaluationSummary } from './evaluate';
import { evaluatedNoticeText } from './evaluation-tally';
import type { AddTargetState } from './settings-actions';
import { loadLastDeliveries } from './settings-last-test';
import { testAlertWaitText } from './settings-limits';
import { resetTenantLimits } from '@/lib/security/tenant-limit';
import { recallAlertSettingsOutcome, type AlertSettingsOutcome } from './settings-outcome';
import { settingsUnavailableText } from './settings-view';
import { addTarget, listTargets, maxTargetsPerOwner, newSigningSecret } from './targets';
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
/** ALERT_ALLOWED_PRIVATE_HOSTS: the operator's own internal relay. */
const allowedPrivateHosts = ['smtp.corp.internal:25', '10.0.0.25:25'];
let user: PortalUser = contosoAdmin;
let database: PortalDatabase;
/** While set, the database does not answer (its error carries what must never be shown). */
let sends = 0;
/** While set, every send fails with it (the channels' own error, as deliver.ts reads it). */
let sendFailure: { name: string; code: string; message: string } | null = null;
const rows: NewAuditEventRow[] = [];

vi.mock('next/headers', () => ({ headers: async () => incoming }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('redirect'), { to });
  },
}));
/** While set, the session's sign-in is too old for changing targets (lib/auth/recent-sign-in.ts). */
let signInTooOld = false;
const confirmSignIn = '/auth/sign-in?callbackUrl=%2Fsettings%2Falerts&confirm=alert-targets';
vi.mock('@/lib/auth', () => ({
  requireRole: async () => user,
  requireRecentSignIn: async () => {
    if (signInTooOld) throw Object.assign(new Error('redirect'), { to: confirmSignIn });
  },
}));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    profile: 'azure',
    publicUrl: 'https://portal.example',
    sessionSecret,
    security: { trustedProxyCount: 0 },
    entra: { homeTenantId: home, credential: { kind: 'secret' } },
    alerts: { allowedPrivateHosts, deliveryAttempts: 1, retryBaseSeconds: 0 },
    database: {},
  }),
}));
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);
// One process's outcome store instead of the database's (the same contract, flash-store.test.ts),
// counting what the actions keep.
const flash = vi.hoisted(() => ({ remembered: 0 }));
vi.mock('@/lib/onboarding/flash-store', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/onboarding/flash-store')>();
  const store = original.createMemoryOutcomeStore();
  return {
    ...original,
    rememberForOwner: (...args: Parameters<typeof store.remember>) => {
      flash.remembered++;
      return store.remember(...args);
    },
    recallForOwner: (...args: Parameters<typeof store.recall>) => store.recall(...args),
  };
});
// The operator's relay resolves to their internal address; the other names here to public
// ones; nothing else is in this DNS.
const longHost = `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`;
const dns: Record<string, string> = {
  'smtp.corp.internal': '10.0.0.25',
  'hooks.example.com': '93.184.216.34',
  [longHost]: '93.184.216.35',
};
vi.mock('@/lib/security/outbound-target', async (original) => ({
  ...(await original<typeof import('@/lib/security/outbound-target')>()),
  systemResolver: async (hostname: string) =>
    dns[hostname] ? [{ address: dns[hostname], family: 4 }] : [],
}));
vi.mock('./channels', () => ({
  sendToDestination: async () => {
    sends++;
    if (sendFailure) throw Object.assign(new Error(sendFailure.message), sendFailure);
  },
}));
// "Evaluate now" runs the real bound (evaluate-now.ts) around a counted stand-in evaluation.
let evaluations = 0;
let evaluation: () => Promise<EvaluationSummary>;
/** Whom each evaluation was waited for by: an Admin waits for their own targets only. */
const waiters: unknown[] = [];
vi.mock('./index', async (original) => ({
  ...(await original<typeof import('./index')>()),
  evaluateAlerts: (_now: unknown, waiter: unknown) => {
    evaluations++;
    waiters.push(waiter);
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
/**
 * What the page shows `by` (the Admin who pressed, unless said) after the action: the outcome
 * its redirect names, read once. The address carries the opaque id and nothing else.
 */
async function outcomeOf(
  run: Promise<unknown>,
  by: PortalUser = user,
): Promise<AlertSettingsOutcome | null> {
  const to = new URL(await redirectOf(run), 'https://portal.example');
  expect(to.pathname).toBe('/settings/alerts');
  expect([...to.searchParams.keys()]).toEqual(['outcome']);
  return recallAlertSettingsOutcome(to.searchParams.get('outcome')!, by);
}
/** A test alert's outcome: the notice, the target, and when it was sent. */
const testOutcome = (notice: 'test-sent' | 'test-failed', target: string) => ({
  notice,
  target,
  at: expect.any(Number),
});

let contosoTarget = '';
let fabrikamTarget = '';

beforeAll(async () => {
  database = await openTestDatabase();
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
  flash.remembered = 0;
  incoming = new Headers({ 'sec-fetch-site': 'same-origin' });
  user = contosoAdmin;
  signInTooOld = false;
  rows.length = 0;
  testDatabase.down = false;
  sends = 0;
  sendFailure = null;
  resetTenantLimits();
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
  (await listTargets(database.db, { partnerTenant: tenant }, sessionSecret)).map((t) => t.enabled);

describe('alert settings actions', () => {
  it('a forged enable/disable post with no or a garbled "enabled" changes nothing', async () => {
    const { setAlertTargetEnabledAction } = await import('./settings-actions');
    for (const enabled of [undefined, 'yes', 'TRUE']) {
      const fields: Record<string, string> = { id: contosoTarget, scope: 'tenant' };
      if (enabled !== undefined) fields.enabled = enabled;
      expect(await outcomeOf(setAlertTargetEnabledAction(form(fields)))).toEqual({
        notice: 'invalid',
      });
      expect(await enabledOf(contoso)).toEqual([true]);
    }
  });

  it("a partner's Admin cannot touch another partner's target by its id", async () => {
    const actions = await import('./settings-actions');
    const post = { id: fabrikamTarget, scope: 'tenant' };
    const missing = { notice: 'missing' };
    expect(
      await outcomeOf(actions.setAlertTargetEnabledAction(form({ ...post, enabled: 'false' }))),
    ).toEqual(missing);
    expect(await outcomeOf(actions.sendTestAlertAction(form(post)))).toEqual(missing);
    expect(await outcomeOf(actions.removeAlertTargetAction(form(post)))).toEqual(missing);
    expect(
      await outcomeOf(actions.removeAlertTargetAction(form({ ...post, scope: 'platform' }))),
    ).toEqual({ notice: 'platform-refused' });
    expect(await enabledOf(fabrikam)).toEqual([true]);
  });

  // The page showed whatever its address said: anyone could send an Admin a link claiming a
  // test was delivered or a target disabled.
  it('keeps an outcome for the Admin who pressed, once; the address holds only its id', async () => {
    const { setAlertTargetEnabledAction } = await import('./settings-actions');
    const post = form({ id: contosoTarget, scope: 'tenant', enabled: 'true' });
    const to = new URL(
      await redirectOf(setAlertTargetEnabledAction(post)),
      'https://portal.example',
    );
    expect(to.pathname + to.search).toMatch(/^\/settings\/alerts\?outcome=[0-9a-f-]{36}$/);
    expect(to.hash).toBe('');
    const id = to.searchParams.get('outcome')!;
    // Another Admin of the same partner tenant, or of another, reads nothing under it.
    expect(
      await recallAlertSettingsOutcome(id, { ...contosoAdmin, oid: 'o-contoso-2' }),
    ).toBeNull();
    expect(await recallAlertSettingsOutcome(id, { ...contosoAdmin, tid: fabrikam })).toBeNull();
    expect(await recallAlertSettingsOutcome(id, contosoAdmin)).toEqual({
      notice: 'enabled',
      target: contosoTarget,
    });
    // Read once: a reload shows nothing.
    expect(await recallAlertSettingsOutcome(id, contosoAdmin)).toBeNull();
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
    // Perhaps another site's doing, not the Admin's: not even an outcome is written for them.
    expect(flash.remembered).toBe(0);
  });

  it('a sign-in too old for changing targets adds, turns off and removes nothing; a test alert still goes', async () => {
    const actions = await import('./settings-actions');
    signInTooOld = true;
    const post = { id: contosoTarget, scope: 'tenant' };
    expect(
      await redirectOf(actions.setAlertTargetEnabledAction(form({ ...post, enabled: 'false' }))),
    ).toBe(confirmSignIn);
    expect(await redirectOf(actions.removeAlertTargetAction(form(post)))).toBe(confirmSignIn);
    const add = form({ scope: 'tenant', kind: 'webhook', label: 'New', url: 'https://a.example' });
    expect(await redirectOf(actions.addAlertTargetAction({} as AddTargetState, add))).toBe(
      confirmSignIn,
    );
    expect(await enabledOf(contoso)).toEqual([true]);
    expect(rows).toEqual([]);
    // Testing a target changes nothing about where alerts go.
    expect(await outcomeOf(actions.sendTestAlertAction(form(post)))).toEqual(
      testOutcome('test-sent', contosoTarget),
    );
  });

  it('a test alert names who sent it and keeps the URL out of the audit trail', async () => {
    const { sendTestAlertAction } = await import('./settings-actions');
    expect(
      await outcomeOf(sendTestAlertAction(form({ id: contosoTarget, scope: 'tenant' }))),
    ).toEqual(testOutcome('test-sent', contosoTarget));
    await vi.waitFor(() => expect(rows.length).toBeGreaterThan(0));
    expect(JSON.stringify(rows)).not.toContain('s3cret');
    expect(rows.every((r) => r.partner_tenant === contoso)).toBe(true);
    expect(rows.map((r) => r.actor_upn)).toEqual(rows.map(() => contosoAdmin.upn));
  });
});

describe("a test alert's outcome is marked on the tested target's row", () => {
  it('a failed test keeps the target, the reason and when it was sent for its Admin', async () => {
    const { sendTestAlertAction } = await import('./settings-actions');
    sendFailure = {
      name: 'DeliveryError',
      code: 'http_500',
      message: 'The receiver answered HTTP 500.',
    };
    const before = Date.now();
    const outcome = await outcomeOf(
      sendTestAlertAction(form({ id: contosoTarget, scope: 'tenant' })),
    );
    const after = Date.now();
    expect(outcome).toEqual({ ...testOutcome('test-failed', contosoTarget), reason: 'http_500' });
    const at = outcome?.notice === 'test-failed' ? outcome.at : NaN;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
  });

  it('the delivery it audits is what the page reads back as the last test, no older than the redirect says', async () => {
    const { sendTestAlertAction } = await import('./settings-actions');
    const [target] = await listTargets(database.db, { partnerTenant: contoso }, sessionSecret);
    sendFailure = { name: 'DeliveryError', code: 'timeout', message: 'No answer within 10 s.' };
    const failed = await outcomeOf(
      sendTestAlertAction(form({ id: contosoTarget, scope: 'tenant' })),
    );
    await vi.waitFor(() => expect(rows.some((r) => r.action === 'alert.delivery')).toBe(true));
    await database.db.insertInto('audit_events').values(rows).execute();
    const { tests } = await loadLastDeliveries(database.db, contoso, [target!]);
    expect(tests).toEqual({
      [contosoTarget]: { ok: false, reason: 'timeout', at: expect.any(Date) },
    });
    const sentAt = failed?.notice === 'test-failed' ? failed.at : NaN;
    expect(tests[contosoTarget]!.at.getTime()).toBeGreaterThanOrEqual(sentAt);
    // Another partner's reader of the trail finds nothing of it.
    expect(await loadLastDeliveries(database.db, fabrikam, [target!])).toEqual({
      tests: {},
      alerts: {},
    });
    await database.db.deleteFrom('audit_events').execute();
  });
});

// One alert each for Contoso and Fabrikam, delivered to no target (the default evaluation).
const nothingHeard = {
  notice: 'evaluated',
  tally: { raised: 1, delivered: 0, failed: 0, owedDelivered: 0, owedFailed: 0 },
  hadTargets: true,
};

describe('Evaluate now', () => {
  it('runs once per 30 s for a partner tenant; a second press is told why and when, not shown an error page', async () => {
    const { evaluateNowAction } = await import('./settings-actions');
    expect(await outcomeOf(evaluateNowAction())).toEqual(nothingHeard);
    // Another Admin of Contoso, moments later: Contoso's turn is taken, nothing runs.
    user = { ...contosoAdmin, oid: 'o-contoso-2' };
    const refused = await outcomeOf(evaluateNowAction());
    expect(refused).toEqual({ notice: 'evaluate-wait', wait: expect.any(Number) });
    const wait = refused?.notice === 'evaluate-wait' ? refused.wait! : NaN;
    expect(wait).toBeGreaterThanOrEqual(29);
    expect(wait).toBeLessThanOrEqual(30);
    expect(evaluations).toBe(1);
    const { evaluateNoticeText } = await import('./evaluate-now');
    expect(evaluateNoticeText({ notice: 'evaluate-wait', wait })).toBe(
      `Not evaluated: an evaluation was started for your partner tenant less than 30 seconds ago. Evaluate again in ${wait} s. Conditions are also evaluated after every keep-alive run, so nothing due is missed.`,
    );
    // Fabrikam's Admin has a turn of their own.
    user = { ...contosoAdmin, tid: fabrikam, oid: 'o-fabrikam' };
    expect(await outcomeOf(evaluateNowAction())).toEqual(nothingHeard);
    expect(evaluations).toBe(2);
    expect(waiters.slice(-2)).toEqual([{ tenantId: contosoAdmin.tid }, { tenantId: fabrikam }]);
  });

  it('tells the page when nobody heard because the Admin had no target at all, as the evaluation found it', async () => {
    const { evaluateNowAction } = await import('./settings-actions');
    const northwind = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
    const alertFor = (tenantId: string) => ({
      event: 'opened' as const,
      condition: 'needs-reconsent' as const,
      subject: tenantId,
      tenantId,
      deliveries: [],
    });
    evaluation = async () => ({
      evaluatedAt: '2026-06-01T08:00:00.000Z',
      open: 1,
      sent: [alertFor(northwind)],
      retried: [],
    });
    user = { ...contosoAdmin, tid: northwind, oid: 'o-northwind' };
    // The flag travels with the tally: a target added before the page is shown changes nothing.
    expect(await outcomeOf(evaluateNowAction())).toEqual({ ...nothingHeard, hadTargets: false });
  });

  it('says an evaluation failed instead of throwing to the error page', async () => {
    evaluation = async () => {
      throw new Error('database unavailable');
    };
    const { evaluateNowAction } = await import('./settings-actions');
    expect(await outcomeOf(evaluateNowAction())).toEqual({ notice: 'evaluate-failed' });
    const { evaluateNoticeText } = await import('./evaluate-now');
    expect(evaluateNoticeText({ notice: 'evaluate-failed' })).toMatch(
      /could not be evaluated.*\/api\/health/,
    );
  });

  it('a cross-site post runs nothing', async () => {
    const { evaluateNowAction } = await import('./settings-actions');
    incoming = new Headers({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(await redirectOf(evaluateNowAction())).toBe('/settings/alerts?notice=refused');
    expect(evaluations).toBe(0);
    expect(flash.remembered).toBe(0);
  });
});

describe('"Evaluate now" says who was told, not only what was raised', () => {
  const delivery = (targetId: string, targetOwner: string | null, ok: boolean) => ({
    targetId,
    targetOwner,
    ok,
    attempts: ok ? 1 : 3,
    error: ok ? null : { code: 'http_500', message: 'The receiver answered HTTP 500.' },
  });
  const alertFor = (tenantId: string | null, deliveries: ReturnType<typeof delivery>[]) => ({
    event: 'opened' as const,
    condition: 'needs-reconsent',
    subject: tenantId ?? 'entra',
    tenantId,
    deliveries,
  });
  /** Presses "Evaluate now" and reads the notice the page would show. */
  async function press(): Promise<{ outcome: AlertSettingsOutcome | null; text: string }> {
    const { evaluateNowAction } = await import('./settings-actions');
    const outcome = await outcomeOf(evaluateNowAction());
    if (outcome?.notice !== 'evaluated') throw new Error(`not evaluated: ${outcome?.notice}`);
    return { outcome, text: evaluatedNoticeText(outcome.tally) };
  }

  it("counts only the Admin's own targets: a failed one is not 'sent', the operators' relay is not theirs", async () => {
    evaluation = async () => ({
      evaluatedAt: '2026-06-01T08:00:00.000Z',
      open: 1,
      sent: [
        alertFor(contoso, [delivery('c1', contoso, false), delivery('ops', null, true)]),
        alertFor(fabrikam, [delivery('f1', fabrikam, true)]),
      ],
      retried: [],
    });
    const { outcome, text } = await press();
    expect(outcome).toEqual({
      ...nothingHeard,
      tally: { raised: 1, delivered: 0, failed: 1, owedDelivered: 0, owedFailed: 0 },
    });
    expect(text).toBe(
      'Conditions evaluated: 1 alert raised; 0 of 1 delivery to your targets arrived, 1 failed and will be retried.',
    );
  });

  it('says so when no target of the Admin heard an alert', async () => {
    const { text } = await press();
    expect(text).toBe(
      'Conditions evaluated: 1 alert raised, but no alert target of yours is enabled: nobody was told.',
    );
  });

  it("a platform operator's count includes the platform-wide targets and alerts", async () => {
    user = { ...contosoAdmin, tid: home, oid: 'o-operator' };
    evaluation = async () => ({
      evaluatedAt: '2026-06-01T08:00:00.000Z',
      open: 2,
      sent: [
        alertFor(null, [delivery('ops', null, true), delivery('ops-mail', null, true)]),
        alertFor(contoso, [delivery('ops', null, true), delivery('c1', contoso, true)]),
      ],
      retried: [alertFor(null, [delivery('ops-old', null, false)])],
    });
    const { text } = await press();
    expect(text).toBe(
      'Conditions evaluated: 1 alert raised; 2 of 2 deliveries to your targets arrived. 1 earlier delivery to your targets tried again: 0 arrived, 1 failed and will be retried.',
    );
  });

  it('nothing to send says so', async () => {
    evaluation = async () => ({ evaluatedAt: '', open: 0, sent: [], retried: [] });
    expect((await press()).text).toBe('Conditions evaluated: nothing new to send.');
  });
});

const addForm = (label: string, scope = 'tenant') =>
  form({ scope, kind: 'slack', label, url: `https://93.184.216.34/services/${label}` });
const idle: AddTargetState = { status: 'idle', message: '', errors: {} };

describe('alert targets are bounded', () => {
  const northwind = '33333333-3333-4333-8333-333333333333';
  const fill = async (partnerTenant: string | null, n: number) => {
    for (let i = 0; i < n; i++)
      await addTarget(
        database.db,
        { partnerTenant },
        {
          label: `t${i}`,
          destination: { kind: 'slack', url: `https://93.184.216.34/services/${i}` },
          createdBy: null,
        },
        sessionSecret,
      );
  };

  it(`refuses a partner's ${maxTargetsPerOwner + 1}st target in words, and stores nothing`, async () => {
    user = { ...contosoAdmin, tid: northwind, oid: 'o-northwind' };
    await fill(northwind, maxTargetsPerOwner);
    const { addAlertTargetAction } = await import('./settings-actions');
    const state = await addAlertTargetAction(idle, addForm('one-too-many'));
    expect(state).toEqual({
      status: 'refused',
      message: 'At most 20 alert targets per partner tenant: remove one first.',
      errors: {},
    });
    expect(
      await listTargets(database.db, { partnerTenant: northwind }, sessionSecret),
    ).toHaveLength(20);
    expect(rows.filter((r) => r.action === 'alert.target-added')).toEqual([]);
  });

  it('counts platform-wide targets on their own', async () => {
    user = { ...contosoAdmin, tid: home, oid: 'o-operator' };
    await fill(null, maxTargetsPerOwner);
    const { addAlertTargetAction } = await import('./settings-actions');
    expect(await addAlertTargetAction(idle, addForm('platform-21st', 'platform'))).toMatchObject({
      status: 'refused',
      message: 'At most 20 platform-wide alert targets: remove one first.',
    });
    // The operator's own partner tenant still has room.
    expect(await addAlertTargetAction(idle, addForm('home-own'))).toMatchObject({
      status: 'added',
    });
    await database.db.deleteFrom('alert_targets').where('partner_tenant', 'is', null).execute();
  });

  it('takes at most 20 add submits a minute per partner tenant, and says when to try again', async () => {
    const { addAlertTargetAction } = await import('./settings-actions');
    // Refused forms count too: checking one resolves the host names it names.
    for (let i = 0; i < 20; i++)
      expect((await addAlertTargetAction(idle, form({ scope: 'tenant' }))).status).toBe('invalid');
    const refused = await addAlertTargetAction(idle, addForm('later'));
    expect(refused.status).toBe('refused');
    expect(refused.message).toMatch(
      /^Not added: at most 20 targets may be submitted per 60 seconds for your partner tenant\. Try again in \d+ s\. Nothing was saved\.$/,
    );
    expect(
      (await listTargets(database.db, { partnerTenant: contoso }, sessionSecret)).map(
        (t) => t.label,
      ),
    ).toEqual(['contoso']);
    // Another partner tenant has a count of its own.
    user = { ...contosoAdmin, tid: fabrikam, oid: 'o-fabrikam' };
    expect((await addAlertTargetAction(idle, form({ scope: 'tenant' }))).status).toBe('invalid');
  });

  it('sends at most 5 test alerts a minute per partner tenant; the 6th is told when, and sends nothing', async () => {
    const { sendTestAlertAction } = await import('./settings-actions');
    const post = form({ id: contosoTarget, scope: 'tenant' });
    for (let i = 0; i < 5; i++)
      expect(await outcomeOf(sendTestAlertAction(post))).toEqual(
        testOutcome('test-sent', contosoTarget),
      );
    expect(sends).toBe(5);
    const refused = await outcomeOf(sendTestAlertAction(post));
    expect(refused).toEqual({ notice: 'test-wait', wait: expect.any(Number) });
    const wait = String(refused?.notice === 'test-wait' ? refused.wait : NaN);
    expect(Number(wait)).toBeGreaterThanOrEqual(1);
    expect(Number(wait)).toBeLessThanOrEqual(60);
    expect(sends).toBe(5);
    expect(testAlertWaitText(wait)).toBe(
      `Not sent: at most 5 test alerts per 60 seconds for your partner tenant. Try again in ${wait} s.`,
    );
    // Fabrikam's Admin is not held back by Contoso's presses.
    user = { ...contosoAdmin, tid: fabrikam, oid: 'o-fabrikam' };
    expect(
      await outcomeOf(sendTestAlertAction(form({ id: fabrikamTarget, scope: 'tenant' }))),
    ).toEqual(testOutcome('test-sent', fabrikamTarget));
  });
});

describe('while the database does not answer', () => {
  it('every target action comes back to the page with a notice, not the error page', async () => {
    testDatabase.down = true;
    const actions = await import('./settings-actions');
    const post = { id: contosoTarget, scope: 'tenant' };
    for (const run of [
      actions.setAlertTargetEnabledAction(form({ ...post, enabled: 'false' })),
      actions.removeAlertTargetAction(form(post)),
      actions.sendTestAlertAction(form(post)),
    ])
      expect(await outcomeOf(run)).toEqual({ notice: 'unavailable' });
    expect(await actions.addAlertTargetAction(idle, addForm('while-down'))).toEqual({
      status: 'refused',
      message: settingsUnavailableText.action,
      errors: {},
    });
    expect(settingsUnavailableText.action).not.toMatch(/s3cret|postgres:|ECONNREFUSED/);
    testDatabase.down = false;
    expect(await enabledOf(contoso)).toEqual([true]);
  });
});

describe("the operator's private-host exceptions", () => {
  const relay = (host: string, scope = 'tenant') =>
    form({
      scope,
      kind: 'email',
      label: `relay ${host}`,
      smtpHost: host,
      smtpPort: '25',
      smtpSecurity: 'starttls',
      from: 'portal@example.com',
      to: 'ops@example.com',
    });
  const operator = { ...contosoAdmin, tid: home, oid: 'o-operator' };

  it("are not a partner's: their Admin cannot save a target at the operator's relay, and is told what any private host is told", async () => {
    const { addAlertTargetAction } = await import('./settings-actions');
    for (const [host, unlisted] of [
      ['smtp.corp.internal', 'smtp2.corp.internal'],
      ['10.0.0.25', '10.0.0.26'],
    ] as const) {
      const listed = await addAlertTargetAction(idle, relay(host));
      expect(listed).toMatchObject({ status: 'invalid', errors: { smtpHost: expect.any(String) } });
      // Word for word what a host not on the list gets: the refusal does not reveal the list.
      const other = await addAlertTargetAction(idle, relay(unlisted));
      expect(listed.errors.smtpHost).toBe(other.errors.smtpHost!.replace(unlisted, host));
    }
    expect(
      (await listTargets(database.db, { partnerTenant: contoso }, sessionSecret)).map(
        (t) => t.label,
      ),
    ).toEqual(['contoso']);
    expect(rows.filter((r) => r.action === 'alert.target-added')).toEqual([]);
  });

  it("are a platform operator's for the platform-wide targets only", async () => {
    user = operator;
    const { addAlertTargetAction } = await import('./settings-actions');
    expect(await addAlertTargetAction(idle, relay('smtp.corp.internal', 'platform'))).toMatchObject(
      { status: 'added' },
    );
    // The operator's own partner tenant is a partner like any other.
    expect(await addAlertTargetAction(idle, relay('smtp.corp.internal'))).toMatchObject({
      status: 'invalid',
    });
    expect(
      (await listTargets(database.db, { partnerTenant: null }, sessionSecret)).map((t) => t.hint),
    ).toEqual(['ops@example.com via smtp.corp.internal:25']);
    expect(
      (await listTargets(database.db, { partnerTenant: home }, sessionSecret)).map((t) => t.hint),
    ).not.toContain('ops@example.com via smtp.corp.internal:25');
    await database.db.deleteFrom('alert_targets').where('partner_tenant', 'is', null).execute();
  });
});

describe('alert target changes in the audit trail', () => {
  const detailsOf = async (action: string, targetId: string) => {
    await vi.waitFor(() =>
      expect(
        rows.some((r) => r.action === action && JSON.stringify(r.details).includes(targetId)),
      ).toBe(true),
    );
    const row = rows.find(
      (r) => r.action === action && JSON.stringify(r.details).includes(targetId),
    )!;
    return row.details as Record<string, unknown>;
  };

  it('name the target by its label and hint, as the page shows it, also once it is removed; never its URL or secret', async () => {
    const actions = await import('./settings-actions');
    const url = 'https://hooks.example.com/services/T0/B0/s3cret-path?sig=s3cret-query';
    const added = await actions.addAlertTargetAction(
      idle,
      form({ scope: 'tenant', kind: 'webhook', label: 'Ops pager', url }),
    );
    expect(added.status).toBe('added');
    const [target] = (
      await listTargets(database.db, { partnerTenant: contoso }, sessionSecret)
    ).filter((t) => t.label === 'Ops pager');
    const id = target!.id;
    const named = {
      targetId: id,
      channel: 'webhook',
      label: 'Ops pager',
      hint: 'hooks.example.com',
    };
    expect(await detailsOf('alert.target-added', id)).toEqual({ ...named, platform: false });

    const post = { id, scope: 'tenant' };
    await redirectOf(actions.setAlertTargetEnabledAction(form({ ...post, enabled: 'false' })));
    expect(await detailsOf('alert.target-changed', id)).toEqual({ ...named, enabled: false });

    expect(await outcomeOf(actions.removeAlertTargetAction(form(post)))).toEqual({
      notice: 'removed',
      label: 'Ops pager',
    });
    expect(await detailsOf('alert.target-removed', id)).toEqual(named);
    expect(await listTargets(database.db, { partnerTenant: contoso }, sessionSecret)).toHaveLength(
      1,
    );

    const trail = JSON.stringify(rows);
    expect(trail).not.toMatch(/s3cret|services|T0\/B0|sig=/);
    expect(trail).not.toContain(added.shownOnce!.signingSecret);
  });

  it('cut a long hint to fit the details, and the event is still written', async () => {
    const actions = await import('./settings-actions');
    const to = Array.from({ length: 12 }, (_, i) => `on-call-${i}@ops.contoso.example`);
    const added = await actions.addAlertTargetAction(
      idle,
      form({
        scope: 'tenant',
        kind: 'email',
        label: 'Everyone on call',
        smtpHost: longHost,
        smtpPort: '587',
        smtpUsername: 'relay-user',
        smtpPassword: 'smtp-s3cret-password',
        from: 'portal@contoso.example',
        to: to.join(', '),
      }),
    );
    expect(added.status).toBe('added');
    const [target] = (
      await listTargets(database.db, { partnerTenant: contoso }, sessionSecret)
    ).filter((t) => t.label === 'Everyone on call');
    // The page's hint is longer than an audit detail may be.
    expect(target!.hint.length).toBeGreaterThan(200);
    await redirectOf(actions.removeAlertTargetAction(form({ id: target!.id, scope: 'tenant' })));
    const removed = await detailsOf('alert.target-removed', target!.id);
    expect(removed).toMatchObject({ label: 'Everyone on call', channel: 'email' });
    const hint = removed.hint as string;
    expect(hint.length).toBeLessThanOrEqual(200);
    expect(hint).toMatch(/^on-call-0@ops\.contoso\.example, on-call-1@.*…$/);
    const added2 = await detailsOf('alert.target-added', target!.id);
    expect(added2.hint).toBe(hint);
    expect(JSON.stringify(rows)).not.toMatch(/s3cret|relay-user/);
  });

  it('shorten a host name long enough to look like a credential, and the event is still written', async () => {
    const actions = await import('./settings-actions');
    const added = await actions.addAlertTargetAction(
      idle,
      form({ scope: 'tenant', kind: 'slack', label: 'Long host', url: `https://${longHost}/x` }),
    );
    expect(added.status).toBe('added');
    const [target] = (
      await listTargets(database.db, { partnerTenant: contoso }, sessionSecret)
    ).filter((t) => t.label === 'Long host');
    expect(target!.hint).toBe(longHost);
    expect(await detailsOf('alert.target-added', target!.id)).toMatchObject({
      label: 'Long host',
      hint: `${'a'.repeat(16)}…`,
    });
    await redirectOf(actions.removeAlertTargetAction(form({ id: target!.id, scope: 'tenant' })));
    expect(await detailsOf('alert.target-removed', target!.id)).toMatchObject({
      hint: `${'a'.repeat(16)}…`,
    });
  });
});
