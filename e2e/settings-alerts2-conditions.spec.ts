import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { partnerTenants } from '../emulator/src/seed/identities';
import { startWebhookReceiver, type ReceivedRequest } from '../test/support/alert-sinks';
import {
  e2eAlertReceiverPort,
  e2eSchedulerToken,
  e2eProbeIntervalSeconds,
} from './support/environment';
import { emulatorControl } from './support/fixtures';
import { connectPartnerCenter } from './support/onboarding';

/**
 * The alert conditions e2e/settings-alerts.spec.ts leaves to unit tests, end to end:
 * N consecutive redemption failures, a dependency down (or Key Vault throttling) for more than
 * M minutes, the app's client secret at 30 and 7 days; each told exactly once per target, then
 * its recovery (the secret's needs a restart with a new ENTRA_CLIENT_SECRET_EXPIRES_AT: lib/alerts
 * unit tests).
 * Named to run after e2e/settings-alerts.spec.ts: the last test moves the emulator clock
 * (which never runs back) years ahead, to days before ENTRA_CLIENT_SECRET_EXPIRES_AT (set in
 * e2e/support/global-setup.ts), and leaves the app-credential alert open; no later spec
 * counts platform-wide deliveries. Its afterAll re-consents both tenants (their tokens idled
 * out) and removes its targets.
 */
test.describe.configure({ mode: 'serial' });

const fabrikam = partnerTenants[1]!;
const operator = 'admin@contosopartner.onmicrosoft.com';
const fabrikamAdmin = 'admin@fabrikamsolutions.onmicrosoft.com';
const scheduler = { authorization: `Bearer ${e2eSchedulerToken}` };
const day = 86_400;

let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

async function advance(seconds: number): Promise<void> {
  expect((await emulatorControl('clock', { advanceSeconds: seconds })).status).toBe(200);
  await new Promise((r) => setTimeout(r, e2eProbeIntervalSeconds * 1000 + 200));
}

type Sent = { event: string; condition: string; tenantId: string | null };
async function evaluate(request: APIRequestContext): Promise<Sent[]> {
  const response = await request.post('/api/alerts/evaluate', { headers: scheduler });
  expect(response.status()).toBe(200);
  const { sent } = (await response.json()) as { sent: Sent[] };
  return sent.map(({ event, condition, tenantId }) => ({ event, condition, tenantId }));
}

const channel = (r: ReceivedRequest) => r.path.split('/')[1] ?? '';
/** Deliveries per receiver path since `from`: fab-a and fab-b are Fabrikam's, ops platform-wide. */
function counts(from: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of hooks.received.slice(from)) out[channel(r)] = (out[channel(r)] ?? 0) + 1;
  return out;
}
/** The Slack message (all targets here are Slack webhooks) last delivered to a path, as text. */
const lastText = (path: string) => {
  const body = JSON.parse(hooks.received.filter((r) => channel(r) === path).at(-1)!.body) as {
    text: string;
  };
  return `${body.text}\n${JSON.stringify(body)}`;
};

async function addTarget(page: Page, formName: string, label: string, url: string) {
  const form = page.getByRole('form', { name: formName });
  await form.getByLabel('Channel').selectOption('slack');
  await form.getByLabel('Name', { exact: true }).fill(label);
  await form.getByLabel('Webhook URL').fill(url);
  const button =
    formName === 'Add a platform-wide target' ? 'Add platform-wide target' : 'Add target';
  await form.getByRole('button', { name: button }).click();
  await expect(form.getByRole('status')).toContainText(`"${label}" was added`);
}

