import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const logged = vi.hoisted(() => ({ lines: [] as Array<{ message: string; event: unknown }> }));
vi.mock('@/lib/log', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/log')>()),
  logEvent: (_level: string, message: string, event: unknown) =>
    logged.lines.push({ message, event }),
}));
import { sql } from 'kysely';
import { credentialPattern, type AuditEventInput } from '@/lib/audit/events';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import type { TenantHealth, HealthReport } from '@/lib/health/types';
import { hostPortKey } from '@/lib/security/outbound-address';
import { systemResolver } from '@/lib/security/outbound-target';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { sendToDestination } from './channels';
import { tenantHealth } from './tenant-health.test-support';
import { runEvaluation, sentConcerning, type EvaluationDeps } from './evaluate';
import { loadLastEvaluation } from './store';
import {
  addTarget,
  newSigningSecret,
  openTargets,
  removeTarget,
  setTargetEnabled,
} from './targets';
import { signatureValid, startSmtpSink, startWebhookReceiver } from '@/test/support/alert-sinks';

const hour = 3_600_000;
const start = Date.UTC(2026, 5, 1, 8);
const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
const contoso = '11111111-1111-4111-8111-111111111111';
const fabrikam = '22222222-2222-4222-8222-222222222222';
const smtpPassword = 'smtp-password-Zq7!never-in-a-message';

let database: PortalDatabase;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const signingSecret = newSigningSecret();
const audit: AuditEventInput[] = [];
const waits: number[] = [];
let tenants: TenantHealth[] = [];

const tenant = tenantHealth;
const reconsent = (id: string) =>
  tenant(id, {
    status: 'needs-reconsent',
    consecutiveFailures: 1,
    lastError: {
      code: 'invalid_grant',
      aadsts: 50173,
      at: null,
      correlationId: null,
      cause: 'The grant was revoked.',
      fix: 'Re-consent with an Admin account.',
      action: 're-consent',
    },
  });

function deps(db = database): EvaluationDeps {
  return {
    db: db.db,
    report: async (): Promise<HealthReport> => ({
      status: 'healthy',
      generatedAt: '',
      probeIntervalSeconds: 30,
      tenants,
      dependencies: [],
    }),
    credential: async () => null,
    targets: async () => (await openTargets(db.db, sessionSecret)).targets,
    audit: (e) => audit.push(e),
    // The receivers listen on loopback: reachable only as the operator's named exceptions.
    send: (destination, message) =>
      sendToDestination(destination, message, {
        allowedPrivate: [hostPortKey(new URL(hooks.url)), `${smtp.host}:${smtp.port}`],
        resolve: systemResolver,
      }),
    attempts: 3,
    backoffBaseMs: 1000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    // The top of the jitter range: the waits are then exactly base * 2^(n-1).
    random: () => 1,
    rules: { failureThreshold: 3, dependencyDownMinutes: 15, credentialWarnDays: [30, 7] },
    repeatMs: 24 * hour,
    publicUrl: 'https://portal.example',
  };
}

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
  [hooks, smtp] = await Promise.all([startWebhookReceiver(), startSmtpSink()]);
});
afterAll(async () => {
  await Promise.all([database.close(), hooks.close(), smtp.close()]);
});
beforeEach(async () => {
  await database.db.deleteFrom('alert_targets').execute();
  await database.db.deleteFrom('alert_states').execute();
  await database.db.deleteFrom('alert_pending_deliveries').execute();
  hooks.received.length = 0;
  smtp.received.length = 0;
  audit.length = 0;
  waits.length = 0;
  logged.lines.length = 0;
  tenants = [tenant(contoso), tenant(fabrikam)];
});

