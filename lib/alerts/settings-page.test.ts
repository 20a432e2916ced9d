import { sql, type Insertable } from 'kysely';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalUser } from '@/lib/auth/user';
import type { PortalDatabase } from '@/lib/db';
import type { Database } from '@/lib/db/schema';
import { openTestDatabase, testDatabase } from '@/lib/db/test-database.test-support';
import { formatUtc, formatUtcSeconds } from '@/lib/format/time';
import { addTarget, removeTarget, setTargetEnabled, type TargetSummary } from './targets';
import { lastTestWindowMs, loadLastDeliveries } from './settings-last-test';
import type { AlertSettingsOutcome } from './settings-outcome';

/** /settings/alerts as the server renders it, with the database answering and not. */

const contoso = '11111111-1111-4111-8111-111111111111';
const fabrikam = '22222222-2222-4222-8222-222222222222';
const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
let user: PortalUser;
const contosoAdmin: PortalUser = {
  tid: contoso,
  oid: 'o-contoso',
  name: 'Contoso admin',
  upn: 'admin@contoso.test',
  roles: ['admin'],
};
let database: PortalDatabase;
let opsHook: TargetSummary;

vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('redirect'), { to });
  },
}));
vi.mock('@/lib/auth', () => ({
  requireRole: async () => user,
  // A recent sign-in: the page has nothing to say about it (lib/auth/recent-sign-in.test.ts).
  signInAgainNoteWords: async () => null,
}));
const homeTenant = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
// Contoso's name is known to every page, the operators' own to theirs; Fabrikam's to none yet (it
// is then named by its id).
// (Literal ids: the factory is hoisted above the constants.)
vi.mock('@/lib/partner-name', () => ({
  partnerDisplayName: async (tid: string) =>
    ({
      '11111111-1111-4111-8111-111111111111': 'Contoso',
      'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa': 'Northwind Operations',
    })[tid] ?? null,
  knownPartnerNames: async (ids: string[]) =>
    new Map(
      ids
        .filter((id) => id.toLowerCase() === '11111111-1111-4111-8111-111111111111')
        .map((id) => [id.toLowerCase(), 'Contoso']),
    ),
}));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    profile: 'azure',
    publicUrl: 'https://portal.example',
    sessionSecret,
    entra: { homeTenantId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', credential: { kind: 'secret' } },
    health: { warnDays: [30, 7] },
    alerts: {
      allowedPrivateHosts: [],
      failureThreshold: 3,
      dependencyDownMinutes: 15,
      repeatHours: 24,
    },
    database: {},
  }),
}));
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);
// One process's outcome store instead of the database's (the same contract, flash-store.test.ts).
vi.mock('@/lib/onboarding/flash-store', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/onboarding/flash-store')>();
  const store = original.createMemoryOutcomeStore();
  return {
    ...original,
    rememberForOwner: (...args: Parameters<typeof store.remember>) => store.remember(...args),
    recallForOwner: (...args: Parameters<typeof store.recall>) => store.recall(...args),
  };
});

/** "Evaluate now"'s outcome after one alert was raised and no target of the reader heard it. */
const oneAlertUnheard = {
  notice: 'evaluated',
  tally: { raised: 1, delivered: 0, failed: 0, owedDelivered: 0, owedFailed: 0 },
  hadTargets: true,
} as const;
const nothingRaised = { ...oneAlertUnheard, tally: { ...oneAlertUnheard.tally, raised: 0 } };

/** Contoso's "Old pager", sealed under an AUTH_SECRET the portal no longer has. */
const addOldPager = () =>
  addTarget(
    database.db,
    { partnerTenant: contoso },
    {
      label: 'Old pager',
      destination: { kind: 'slack', url: 'https://hooks.example/services/old' },
      createdBy: null,
    },
    'an-earlier-session-secret-of-32-characters-or-more',
  );

async function render(query: Record<string, string> = {}): Promise<string> {
  const { default: AlertSettingsPage } = await import('@/app/settings/alerts/page');
  return renderToStaticMarkup(await AlertSettingsPage({ searchParams: Promise.resolve(query) }));
}

/** The page the action's redirect leads `user` to, with `outcome` kept for them (settings-outcome.ts). */
async function renderAfter(outcome: AlertSettingsOutcome, by = user): Promise<string> {
  const { alertSettingsOutcomeAddress } = await import('./settings-outcome');
  const address = new URL(await alertSettingsOutcomeAddress(outcome, by), 'https://portal.example');
  return render(Object.fromEntries(address.searchParams));
}

beforeAll(async () => {
  database = await openTestDatabase();
  opsHook = await addTarget(
    database.db,
    { partnerTenant: contoso },
    {
      label: 'Ops hook',
      destination: { kind: 'slack', url: 'https://hooks.example/services/s3cret' },
      createdBy: null,
    },
    sessionSecret,
  );
});
afterAll(() => database.close());
beforeEach(() => {
  testDatabase.down = false;
  user = contosoAdmin;
});