/** For the signed-in Admin (connectPartnerCenter leaves the page signed in). */
async function removeAllTargets(page: Page) {
  await page.goto('/settings/alerts');
  const targets = page.getByTestId('alert-target');
  for (let left = await targets.count(); left > 0; left--) {
    // Remove asks first: "Remove" opens the row's box, its red "Remove target" removes.
    await targets
      .first()
      .getByRole('link', { name: /^Remove / })
      .click();
    await targets
      .first()
      .getByRole('button', { name: /^Remove target: / })
      .click();
    await expect(targets).toHaveCount(left - 1);
  }
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  hooks = await startWebhookReceiver(e2eAlertReceiverPort);
  await emulatorControl('reset', {});
  for (const upn of [operator, fabrikamAdmin]) {
    const page = await browser.newPage();
    await connectPartnerCenter(page, upn);
    await page.goto('/settings/alerts');
    if (upn === fabrikamAdmin) {
      await addTarget(page, 'Add a target', 'Fabrikam A', `${hooks.url}/fab-a/x`);
      await addTarget(page, 'Add a target', 'Fabrikam B', `${hooks.url}/fab-b/x`);
    } else {
      await addTarget(page, 'Add a platform-wide target', 'Operators', `${hooks.url}/ops/x`);
    }
    await page.close();
  }
});

test.afterEach(async () => {
  await emulatorControl('faults', undefined, 'DELETE');
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(180_000);
  await emulatorControl('faults', undefined, 'DELETE');
  // The clock went years ahead: every refresh token idled out. Re-consent both tenants and
  // remove this spec's targets, so the emulator and the portal are left as found.
  for (const upn of [operator, fabrikamAdmin]) {
    const page = await browser.newPage();
    await connectPartnerCenter(page, upn);
    await removeAllTargets(page);
    await page.close();
  }
  await hooks?.close();
  await emulatorControl('reset', {});
});

test('N consecutive redemption failures alert once per target; a good redemption sends the recovery', async ({
  request,
}) => {
  // Whatever earlier specs left owed or open is settled before counting.
  await evaluate(request);
  expect(
    (
      await emulatorControl('faults', {
        service: 'login',
        kind: 'status',
        status: 503,
        pathPrefix: `/${fabrikam.tenantId}/oauth2`,
      })
    ).status,
  ).toBe(201);
  await advance(8 * day);
  let mark = hooks.received.length;
  // ALERT_FAILURE_THRESHOLD is 3: the first two failures are not news yet.
  for (let failure = 1; failure <= 3; failure++) {
    const run = (await (
      await request.post('/api/tokens/keep-alive', { headers: scheduler })
    ).json()) as { tenants: { tenantId: string; outcome: string }[] };
    expect(run.tenants.find((t) => t.tenantId === fabrikam.tenantId)).toMatchObject({
      outcome: 'failed',
    });
    if (failure < 3) expect(await evaluate(request)).toEqual([]);
  }
  expect(counts(mark)).toEqual({});
  await advance(0);
  mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([
    { event: 'opened', condition: 'redemption-failures', tenantId: fabrikam.tenantId },
  ]);
  expect(counts(mark)).toEqual({ 'fab-a': 1, 'fab-b': 1, ops: 1 });
  expect(lastText('fab-a')).toContain('3 failed token redemptions in a row');
  expect(lastText('fab-a')).toContain(fabrikam.tenantId);

  // Still failing: nothing new until the repeat interval.
  mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([]);
  expect(counts(mark)).toEqual({});

  await emulatorControl('faults', undefined, 'DELETE');
  const good = (await (
    await request.post('/api/tokens/keep-alive', { headers: scheduler })
  ).json()) as { tenants: { tenantId: string; outcome: string }[] };
  expect(good.tenants.find((t) => t.tenantId === fabrikam.tenantId)).toMatchObject({
    outcome: 'refreshed',
  });
  await advance(0);
  mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([
    { event: 'recovered', condition: 'redemption-failures', tenantId: fabrikam.tenantId },
  ]);
  expect(counts(mark)).toEqual({ 'fab-a': 1, 'fab-b': 1, ops: 1 });
  expect(lastText('ops')).toContain('Resolved: 3 failed token redemptions in a row');
});