async function addAll() {
  const own = { partnerTenant: contoso };
  const by = 'admin@contoso.example';
  await addTarget(
    database.db,
    own,
    {
      label: 'Signed hook',
      destination: { kind: 'webhook', url: `${hooks.url}/hook/s3cr3t-path`, signingSecret },
      createdBy: by,
    },
    sessionSecret,
  );
  await addTarget(
    database.db,
    own,
    {
      label: 'Teams',
      destination: { kind: 'teams', url: `${hooks.url}/teams/workflow-sig-abc` },
      createdBy: by,
    },
    sessionSecret,
  );
  await addTarget(
    database.db,
    own,
    {
      label: 'Slack',
      destination: { kind: 'slack', url: `${hooks.url}/slack/T000/B000/XXXX` },
      createdBy: by,
    },
    sessionSecret,
  );
  await addTarget(
    database.db,
    own,
    {
      label: 'Mail',
      destination: {
        kind: 'email',
        host: smtp.host,
        port: smtp.port,
        security: 'none',
        username: 'alerts',
        password: smtpPassword,
        from: 'portal@x.example',
        to: ['ops@contoso.example'],
      },
      createdBy: by,
    },
    sessionSecret,
  );
}

const paths = () => hooks.received.map((r) => r.path.split('/')[1]).sort();