describe('/settings/alerts', () => {
  it('lists the targets when the database answers', async () => {
    const html = await render();
    expect(html).toContain('Ops hook');
    expect(html).toContain('1 target (at most 20).');
    // The day in the words of the last-test line's time ("3 Dec 2026"), not ISO's.
    expect(html).toMatch(/Added \d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(html).not.toContain('s3cret');
  });

  // Evaluations skip such a target: without the line its last good delivery read as if alerts
  // still reached it.
  it('marks a target whose destination no longer opens (AUTH_SECRET changed): no alert reaches it', async () => {
    const sealedBefore = await addOldPager();
    try {
      const rows = (await render()).split('data-testid="alert-target"').slice(1);
      const old = rows.find((row) => row.includes('Old pager'))!;
      expect(old).toMatch(
        /data-testid="target-unreadable"[^>]*>No alert reaches this target: the portal can no longer read its destination, stored under an earlier AUTH_SECRET\. Remove it and add it again\./,
      );
      expect(rows.find((row) => row.includes('Ops hook'))).not.toContain('target-unreadable');
    } finally {
      await removeTarget(database.db, { partnerTenant: contoso }, sealedBefore.id);
    }
  });

  it('counts the targets, and once the list is full offers no form to fill in for nothing', async () => {
    expect(await render()).toContain('Add target');
    for (let n = 2; n <= 20; n += 1)
      await addTarget(
        database.db,
        { partnerTenant: contoso },
        {
          label: `Hook ${n}`,
          destination: { kind: 'slack', url: `https://hooks.example/services/${n}` },
          createdBy: null,
        },
        sessionSecret,
      );
    const full = await render();
    expect(full).toContain('20 targets (at most 20).');
    expect(full).toContain('data-testid="targets-full"');
    expect(full).not.toContain('Add target');
    await database.db.deleteFrom('alert_targets').where('label', 'like', 'Hook %').execute();
  });

  it("says what nobody hears without targets: a partner's connection, the platform's own conditions", async () => {
    // A platform operator (the home tenant's Admin) with no targets in either list.
    user = { ...contosoAdmin, tid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', oid: 'o-home' };
    const html = await render();
    expect(html).toContain('No targets yet: nobody is told when a connection is about to fail.');
    expect(html).toContain(
      'No targets yet: nobody is told when a dependency is down or the app’s credential is about to expire.',
    );
    // "0 targets (at most 20)." stood right above "No targets yet": said twice.
    expect(html).not.toMatch(/\b0 targets/);
    // "Evaluate now" with an alert raised, run while there were none: not "no target is
    // enabled", but none at all (the action says so: settings-actions.test.ts).
    const evaluated = await renderAfter({ ...oneAlertUnheard, hadTargets: false });
    expect(evaluated).toContain('but you had no alert targets: nobody was told. Add one below.');
  });

  // Both forms one above the other on a platform operator's page: two "Add target" buttons
  // read as one action.
  it("names each list's add button after the list on a platform operator's page", async () => {
    const html = await render();
    expect(html.match(/>Add target<\/button>/g)).toHaveLength(1);
    expect(html).not.toContain('Add platform-wide target');
    user = { ...contosoAdmin, tid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', oid: 'o-home' };
    const operator = await render();
    expect(operator.match(/>Add target<\/button>/g)).toHaveLength(1);
    expect(operator.match(/>Add platform-wide target<\/button>/g)).toHaveLength(1);
    // Each in its own section, under its heading.
    expect(operator.indexOf('>Your partner tenant<')).toBeLessThan(
      operator.indexOf('>Add target<'),
    );
    expect(operator.indexOf('>Platform-wide<')).toBeLessThan(
      operator.indexOf('>Add platform-wide target<'),
    );
    expect(operator.indexOf('>Add target<')).toBeLessThan(operator.indexOf('>Platform-wide<'));
  });

  it('after "Evaluate now" with nothing to send, says whether anybody would have been told', async () => {
    // Contoso's Admin has an enabled target.
    expect(await renderAfter(nothingRaised)).toContain(
      'Conditions evaluated: nothing new to send.</p>',
    );
    // An Admin with no target at all (the platform operator of the test above, in either list):
    // the target sections say so, once each, by their add forms; the notice does not again.
    user = { ...contosoAdmin, tid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', oid: 'o-home' };
    const none = await renderAfter(nothingRaised);
    expect(none).toContain('Conditions evaluated: nothing new to send.</p>');
    expect(none).not.toContain('No alert targets are set');
    expect(none.match(/No targets yet/g)).toHaveLength(2);
    // Only a disabled one.
    const off = await addTarget(
      database.db,
      { partnerTenant: null },
      {
        label: 'Off hook',
        destination: { kind: 'slack', url: 'https://hooks.example/services/off' },
        createdBy: null,
      },
      sessionSecret,
    );
    await setTargetEnabled(database.db, { partnerTenant: null }, off.id, false);
    try {
      expect(await renderAfter(nothingRaised)).toContain(
        'Conditions evaluated: nothing new to send. No alert target of yours is enabled, so nobody would be told of an alert.',
      );
    } finally {
      await database.db.deleteFrom('alert_targets').where('id', '=', off.id).execute();
    }
  });

  it('says the database is not answering instead of failing into the error page', async () => {
    testDatabase.down = true;
    const html = await render();
    expect(html).toContain('data-testid="alerts-unavailable"');
    expect(html).toContain('The alerts and their targets cannot be read right now');
    // The code beside "Database", as the audit trail's card has its own, for support and logs.
    expect(html).toContain('data-code="alerts_unavailable"');
    // One card for the open alerts and the targets alike, not one each.
    expect(html.match(/data-testid="alerts-unavailable"/g)).toHaveLength(1);
    expect(html).not.toContain('Open alerts');
    expect(html).toContain('the database is not answering');
    // A way out, as every failure card has: the same page again, and where the database's state shows.
    expect(html).toContain('href="/settings/alerts"');
    expect(html).toMatch(/href="\/settings\/alerts"[^>]*>Try again/);
    expect(html).toContain('href="/health"');
    expect(html).not.toMatch(/s3cret|ECONNREFUSED|postgres:/);
    // Nothing to act on while nothing can be read or saved.
    expect(html).not.toContain('Add target');
    expect(html).not.toContain('Evaluate now');
  });

  it('shows what "Evaluate now" did to the Admin who pressed it, once', async () => {
    const { alertSettingsOutcomeAddress } = await import('./settings-outcome');
    const address = await alertSettingsOutcomeAddress(oneAlertUnheard, user);
    const query = Object.fromEntries(new URL(address, 'https://portal.example').searchParams);
    // Another Admin of the same partner tenant, sent the link: nothing (and it is not used up).
    const other = user;
    user = { ...contosoAdmin, oid: 'o-contoso-2' };
    expect(await render(query)).not.toContain('data-testid="alerts-notice"');
    user = other;
    const told = await render(query);
    expect(told).toContain(
      'Conditions evaluated: 1 alert raised, but no alert target of yours is enabled: nobody was told.',
    );
    // Read once: a reload shows no notice.
    expect(await render(query)).not.toContain('data-testid="alerts-notice"');
  });

  // Security review: `?notice=test-sent&target=…&at=…` made the page claim a delivery that never
  // happened (and mark the row), `?notice=evaluated&raised=…` a run that never ran.
  it('states no outcome a crafted address names', async () => {
    const at = String(Date.now() - 1_000);
    for (const query of [
      { notice: 'test-sent', target: opsHook.id, at },
      { notice: 'test-failed', target: opsHook.id, reason: 'http_500', at },
      { notice: 'disabled', target: opsHook.id },
      { notice: 'removed' },
      {
        notice: 'evaluated',
        raised: '3',
        delivered: '3',
        failed: '0',
        owedDelivered: '0',
        owedFailed: '0',
      },
      { notice: 'evaluate-wait', wait: '20' },
      { notice: 'unavailable' },
      { outcome: '00000000-0000-4000-8000-000000000000' },
    ] as Record<string, string>[]) {
      const html = await render(query);
      expect(html, JSON.stringify(query)).not.toContain('data-testid="alerts-notice"');
      expect(rowOf(html, 'Ops hook')).not.toContain('Last test');
    }
    // The one notice an address may carry states the page's rule, not that anything happened.
    expect(await render({ notice: 'refused' })).toContain(
      'from this page only: a request sent from another site changes nothing.',
    );
  });
});

/** The `<li>` of the target labelled `label` in the page's HTML. */
function rowOf(html: string, label: string): string {
  const row = html
    .split('<li ')
    .find((li) => li.includes(`<p class="font-medium wrap-anywhere text-slate-900">${label}`));
  if (!row) throw new Error(`no row for ${label}`);
  return row.slice(0, row.indexOf('</li>'));
}

describe('Remove asks first', () => {
  it('links to the question (no client JavaScript); the question is drawn under that row only', async () => {
    const row = rowOf(await render(), 'Ops hook');
    // The row's own Remove posts nothing: it links to the page asking about this target.
    expect(row).not.toMatch(/<button[^>]*aria-label="Remove: Ops hook"/);
    expect(row).toMatch(
      new RegExp(
        `<a [^>]*href="/settings/alerts\\?remove=${opsHook.id}"[^>]*>Remove<span class="sr-only"> Ops hook</span></a>`,
      ),
    );
    expect(row).not.toContain('Remove target');
    // Asked: the row keeps its Remove and gets the question, with Cancel back to the page.
    const asked = rowOf(await render({ remove: opsHook.id }), 'Ops hook');
    const box = /data-testid="remove-confirmation"[^>]*>([\s\S]*)/.exec(asked)?.[1] ?? '';
    expect(box).toContain(
      'Remove <span class="font-semibold">\u201cOps hook\u201d</span>? Alerts will no longer be sent to it.',
    );
    expect(box).toMatch(
      /<a [^>]*href="\/settings\/alerts"[^>]*>Cancel<span class="sr-only"> removing Ops hook<\/span><\/a>/,
    );
    const submit =
      /<button type="submit" aria-label="Remove target: Ops hook" class="([^"]*)">Remove target<\/button>/.exec(
        box,
      );
    expect(submit?.[1]).toContain('bg-red-600');
    // The removal form is the box's: one submit, with the target's id and scope.
    expect(box.match(/type="submit"/g)).toHaveLength(1);
    expect(box).toContain(`name="id" value="${opsHook.id}"`);
    expect(asked).toMatch(/<a [^>]*aria-current="true"[^>]*>Remove<span/);
  });

  it('asks about no row for an id that is not a target, or not an id', async () => {
    for (const remove of ['00000000-0000-4000-8000-000000000000', 'not-an-id'])
      expect(await render({ remove })).not.toContain('remove-confirmation');
  });

  it('never gives one element two colour classes of one property (the later in the stylesheet wins)', async () => {
    for (const query of [{}, { remove: opsHook.id }] as Record<string, string>[]) {
      const row = rowOf(await render(query), 'Ops hook');
      for (const [, classes] of row.matchAll(/class="([^"]*)"/g)) {
        const plain = classes!.split(' ').filter((c) => !c.includes(':'));
        for (const property of ['text', 'bg', 'border']) {
          const colours = plain.filter((c) =>
            new RegExp(`^${property}-(white|black|[a-z]+-\\d{2,3})$`).test(c),
          );
          expect(colours.length, classes).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

describe("each target's last test is on its own row", () => {
  const since = () => opsHook.createdAt.getTime();
  async function recordTest(
    targetId: string,
    at: number,
    outcome: 'success' | 'failure',
    over: { partnerTenant?: string | null; event?: string; reason?: string } = {},
  ) {
    await database.db
      .insertInto('audit_events')
      .values({
        occurred_at: new Date(at),
        partner_tenant: over.partnerTenant === undefined ? contoso : over.partnerTenant,
        actor_upn: user.upn,
        action: 'alert.delivery',
        outcome,
        reason_code: outcome === 'failure' ? (over.reason ?? 'http_500') : null,
        details: {
          targetId,
          channel: 'slack',
          event: over.event ?? 'test',
          condition: over.event ?? 'test',
          attempt: 1,
          // What deliver.ts records; the page must never show it (a receiver may echo secrets).
          ...(outcome === 'failure' ? { why: 'The receiver answered pw-s3cret.' } : {}),
        },
      })
      .execute();
  }
  afterAll(async () => {
    await database.db.deleteFrom('audit_events').execute();
    await database.db.deleteFrom('alert_targets').where('label', '=', 'Mail').execute();
  });

  it('reads the outcome from the audit trail: the latest test per target, in its colour, after any reload', async () => {
    const mail = await addTarget(
      database.db,
      { partnerTenant: contoso },
      {
        label: 'Mail',
        destination: {
          kind: 'email',
          to: ['oncall@contoso.example'],
          from: 'portal@contoso.example',
          host: 'smtp.contoso.example',
          port: 587,
          security: 'starttls',
        },
        createdBy: null,
      },
      sessionSecret,
    );
    // Before any test, a row claims nothing.
    const untested = rowOf(await render(), 'Ops hook');
    expect(untested).not.toContain('Last test');
    // Added just now: not "in the last 30 days", as if it had been there longer.
    expect(untested).toContain('No test alert yet.');
    expect(untested).not.toContain('in the last 30 days');
    // Added before the 30 days the tests are read for: none in them.
    // (The schema never updates it: only a test moves it.)
    await sql`update alert_targets set created_at = ${new Date(Date.now() - 40 * 86_400_000)} where id = ${opsHook.id}`.execute(
      database.db,
    );
    expect(rowOf(await render(), 'Ops hook')).toContain('No test alert in the last 30 days.');
    const t = since();
    await recordTest(opsHook.id, t + 1_000, 'success');
    await recordTest(opsHook.id, t + 2_000, 'failure');
    await recordTest(mail.id, t + 1_000, 'failure', { reason: 'smtp_failed' });
    await recordTest(mail.id, t + 3_000, 'success');
    // Not tests, or not this partner's: an evaluation's failed delivery, another tenant's event.
    await recordTest(mail.id, t + 4_000, 'failure', { event: 'opened' });
    await recordTest(opsHook.id, t + 5_000, 'success', { partnerTenant: fabrikam });
    const html = await render();
    const when = (ms: number) => formatUtcSeconds(new Date(ms).toISOString());
    expect(rowOf(html, 'Ops hook')).toContain(
      `text-red-700">Last test: failed \u2014 the receiver answered HTTP 500 · <time dateTime="${new Date(t + 2_000).toISOString()}">${when(t + 2_000)}</time>`,
    );
    expect(rowOf(html, 'Mail')).toContain(
      `text-emerald-700">Last test: delivered · <time dateTime="${new Date(t + 3_000).toISOString()}">${when(t + 3_000)}</time>`,
    );
    // A real alert's failed delivery has its own line: no test would have shown it.
    expect(rowOf(html, 'Mail')).toContain(
      `text-red-700">Last alert: failed \u2014 the receiver answered HTTP 500 · <time dateTime="${new Date(t + 4_000).toISOString()}">${when(t + 4_000)}</time><span class="font-normal"> (the portal tries again at the next evaluation)</span>`,
    );
    expect(rowOf(html, 'Ops hook')).not.toContain('Last alert');
    expect(html).not.toContain('s3cret');
  });

  it('looks back a bounded span: a test older than the window is no longer claimed', async () => {
    const t = since();
    await recordTest(opsHook.id, t + 10_000, 'failure');
    const read = async (now: number) =>
      (await loadLastDeliveries(database.db, contoso, [opsHook], now)).tests;
    expect((await read(t + 10_000 + lastTestWindowMs - 1))[opsHook.id]).toMatchObject({
      ok: false,
    });
    expect(await read(t + 10_000 + lastTestWindowMs + 1)).toEqual({});
  });

  it("marks the row of the Admin's own test until the trail has it, and never for an old or future one", async () => {
    await database.db.deleteFrom('audit_events').execute();
    const now = Date.now();
    const failed = { notice: 'test-failed', target: opsHook.id, reason: 'timeout' } as const;
    const marked = rowOf(await renderAfter({ ...failed, at: now - 1_000 }), 'Ops hook');
    expect(marked).toContain('Last test: failed \u2014 the receiver did not answer in time · ');
    expect(marked).toContain(`dateTime="${new Date(now - 1_000).toISOString()}"`);
    for (const at of [now - 6 * 60_000, now + 5 * 60_000])
      expect(rowOf(await renderAfter({ ...failed, at }), 'Ops hook')).not.toContain('Last test');
    // The trail holds a newer test (another Admin, moments later): it wins over the outcome.
    await recordTest(opsHook.id, now, 'success');
    expect(rowOf(await renderAfter({ ...failed, at: now - 1_000 }), 'Ops hook')).toContain(
      'Last test: delivered · ',
    );
  });
});

describe('Open alerts', () => {
  const fabrikamAdmin: PortalUser = {
    tid: fabrikam,
    oid: 'o-fabrikam',
    name: 'Fabrikam admin',
    upn: 'admin@fabrikam.test',
    roles: ['admin'],
  };
  const operator: PortalUser = { ...contosoAdmin, tid: homeTenant, oid: 'o-home' };
  const hour = 3_600_000;
  const titles = {
    contoso: 'Partner Center connection expires in 29 days',
    fabrikam: 'Partner Center connection broken: re-consent needed (AADSTS50173)',
    vault: 'Key Vault is down',
    cutOff: 'Portal instance portal-b cannot reach Entra ID',
  };
  let now: number;

  beforeAll(async () => {
    now = Date.now();
    const row = (
      over: Pick<
        Insertable<Database['alert_states']>,
        'condition' | 'subject' | 'tenant_id' | 'facts'
      > &
        Partial<Insertable<Database['alert_states']>>,
    ): Insertable<Database['alert_states']> => ({
      stage: 'open',
      severity: 'critical',
      first_seen_at: new Date(now - 2 * hour),
      notified_at: new Date(now - 2 * hour),
      last_notified_at: new Date(now - 2 * hour),
      ...over,
    });
    await database.db
      .insertInto('alert_states')
      .values([
        row({
          condition: 'token-expiring',
          subject: contoso,
          tenant_id: contoso,
          stage: 'first',
          severity: 'warning',
          facts: JSON.stringify({ daysLeft: 29, expiresAt: '2027-01-04', lastActivityAt: null }),
          // Last sent after Contoso's "Ops hook" was added: that target heard it.
          last_notified_at: new Date(opsHook.createdAt.getTime() + 1_000),
        }),
        row({
          condition: 'needs-reconsent',
          subject: fabrikam,
          // As the health report spelled it: the reader's id may differ in case.
          tenant_id: fabrikam.toUpperCase(),
          facts: JSON.stringify({ aadsts: 50173, code: null, cause: 'Revoked.', fix: null }),
          first_seen_at: new Date(now - 5 * hour),
        }),
        row({
          condition: 'dependency-down',
          subject: 'keyVault',
          tenant_id: null,
          // A fact no words use: the list must never print the stored facts themselves.
          facts: JSON.stringify({ dependency: 'Key Vault', code: 'RAW-FACT-CODE', message: null }),
          first_seen_at: new Date(now - 5 * 60_000),
          notified_at: null,
          last_notified_at: null,
        }),
        row({
          condition: 'instance-cut-off',
          subject: 'entra@portal-b',
          tenant_id: null,
          severity: 'warning',
          facts: JSON.stringify({ dependency: 'Entra ID', instance: 'portal-b', reachedBy: 1 }),
        }),
      ])
      .execute();
  });
  afterAll(() => database.db.deleteFrom('alert_states').execute());

  /** The open-alerts section of the page's HTML. */
  const section = (html: string) => {
    const start = html.indexOf('data-testid="open-alerts"');
    if (start < 0) throw new Error('no open-alerts section');
    return html.slice(start, html.indexOf('</section>', start));
  };
  const rowsOf = (html: string) =>
    section(html)
      .split('data-testid="open-alert"')
      .slice(1)
      .map((r) => r.slice(0, r.indexOf('</li>')));
  const rowWith = (html: string, title: string) => {
    const row = rowsOf(html).find((r) => r.includes(title));
    if (!row) throw new Error(`no open alert "${title}"`);
    return row;
  };

  it("reads a partner's own rows only, in the query itself", async () => {
    const { loadAlertStates } = await import('./store');
    const read = await loadAlertStates(database.db, { tenantId: fabrikam });
    expect(read.map((a) => a.condition)).toEqual(['needs-reconsent']);
    expect(
      (await loadAlertStates(database.db, { tenantId: contoso })).map((a) => a.subject),
    ).toEqual([contoso]);
    // The engine still reads every row.
    expect(await loadAlertStates(database.db)).toHaveLength(4);
  });

  it("shows Fabrikam's Admin Fabrikam's alert, and nothing of Contoso's or the platform's", async () => {
    user = fabrikamAdmin;
    const html = await render();
    const rows = rowsOf(html);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(titles.fabrikam);
    expect(rows[0]).toContain('>Critical<');
    // Fabrikam has no target: its Admin is told nobody of theirs heard it (whatever the
    // operators' platform-wide targets did: those are not theirs to know of). That they have
    // none, the target section says, once.
    expect(rows[0]).toContain('Not sent to you. Add an alert target below to get');
    for (const other of [titles.contoso, titles.vault, titles.cutOff, 'portal-b', contoso])
      expect(html).not.toContain(other);
    // Its own re-consent is done on its own onboarding page.
    expect(rows[0]).toMatch(/href="\/onboarding"[^>]*>Open the onboarding page/);
    // No group headings for a partner's Admin: everything listed is theirs.
    expect(section(html)).not.toContain('<h3');
  });

  it("shows Contoso's Admin theirs, when it was sent and when the next reminder is due", async () => {
    const html = await render();
    expect(rowsOf(html)).toHaveLength(1);
    const row = rowWith(html, titles.contoso);
    expect(row).toContain('>Warning<');
    const at = (ms: number) =>
      `<time dateTime="${new Date(ms).toISOString()}">${formatUtc(new Date(ms).toISOString())}</time>`;
    expect(row).toContain(`Open since ${at(now - 2 * hour)}`);
    const sent = opsHook.createdAt.getTime() + 1_000;
    expect(row).toContain(
      `Last sent ${at(sent)}; next reminder from ${at(sent + 24 * hour)} while it stays.`,
    );
    expect(html).not.toContain(titles.fabrikam);
    expect(html).not.toContain(titles.vault);
  });

  it('says an alert is not reaching Contoso when its only enabled target no longer opens', async () => {
    await setTargetEnabled(database.db, { partnerTenant: contoso }, opsHook.id, false);
    const sealedBefore = await addOldPager();
    try {
      const row = rowWith(await render(), titles.contoso);
      expect(row).toContain(
        'Not reaching you: the portal can no longer read your alert targets that receive it (below). Remove one and add it again to get the next reminder',
      );
      expect(row).not.toContain('Last sent');
    } finally {
      await removeTarget(database.db, { partnerTenant: contoso }, sealedBefore.id);
      await setTargetEnabled(database.db, { partnerTenant: contoso }, opsHook.id, true);
    }
  });

  it('shows a platform operator every row: the platform, and each partner by name or id', async () => {
    user = operator;
    const html = await render();
    expect(rowsOf(html)).toHaveLength(4);
    const part = section(html);
    // The platform's first, then the other partners by name (Fabrikam's unknown: its id, under
    // the words /health's cards say).
    const headings = [...part.matchAll(/<h3[^>]*>([\s\S]*?)<\/h3>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, '|'),
    );
    expect(headings).toEqual(['The platform itself', 'Contoso', `Partner tenant |${fabrikam}|`]);
    // Held: nobody told yet, and until when.
    expect(rowWith(html, titles.vault)).toContain(
      `Not sent yet: held until <time dateTime="${new Date(now + 10 * 60_000).toISOString()}">`,
    );
    // The operators have no target at all: nobody of theirs heard the others.
    expect(rowWith(html, titles.cutOff)).toContain(
      'Not sent to you. Add an alert target below to get the next reminder, from <time',
    );
    // Another partner's re-consent is theirs to do: the operator's link is to the health page.
    expect(rowWith(html, titles.fabrikam)).toMatch(/href="\/health"[^>]*>Open the health page/);
    expect(rowWith(html, titles.fabrikam)).not.toContain('href="/onboarding"');
    expect(html).not.toContain('RAW-FACT-CODE');
  });

  // The operators' messages and /health name a partner without a company name by its
  // consenting admin's domain (the health report's name, kept as the alert's `partner` fact);
  // the page read company names only, and said "Partner tenant <id>" or "your partner tenant".
  it("names a partner without a company name by the report's name, for the operator and its Admin", async () => {
    const domain = 'fabrikam.example';
    const whose = (db: typeof database.db) =>
      db.updateTable('alert_states').where('subject', '=', fabrikam);
    await whose(database.db)
      .set({
        facts: JSON.stringify({
          partner: domain,
          aadsts: 50173,
          code: null,
          cause: 'Revoked.',
          fix: null,
        }),
      })
      .execute();
    try {
      user = operator;
      const headings = [...section(await render()).matchAll(/<h3[^>]*>([\s\S]*?)<\/h3>/g)].map(
        (m) => m[1]!.replace(/<[^>]+>/g, '|'),
      );
      expect(headings).toEqual(['The platform itself', 'Contoso', domain]);
      user = fabrikamAdmin;
      expect(section(await render())).toContain(`The conditions that hold now for ${domain}.`);
    } finally {
      await whose(database.db)
        .set({
          facts: JSON.stringify({ aadsts: 50173, code: null, cause: 'Revoked.', fix: null }),
        })
        .execute();
    }
  });

  it('lists the open alerts first, and "Evaluate now" with them', async () => {
    const html = await render();
    expect(html.indexOf('>Open alerts</h2>')).toBeGreaterThan(html.indexOf('>Alerts</h1>'));
    expect(html.indexOf('>Open alerts</h2>')).toBeLessThan(html.indexOf('>Your partner tenant<'));
    expect(html.match(/>Evaluate now</g)).toHaveLength(1);
    expect(section(html)).toContain('>Evaluate now</button>');
    expect(section(html)).toContain(
      'Evaluate now runs at most once every 30 seconds for your partner tenant.',
    );
    // An operator's run covers every partner; the limit still counts their own tenant.
    user = operator;
    const operators = section(await render());
    expect(operators).toContain(
      'Evaluate now covers every partner and the platform; your partner tenant&#x27;s Admins can start it at most once every 30 seconds.',
    );
    expect(operators).not.toContain('runs at most once every 30 seconds for your partner tenant');
    // After "Evaluate now", its notice stands above the list it updated.
    const evaluated = await renderAfter(nothingRaised);
    expect(evaluated.indexOf('data-testid="alerts-notice"')).toBeGreaterThan(-1);
    expect(evaluated.indexOf('data-testid="alerts-notice"')).toBeLessThan(
      evaluated.indexOf('data-testid="open-alerts"'),
    );
  });

  it('says "Nothing is open" when nothing is, still offering "Evaluate now"', async () => {
    user = fabrikamAdmin;
    const rows = await database.db.selectFrom('alert_states').selectAll().execute();
    await database.db.deleteFrom('alert_states').execute();
    const { recordEvaluation } = await import('./store');
    await recordEvaluation(database.db, Date.now() - 60_000);
    try {
      const html = await render();
      const part = section(html);
      expect(part).toContain('data-testid="no-open-alerts"');
      expect(part).toContain('Nothing is open');
      // Fabrikam has no name learned yet: its Admin reads of their own tenant, not of an id.
      expect(part).toContain(
        'No condition holds for your partner tenant as of the last evaluation.',
      );
      expect(part).toContain('>Evaluate now</button>');
      expect(rowsOf(html)).toHaveLength(0);
      // Another partner's alerts alone: still nothing for Fabrikam's Admin.
      await database.db
        .insertInto('alert_states')
        .values(
          rows
            .filter((r) => r.tenant_id === contoso)
            .map((r) => ({ ...r, facts: JSON.stringify(r.facts) })),
        )
        .execute();
      expect(section(await render())).toContain('Nothing is open');
    } finally {
      await database.db.deleteFrom('alert_evaluations').execute();
      await database.db.deleteFrom('alert_states').execute();
      await database.db
        .insertInto('alert_states')
        .values(rows.map((r) => ({ ...r, facts: JSON.stringify(r.facts) })))
        .execute();
    }
  });

  // "Nothing is open" said nothing of when that was found: a minute ago, or a day.
  it('says when the conditions were last evaluated, the same for every reader', async () => {
    const evaluations = database.db;
    await evaluations.deleteFrom('alert_evaluations').execute();
    user = fabrikamAdmin;
    const before = section(await render());
    expect(before).toContain(
      'Conditions have not been evaluated yet: press Evaluate now, below, for a first evaluation.',
    );
    // No evaluation yet: nothing speaks of "the last evaluation".
    expect(before).not.toContain('last evaluation');
    const { recordEvaluation } = await import('./store');
    const at = new Date(Date.now() - 3 * 60_000);
    await recordEvaluation(database.db, at.getTime());
    try {
      const line = `Last evaluated <time dateTime="${at.toISOString()}" title="${formatUtc(at.toISOString())}">3 min ago</time>.`;
      for (const reader of [fabrikamAdmin, contosoAdmin, operator]) {
        user = reader;
        const part = section(await render());
        expect(part).toContain(line);
        // Under the heading, before the list.
        expect(part.indexOf('Last evaluated')).toBeLessThan(part.indexOf('<ul'));
        expect(part).toContain('as the last evaluation found them.');
      }
    } finally {
      await evaluations.deleteFrom('alert_evaluations').execute();
    }
  });

  // Designer's review: "No evaluation recorded yet" stood above "Nothing is open", two empties,
  // the second claiming what nobody had checked.
  it('with nothing evaluated and nothing stored, says so in one statement', async () => {
    user = fabrikamAdmin;
    const rows = await database.db.selectFrom('alert_states').selectAll().execute();
    await database.db.deleteFrom('alert_states').execute();
    await database.db.deleteFrom('alert_evaluations').execute();
    try {
      const part = section(await render());
      expect(part.match(/data-testid="last-evaluated"[^>]*>([^<]*)</)?.[1]).toBe(
        'Conditions have not been evaluated yet: press Evaluate now, below, for a first evaluation.',
      );
      expect(part).not.toContain('data-testid="no-open-alerts"');
      expect(part).not.toContain('Nothing is open');
      expect(part).not.toContain('No condition is stored');
      expect(part).toContain('>Evaluate now</button>');
    } finally {
      await database.db
        .insertInto('alert_states')
        .values(rows.map((r) => ({ ...r, facts: JSON.stringify(r.facts) })))
        .execute();
    }
  });

  // Designer's review: with no target, the notice, every open alert's row and the target
  // section each said there was none.
  it('with no target at all, says so once, in the target section by its add form', async () => {
    user = fabrikamAdmin;
    const html = await renderAfter(nothingRaised);
    const mentions =
      /no targets|no alert targets|none of your alert targets|no alert target of yours/gi;
    expect(html.match(mentions)).toEqual(['No targets']);
    const targets = html.slice(html.indexOf('>Your partner tenant<'));
    expect(targets).toContain('No targets yet: nobody is told when a connection is about to fail.');
    // The notice says what the evaluation did, and that the alert below is still open (in
    // green, "nothing new to send" alone read as all clear); the row when the next chance to
    // hear it comes.
    expect(html).toContain(
      'Conditions evaluated: nothing new to send. 1 alert is still open: see Open alerts below.</p>',
    );
    expect(rowWith(html, titles.fabrikam)).toContain(
      'Not sent to you. Add an alert target below to get the next reminder, from <time',
    );
    // An operator whose own targets do not hear the platform's alerts is still told why.
    user = operator;
    const own = await addTarget(
      database.db,
      { partnerTenant: homeTenant },
      {
        label: 'Home hook',
        destination: { kind: 'slack', url: 'https://hooks.example/services/home' },
        createdBy: null,
      },
      sessionSecret,
    );
    try {
      expect(rowWith(await render(), titles.cutOff)).toContain(
        'Not sent to you: none of your alert targets receives it. Add one below to get',
      );
    } finally {
      await database.db.deleteFrom('alert_targets').where('id', '=', own.id).execute();
    }
  });

  it('shows the one database card when the open alerts cannot be read, though the targets could', async () => {
    await sql`alter table alert_states rename to alert_states_away`.execute(database.db);
    try {
      const html = await render();
      expect(html.match(/data-testid="alerts-unavailable"/g)).toHaveLength(1);
      expect(html).toContain('The alerts and their targets cannot be read right now');
      expect(html).not.toContain('Open alerts');
      expect(html).not.toContain('Ops hook');
      expect(html).not.toContain('Evaluate now');
    } finally {
      await sql`alter table alert_states_away rename to alert_states`.execute(database.db);
    }
  });

  it('never gives one element two colour classes of one property', async () => {
    user = operator;
    for (const row of rowsOf(await render()))
      for (const [, classes] of row.matchAll(/class="([^"]*)"/g)) {
        const plain = classes!.split(' ').filter((c) => !c.includes(':'));
        for (const property of ['text', 'bg', 'border']) {
          const colours = plain.filter((c) =>
            new RegExp(`^${property}-(white|black|[a-z]+-\\d{2,3})$`).test(c),
          );
          expect(colours.length, classes).toBeLessThanOrEqual(1);
        }
      }
  });
});