test('Partner Center down for more than M minutes alerts the operators once; its return sends the recovery', async ({
  request,
}) => {
  expect(
    (await emulatorControl('faults', { service: 'partnerCenter', kind: 'status', status: 503 }))
      .status,
  ).toBe(201);
  await advance(60);
  let mark = hooks.received.length;
  // Down one minute: held (ALERT_DEPENDENCY_DOWN_MINUTES is 15), nobody told.
  expect(await evaluate(request)).toEqual([]);
  await advance(10 * 60);
  expect(await evaluate(request)).toEqual([]);
  expect(counts(mark)).toEqual({});

  await advance(6 * 60);
  mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([
    { event: 'opened', condition: 'dependency-down', tenantId: null },
  ]);
  // Platform-wide: the operators' target only; a partner's targets hear their own tenant.
  expect(counts(mark)).toEqual({ ops: 1 });
  expect(lastText('ops')).toContain('Partner Center is down');
  expect(lastText('ops')).toContain('*Severity:* critical');
  mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([]);
  expect(counts(mark)).toEqual({});

  await emulatorControl('faults', undefined, 'DELETE');
  await advance(0);
  mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([
    { event: 'recovered', condition: 'dependency-down', tenantId: null },
  ]);
  expect(counts(mark)).toEqual({ ops: 1 });
  expect(lastText('ops')).toContain('Resolved: Partner Center is down');
});

test('Key Vault throttling the portal for more than M minutes warns the operators; its end sends the recovery', async ({
  request,
}) => {
  // Every vault call answers 429 with the real body (emulator/README.md); a short Retry-After,
  // so the portal's throttle gate reopens for the next probe.
  expect(
    (await emulatorControl('faults', { service: 'vault', kind: 'throttle', retryAfterSeconds: 1 }))
      .status,
  ).toBe(201);
  await advance(60);
  let mark = hooks.received.length;
  // Throttled one minute: held like an outage (ALERT_DEPENDENCY_DOWN_MINUTES is 15).
  expect(await evaluate(request)).toEqual([]);
  expect(counts(mark)).toEqual({});
  await advance(15 * 60);
  mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([
    { event: 'opened', condition: 'dependency-throttled', tenantId: null },
  ]);
  expect(counts(mark)).toEqual({ ops: 1 });
  expect(lastText('ops')).toContain('Key Vault is throttling the portal');
  expect(lastText('ops')).toContain('*Severity:* warning');

  await emulatorControl('faults', undefined, 'DELETE');
  await advance(0);
  mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([
    { event: 'recovered', condition: 'dependency-throttled', tenantId: null },
  ]);
  expect(counts(mark)).toEqual({ ops: 1 });
  expect(lastText('ops')).toContain('Resolved: Key Vault is throttling the portal');
});