describe('runEvaluation with real channels', () => {
  it('sends one delivery per target when a condition opens, nothing while it stays, a reminder after the interval, a recovery when it clears', async () => {
    await addAll();
    tenants = [reconsent(contoso), tenant(fabrikam)];
    const opened = await runEvaluation(deps(), start);
    expect(opened.sent.map((s) => `${s.event} ${s.condition}`)).toEqual(['opened needs-reconsent']);
    expect(paths()).toEqual(['hook', 'slack', 'teams']);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.raw).toContain('AADSTS50173');
    expect(smtp.received[0]!.raw).toContain('https://portal.example/onboarding');

    await runEvaluation(deps(), start + hour);
    await runEvaluation(deps(), start + 23 * hour);
    expect(hooks.received).toHaveLength(3);
    expect(smtp.received).toHaveLength(1);

    const reminded = await runEvaluation(deps(), start + 24 * hour);
    expect(reminded.sent.map((s) => s.event)).toEqual(['reminder']);
    expect(hooks.received).toHaveLength(6);
    expect(smtp.received).toHaveLength(2);

    // Re-consented: a sign of life after the alert opened (see engine.ts, hasRecovered).
    const reconsentedAt = new Date(start + 24.5 * hour).toISOString();
    tenants = [
      tenant(contoso, {
        inactivity: { ...tenant(contoso).inactivity, lastActivityAt: reconsentedAt },
      }),
      tenant(fabrikam),
    ];
    const recovered = await runEvaluation(deps(), start + 25 * hour);
    expect(recovered.sent.map((s) => s.event)).toEqual(['recovered']);
    const recovery = hooks.received.filter((r) => r.path.startsWith('/hook')).at(-1)!;
    expect(JSON.parse(recovery.body)).toMatchObject({
      event: 'recovered',
      tenantId: contoso,
      title: expect.stringMatching(/^Resolved: /),
    });
    expect(hooks.received).toHaveLength(9);
    expect(
      audit.filter((a) => a.action === 'alert.delivery' && a.outcome === 'success'),
    ).toHaveLength(12);
  });

  it('signs webhook bodies so a receiver can verify them, and a changed body fails the check', async () => {
    await addAll();
    tenants = [reconsent(contoso)];
    await runEvaluation(deps(), start);
    const hook = hooks.received.find((r) => r.path.startsWith('/hook'))!;
    expect(signatureValid(hook.body, hook.headers['x-signature'], signingSecret)).toBe(true);
    expect(
      signatureValid(
        hook.body.replace('50173', '50174'),
        hook.headers['x-signature'],
        signingSecret,
      ),
    ).toBe(false);
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 'partner-portal.alert',
      event: 'opened',
      condition: 'needs-reconsent',
      tenantId: contoso,
      link: 'https://portal.example/onboarding',
    });
  });

  it('puts no secret in any message, and none in the database in plain', async () => {
    await addAll();
    tenants = [reconsent(contoso)];
    await runEvaluation(deps(), start);
    // The scans below read every message sent, every stored target and every audit event:
    // all four targets delivered and were stored, and the deliveries were audited.
    expect(paths()).toEqual(['hook', 'slack', 'teams']);
    expect(smtp.received).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'alert.delivery')).toHaveLength(4);
    const everything = [
      ...hooks.received.map((r) => `${JSON.stringify(r.headers)}\n${r.body}`),
      ...smtp.received.map((m) => m.raw),
    ].join('\n');
    for (const secret of [
      signingSecret,
      sessionSecret,
      smtpPassword,
      's3cr3t-path',
      'workflow-sig-abc',
      'T000/B000/XXXX',
    ])
      expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(credentialPattern);
    const stored = await database.db.selectFrom('alert_targets').selectAll().execute();
    expect(stored).toHaveLength(4);
    const rows = JSON.stringify(stored);
    for (const secret of [
      signingSecret,
      smtpPassword,
      's3cr3t-path',
      'workflow-sig-abc',
      'T000/B000/XXXX',
    ])
      expect(rows).not.toContain(secret);
    expect(JSON.stringify(audit)).not.toContain(hooks.url);
  });

  it('retries a failing target with backoff and records each attempt with why', async () => {
    const failing = await addTarget(
      database.db,
      { partnerTenant: contoso },
      {
        label: 'Broken',
        destination: { kind: 'slack', url: `${hooks.url}/fail/x` },
        createdBy: null,
      },
      sessionSecret,
    );
    tenants = [reconsent(contoso)];
    const result = await runEvaluation(deps(), start);
    expect(result.sent[0]!.deliveries).toEqual([
      {
        targetId: failing.id,
        targetOwner: contoso,
        ok: false,
        attempts: 3,
        error: { code: 'http_500', message: 'The receiver answered HTTP 500.' },
      },
    ]);
    expect(hooks.received).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
    const attempts = audit.filter((a) => a.action === 'alert.delivery');
    expect(attempts.map((a) => [a.outcome, a.reasonCode, a.details?.attempt])).toEqual([
      ['failure', 'http_500', 1],
      ['failure', 'http_500', 2],
      ['failure', 'http_500', 3],
    ]);
  });

  it("sends a partner only its own tenant's alerts; disabled and removed targets get nothing", async () => {
    await addAll();
    const platform = await addTarget(
      database.db,
      { partnerTenant: null },
      {
        label: 'Operators',
        destination: { kind: 'webhook', url: `${hooks.url}/platform`, signingSecret },
        createdBy: null,
      },
      sessionSecret,
    );
    tenants = [tenant(contoso), reconsent(fabrikam)];
    await runEvaluation(deps(), start);
    expect(paths()).toEqual(['platform']);
    expect(
      await setTargetEnabled(database.db, { partnerTenant: contoso }, platform.id, false),
    ).toBeNull();
    expect(
      await setTargetEnabled(database.db, { partnerTenant: null }, platform.id, false),
    ).toMatchObject({ enabled: false });
    tenants = [tenant(contoso), tenant(fabrikam)];
    await runEvaluation(deps(), start + hour);
    expect(paths()).toEqual(['platform']);
    expect(await removeTarget(database.db, { partnerTenant: null }, platform.id)).toMatchObject({
      id: platform.id,
    });
  });

  it('two instances evaluating at once send each alert once', async () => {
    await addTarget(
      database.db,
      { partnerTenant: contoso },
      {
        label: 'Hook',
        destination: { kind: 'webhook', url: `${hooks.url}/hook`, signingSecret },
        createdBy: null,
      },
      sessionSecret,
    );
    tenants = [reconsent(contoso)];
    await Promise.all([runEvaluation(deps(), start), runEvaluation(deps(), start)]);
    expect(hooks.received).toHaveLength(1);
  });
});

/**
 * Instances of two releases share the database during a rolling upgrade. A newer release's
 * condition was resolved at once by this one (it never reports it active), and its message then
 * threw: the evaluation failed, for every partner, every time.
 */
/**
 * /settings/alerts says when the conditions were last evaluated ("Last evaluated 3 min ago"):
 * nothing recorded it, so "Nothing is open" could not be told from an old answer.
 */