test("another partner's re-consent alert names that partner to the operators, and speaks to the partner's own targets", async ({
  request,
  browser,
}) => {
  test.setTimeout(180_000);
  await evaluate(request);
  // A Conditional Access policy in Fabrikam's Entra ID blocks the account that consented: the
  // next redemption is refused with AADSTS53003, whose words speak to the partner ("your").
  expect(
    (await emulatorControl('login/conditional-access', { blockUsers: [fabrikamAdmin] })).status,
  ).toBe(200);
  await advance(8 * day);
  const run = (await (
    await request.post('/api/tokens/keep-alive', { headers: scheduler })
  ).json()) as { tenants: { tenantId: string; outcome: string; error: unknown }[] };
  expect(run.tenants.find((t) => t.tenantId === fabrikam.tenantId)).toMatchObject({
    outcome: 'failed',
    error: { aadsts: 53003 },
  });
  await advance(0);
  let mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([
    { event: 'opened', condition: 'needs-reconsent', tenantId: fabrikam.tenantId },
  ]);
  expect(counts(mark)).toEqual({ 'fab-a': 1, 'fab-b': 1, ops: 1 });
  // Fabrikam's own targets: its Entra ID is "your Entra ID".
  expect(lastText('fab-a')).toContain('A Conditional Access policy in your Entra ID blocks');
  // The operators' (the home tenant's people): "your" would name their own Entra ID.
  const theirs =
    /A Conditional Access policy in (Fabrikam Solutions'|fabrikamsolutions\.onmicrosoft\.com's) Entra ID blocks/;
  expect(lastText('ops')).toMatch(theirs);
  expect(lastText('ops')).not.toContain('your Entra ID');

  // Fabrikam's admins lift the block and re-consent: the recovery reads the same way.
  expect((await emulatorControl('login/conditional-access', {})).status).toBe(200);
  const page = await browser.newPage();
  await connectPartnerCenter(page, fabrikamAdmin);
  await page.close();
  await advance(0);
  mark = hooks.received.length;
  expect(await evaluate(request)).toEqual([
    { event: 'recovered', condition: 'needs-reconsent', tenantId: fabrikam.tenantId },
  ]);
  expect(counts(mark)).toEqual({ 'fab-a': 1, 'fab-b': 1, ops: 1 });
  expect(lastText('ops')).toMatch(theirs);
  expect(lastText('ops')).not.toContain('your Entra ID');
  expect(lastText('fab-a')).toContain('A Conditional Access policy in your Entra ID blocks');
});

test('the client secret at 30 and at 7 days: one alert per stage to the operators, a reminder after the repeat interval', async ({
  request,
}) => {
  const expiresAt = Date.parse(process.env.E2E_CLIENT_SECRET_EXPIRES_AT ?? '');
  const clock = (await emulatorControl('clock')).body as { now: string };
  const daysLeft = (expiresAt - Date.parse(clock.now)) / (day * 1000);
  // Far enough ahead when this spec starts: nothing is open yet.
  expect(daysLeft).toBeGreaterThan(31);

  // Every refresh token idles out on the way: those alerts (Fabrikam's to its targets, all
  // to the operators) come too, so deliveries are counted per message sent.
  const expected = (sent: Sent[]) => {
    const fab = sent.filter((s) => s.tenantId === fabrikam.tenantId).length;
    return { ops: sent.length, ...(fab ? { 'fab-a': fab, 'fab-b': fab } : {}) };
  };
  await advance(Math.round((daysLeft - 29.5) * day));
  let mark = hooks.received.length;
  const first = await evaluate(request);
  expect(first.filter((s) => s.tenantId === null)).toEqual([
    { event: 'opened', condition: 'app-credential-expiring', tenantId: null },
  ]);
  expect(counts(mark)).toEqual(expected(first));
  const credentialText = () =>
    hooks.received
      .filter((r) => channel(r) === 'ops' && r.body.includes("The portal's client secret"))
      .at(-1)?.body ?? '';
  expect(credentialText()).toContain('*Severity:* warning');
  expect(credentialText()).toMatch(/2\d days/);
  mark = hooks.received.length;
  expect((await evaluate(request)).filter((s) => s.tenantId === null)).toEqual([]);

  await advance(23 * day);
  mark = hooks.received.length;
  const second = await evaluate(request);
  expect(second.filter((s) => s.tenantId === null)).toEqual([
    { event: 'opened', condition: 'app-credential-expiring', tenantId: null },
  ]);
  expect(counts(mark)).toEqual(expected(second));
  expect(credentialText()).toContain('*Severity:* critical');
  expect(credentialText()).toContain('6 days');

  await advance(day);
  mark = hooks.received.length;
  const reminder = await evaluate(request);
  expect(reminder.filter((s) => s.tenantId === null)).toEqual([
    { event: 'reminder', condition: 'app-credential-expiring', tenantId: null },
  ]);
  expect(counts(mark)).toEqual(expected(reminder));
});