describe('runEvaluation records when it evaluated', () => {
  it('at its own time, whatever it found, and not when it could not evaluate', async () => {
    // Earlier tests evaluated later on the fake clock, and the time never goes back.
    await database.db.deleteFrom('alert_evaluations').execute();
    const summary = await runEvaluation(deps(), start);
    expect(summary.open).toBe(0);
    expect(await loadLastEvaluation(database.db)).toEqual(new Date(summary.evaluatedAt));
    expect(summary.evaluatedAt).toBe(new Date(start).toISOString());
    tenants = [reconsent(contoso)];
    await runEvaluation(deps(), start + hour);
    expect(await loadLastEvaluation(database.db)).toEqual(new Date(start + hour));
    // No health report: nothing was evaluated, and the time stays the last one that was.
    const noReport = {
      ...deps(),
      report: async () => {
        throw new Error('health report unavailable');
      },
    };
    await expect(runEvaluation(noReport, start + 2 * hour)).rejects.toThrow();
    expect(await loadLastEvaluation(database.db)).toEqual(new Date(start + hour));
  });

  it('still sends what it decided when its time cannot be written, and logs only why', async () => {
    await database.db.deleteFrom('alert_states').execute();
    logged.lines.length = 0;
    await sql`alter table alert_evaluations rename to alert_evaluations_away`.execute(database.db);
    try {
      tenants = [reconsent(fabrikam)];
      const summary = await runEvaluation(deps(), start + 3 * hour);
      expect(summary.sent.map((s) => `${s.event} ${s.condition}`)).toEqual([
        'opened needs-reconsent',
      ]);
    } finally {
      await sql`alter table alert_evaluations_away rename to alert_evaluations`.execute(
        database.db,
      );
    }
    const noted = logged.lines.filter(
      (l) => l.message === 'alerts: could not record the evaluation time',
    );
    expect(noted).toEqual([
      { message: expect.any(String), event: { outcome: 'failure', errorCode: expect.any(String) } },
    ]);
    expect(JSON.stringify(noted)).not.toContain('alert_evaluations');
  });
});

describe("runEvaluation beside a newer release's rows", () => {
  const newer = (over: { subject: string; tenantId: string | null; notifiedAt: Date | null }) => ({
    condition: 'future-condition',
    subject: over.subject,
    tenant_id: over.tenantId,
    stage: 'open',
    severity: 'critical',
    facts: JSON.stringify({ note: 'a-fact-that-is-not-for-logs' }),
    first_seen_at: new Date(start - 2 * hour),
    notified_at: over.notifiedAt,
    last_notified_at: over.notifiedAt,
  });

  it('sends, reminds, resolves and deletes none of them, keeps what it owes, and logs them once per run', async () => {
    await addAll();
    const [target] = (await openTargets(database.db, sessionSecret)).targets;
    await database.db
      .insertInto('alert_states')
      .values([
        // Told long ago: due a reminder, and "gone" for this release, which never reports it.
        newer({ subject: 'keyVault', tenantId: null, notifiedAt: new Date(start - 48 * hour) }),
        newer({ subject: contoso, tenantId: contoso, notifiedAt: new Date(start - 48 * hour) }),
        // Held by the newer release: deleting it would start its hold over.
        newer({ subject: 'entra', tenantId: null, notifiedAt: null }),
      ])
      .execute();
    // Re-consented since: evidence that would resolve a condition this release knows.
    tenants = [
      tenant(contoso, {
        inactivity: {
          ...tenant(contoso).inactivity,
          lastActivityAt: new Date(start).toISOString(),
        },
      }),
    ];
    await database.db
      .insertInto('alert_pending_deliveries')
      .values({
        condition: 'future-condition',
        subject: contoso,
        target_id: target!.id,
        message: JSON.stringify({ id: 'x', event: 'escalated', body: 'a later shape' }),
        attempts: 1,
        last_error: 'http_503',
        first_failed_at: new Date(start - hour),
      })
      .execute();
    const before = await database.db.selectFrom('alert_states').selectAll().execute();

    const summary = await runEvaluation(deps(), start + 24 * hour);
    expect(summary.sent).toEqual([]);
    expect(summary.retried).toEqual([]);
    expect(summary.open).toBe(2);
    expect(hooks.received).toEqual([]);
    expect(smtp.received).toEqual([]);
    expect(await database.db.selectFrom('alert_states').selectAll().execute()).toEqual(before);
    expect(
      await database.db.selectFrom('alert_pending_deliveries').select('condition').execute(),
    ).toEqual([{ condition: 'future-condition' }]);

    // One line per evaluation, naming each by condition and subject only.
    expect(logged.lines).toEqual([
      {
        message: 'alerts: left to a newer release of the portal',
        event: {
          outcome: 'skipped',
          alerts: [
            { condition: 'future-condition', subject: contoso },
            { condition: 'future-condition', subject: 'entra' },
            { condition: 'future-condition', subject: 'keyVault' },
          ],
          deliveries: [{ condition: 'future-condition', subject: contoso }],
        },
      },
    ]);
    // Never the facts, the message, nor the target.
    expect(JSON.stringify(logged.lines)).not.toMatch(/not-for-logs|later shape/);
    expect(JSON.stringify(logged.lines)).not.toContain(target!.id);
    await runEvaluation(deps(), start + 25 * hour);
    expect(logged.lines).toHaveLength(2);
    expect(hooks.received).toEqual([]);
  });
});

/**
 * The catalogue's words in an alert's facts speak to the partner ("a Conditional Access policy
 * in your Entra ID"). The platform-wide targets are the operators': about another partner's
 * tenant, "your" named the operators' own Entra ID. Their message names that partner; the
 * partner's own targets, and the operators' about their own (home) tenant, keep "your".
 */
describe("runEvaluation words another partner's alert for the platform-wide targets", () => {
  const blocked = aadstsCatalogue[53003]!;
  const conditionalAccess = (id: string, displayName: string) =>
    tenant(id, {
      displayName,
      status: 'needs-reconsent',
      consecutiveFailures: 1,
      lastError: {
        code: 'needs_reconsent',
        aadsts: 53003,
        at: null,
        correlationId: null,
        cause: blocked.cause,
        fix: blocked.fix,
        action: 're-consent',
      },
    });
  const hook = async (owner: string | null, path: string) =>
    addTarget(
      database.db,
      { partnerTenant: owner },
      {
        label: path,
        destination: { kind: 'webhook', url: `${hooks.url}/${path}`, signingSecret },
        createdBy: null,
      },
      sessionSecret,
    );
  const bodies = (path: string) =>
    hooks.received
      .filter((r) => r.path.split('/')[1] === path)
      .map((r) => JSON.parse(r.body) as { event: string; whatHappened: string; whatToDo: string });
  // Contoso is the platform's own tenant: its Admins are the operators.
  const asHome = (): EvaluationDeps => ({ ...deps(), homeTenantId: contoso.toUpperCase() });

  it('names the partner in the operators\' message, opened, reminded and recovered; the partner\'s own keeps "your"', async () => {
    await hook(null, 'platform');
    await hook(fabrikam, 'fabrikam');
    tenants = [tenant(contoso), conditionalAccess(fabrikam, 'fabrikam.example')];
    const withName = (): EvaluationDeps => ({
      ...asHome(),
      partnerNames: async (ids) =>
        new Map(ids.filter((id) => id === fabrikam).map((id) => [id, 'Fabrikam Solutions'])),
    });
    await runEvaluation(withName(), start);
    const theirs =
      "A Conditional Access policy in Fabrikam Solutions' Entra ID blocks this account from getting tokens for the portal.";
    expect(blocked.cause).toContain('in your Entra ID');
    expect(bodies('platform')).toHaveLength(1);
    expect(bodies('platform')[0]!.whatHappened).toContain(theirs);
    expect(bodies('fabrikam')[0]!.whatHappened).toContain(blocked.cause);

    await runEvaluation(withName(), start + 24 * hour);
    // Re-consented: a sign of life after the alert opened.
    const reconsentedAt = new Date(start + 24.5 * hour).toISOString();
    tenants = [
      tenant(contoso),
      tenant(fabrikam, {
        inactivity: { ...tenant(fabrikam).inactivity, lastActivityAt: reconsentedAt },
      }),
    ];
    await runEvaluation(withName(), start + 25 * hour);
    expect(bodies('platform').map((b) => b.event)).toEqual(['opened', 'reminder', 'recovered']);
    for (const body of bodies('platform')) {
      expect(body.whatHappened).toContain(theirs);
      expect(JSON.stringify(body)).not.toMatch(/\byour\b/i);
    }
    expect(bodies('fabrikam').map((b) => b.event)).toEqual(['opened', 'reminder', 'recovered']);
    for (const body of bodies('fabrikam')) expect(body.whatHappened).toContain(blocked.cause);
  });

  it('keeps each target\'s words in what it is still owed, and names the partner by the report, else as "the partner"', async () => {
    const platform = await hook(null, 'fail-platform');
    const own = await hook(fabrikam, 'fail-fabrikam');
    // No names known beyond the report's: the consenting admin's domain.
    tenants = [conditionalAccess(fabrikam, 'fabrikam.example')];
    await runEvaluation(asHome(), start);
    const owed = async (targetId: string) => {
      const row = await database.db
        .selectFrom('alert_pending_deliveries')
        .select('message')
        .where('target_id', '=', targetId)
        .executeTakeFirstOrThrow();
      return (typeof row.message === 'string' ? JSON.parse(row.message) : row.message) as {
        whatHappened: string;
      };
    };
    expect((await owed(platform.id)).whatHappened).toContain(
      "A Conditional Access policy in fabrikam.example's Entra ID blocks",
    );
    expect((await owed(own.id)).whatHappened).toContain(blocked.cause);

    // Known by its id only, and the names not readable: "the partner's", never "your".
    await database.db.deleteFrom('alert_states').execute();
    await database.db.deleteFrom('alert_pending_deliveries').execute();
    tenants = [conditionalAccess(fabrikam, `Tenant ${fabrikam}`)];
    const unnamed: EvaluationDeps = {
      ...asHome(),
      partnerNames: async () => {
        throw new Error('the database did not answer');
      },
    };
    await runEvaluation(unnamed, start + 48 * hour);
    expect((await owed(platform.id)).whatHappened).toContain(
      "A Conditional Access policy in the partner's Entra ID blocks",
    );
    expect((await owed(own.id)).whatHappened).toContain(blocked.cause);
  });

  it("words with the report's name when the partners' names do not come in time", async () => {
    await hook(null, 'platform');
    tenants = [conditionalAccess(fabrikam, 'fabrikam.example')];
    const stalled: EvaluationDeps = { ...asHome(), partnerNames: () => new Promise(() => {}) };
    await runEvaluation(stalled, start);
    expect(bodies('platform')).toHaveLength(1);
    expect(bodies('platform')[0]!.whatHappened).toContain(
      "A Conditional Access policy in fabrikam.example's Entra ID blocks",
    );
  });

  it('keeps "your" for the operators\' message about the platform\'s own tenant', async () => {
    await hook(null, 'platform');
    await hook(contoso, 'contoso');
    tenants = [conditionalAccess(contoso, 'Contoso')];
    await runEvaluation(asHome(), start);
    expect(bodies('platform')[0]!.whatHappened).toContain(blocked.cause);
    expect(bodies('contoso')[0]!.whatHappened).toContain(blocked.cause);
  });
});

describe('sentConcerning', () => {
  const partnerA = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
  const partnerB = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
  const sent = (tenantId: string | null, condition: string) => ({
    event: 'opened' as const,
    condition,
    subject: tenantId ?? 'partnerCenter',
    tenantId,
    deliveries: [],
  });
  const summary = {
    sent: [
      sent(partnerA, 'token-expiring'),
      sent(partnerB, 'needs-reconsent'),
      sent(null, 'dependency-down'),
    ],
  };

  it("tells a partner's Admin of their own tenant's alerts only", () => {
    expect(
      sentConcerning(summary, { tenantId: partnerA.toUpperCase(), platformOperator: false }).map(
        (s) => s.condition,
      ),
    ).toEqual(['token-expiring']);
  });

  it('tells a platform operator of their tenant and the platform-wide alerts', () => {
    expect(
      sentConcerning(summary, { tenantId: partnerB, platformOperator: true }).map(
        (s) => s.condition,
      ),
    ).toEqual(['needs-reconsent', 'dependency-down']);
  });
});
