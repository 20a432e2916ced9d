import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { partnerTenants } from '../emulator/src/seed/identities';
import {
  signatureValid,
  startSmtpSink,
  startWebhookReceiver,
  type ReceivedRequest,
} from '../test/support/alert-sinks';
import { exportedEvents } from './support/audit';
import {
  e2eAlertReceiverPort,
  e2eMonitorToken,
  e2eSchedulerToken,
  e2eProbeIntervalSeconds,
  e2eSmtpSinkPort,
  readE2eAuthSecret,
} from './support/environment';
import { emulatorControl, signIn, signOut } from './support/fixtures';
import { connectPartnerCenter } from './support/onboarding';

const fabrikam = partnerTenants[1]!;
const admin = 'admin@contosopartner.onmicrosoft.com';
const fabrikamAdmin = 'admin@fabrikamsolutions.onmicrosoft.com';
const scheduler = { authorization: `Bearer ${e2eSchedulerToken}` };
const day = 86_400;
const smtpPassword = 'smtp-sink-password-7Kq2!';

/**
 * Alerts end to end: targets set up on /settings/alerts, a local webhook receiver and SMTP
 * sink, conditions produced by advancing the emulator's clock. Its re-consents land in the
 * audit trail, so it is named to run after e2e/audit.spec.ts, which counts them.
 */
test.describe.configure({ mode: 'serial' });

let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let signingSecret = '';

/** Moves the emulator clock and waits out the portal's probe cache (as e2e/health.spec.ts does). */
async function advance(seconds: number): Promise<void> {
  expect((await emulatorControl('clock', { advanceSeconds: seconds })).status).toBe(200);
  await new Promise((r) => setTimeout(r, e2eProbeIntervalSeconds * 1000 + 200));
}

/** What a scheduler does: evaluate every condition once. Resolves when all deliveries (with retries) are done. */
async function evaluate(
  request: APIRequestContext,
): Promise<Array<{ event: string; condition: string; tenantId: string | null }>> {
  const response = await request.post('/api/alerts/evaluate', { headers: scheduler });
  expect(response.status()).toBe(200);
  const { sent } = (await response.json()) as {
    sent: Array<{
      event: string;
      condition: string;
      tenantId: string | null;
      deliveries: unknown[];
    }>;
  };
  return sent.map(({ event, condition, tenantId }) => ({ event, condition, tenantId }));
}

const channel = (r: ReceivedRequest) => r.path.split('/')[1] ?? '';
/** Deliveries per receiver path since `from`, e.g. { hook: 1, teams: 1, slack: 1, fail: 3 }. */
function counts(from = 0): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of hooks.received.slice(from)) out[channel(r)] = (out[channel(r)] ?? 0) + 1;
  return out;
}

async function addTarget(
  page: Page,
  kind: 'webhook' | 'teams' | 'slack',
  label: string,
  url: string,
): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a target' });
  await form.getByLabel('Channel').selectOption(kind);
  await form.getByLabel('Name', { exact: true }).fill(label);
  await form.getByLabel('Webhook URL').fill(url);
  await form.getByRole('button', { name: 'Add target' }).click();
  await expect(form.getByRole('status')).toContainText(`"${label}" was added`);
}

/** Remove asks first: the row's "Remove" opens a box whose red "Remove target" removes it. */
async function removeTarget(target: Locator): Promise<void> {
  await target.getByRole('link', { name: /^Remove / }).click();
  await target.getByRole('button', { name: /^Remove target: / }).click();
  // The button pressed goes with its row: the outcome takes the focus, where it is read.
  await expect(target.page().getByTestId('alerts-notice')).toBeFocused();
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

test.beforeAll(async ({ browser }) => {
  // Two whole consent flows: more than one test's time on a busy machine.
  test.setTimeout(180_000);
  [hooks, smtp] = await Promise.all([
    startWebhookReceiver(e2eAlertReceiverPort),
    startSmtpSink(e2eSmtpSinkPort),
  ]);
  await emulatorControl('reset', {});
  for (const upn of [admin, fabrikamAdmin]) {
    const page = await browser.newPage();
    await connectPartnerCenter(page, upn);
    await page.close();
  }
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(180_000);
  await Promise.all([hooks?.close(), smtp?.close()]);
  // The clock went 95 days ahead and Fabrikam's grant is revoked. Re-consent both tenants, so
  // the portal's token service forgets those verdicts, then leave the emulator as found.
  for (const upn of [admin, fabrikamAdmin]) {
    const page = await browser.newPage();
    await connectPartnerCenter(page, upn);
    await page.close();
  }
  await emulatorControl('reset', {});
});

test("Fabrikam's Admin adds targets; the signing secret is shown once; a test alert arrives signed", async ({
  page,
}) => {
  await signIn(page, fabrikamAdmin);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Alerts' })
    .click();
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Platform-wide', exact: true })).toHaveCount(0);

  const form = page.getByRole('form', { name: 'Add a target' });
  await form.getByLabel('Channel').selectOption('webhook');
  await form.getByLabel('Name', { exact: true }).fill('Signed hook');
  await form.getByLabel('Webhook URL').fill(`${hooks.url}/hook/path-s3cret`);
  await form.getByRole('button', { name: 'Add target' }).click();
  signingSecret = (await form.getByTestId('signing-secret').textContent()) ?? '';
  expect(signingSecret).toMatch(/^[\w-]{43}$/);
  // The outcome, with the secret shown once, takes the focus: it is read, and it is where the
  // reader is (the button, not disabled while saving, kept it until then).
  await expect(form.getByTestId('add-target-outcome')).toBeFocused();
  // The list shows the new target without a reload.
  await expect(page.getByTestId('alert-target')).toHaveCount(1);

  await addTarget(page, 'teams', 'Teams channel', `${hooks.url}/teams/workflow-sig-abc`);
  await addTarget(page, 'slack', 'Slack channel', `${hooks.url}/slack/T000/B000/XXXX`);
  await addTarget(page, 'slack', 'Broken receiver', `${hooks.url}/fail/always`);
  await form.getByLabel('Channel').selectOption('email');
  // The port follows the encryption's default until a port of one's own is typed.
  await expect(form.getByLabel('Port')).toHaveValue('587');
  await form.getByLabel('Encryption').selectOption('tls');
  await expect(form.getByLabel('Port')).toHaveValue('465');
  await form.getByLabel('Encryption').selectOption('starttls');
  await expect(form.getByLabel('Port')).toHaveValue('587');
  await form.getByLabel('Port').fill('2525');
  await form.getByLabel('Encryption').selectOption('tls');
  await expect(form.getByLabel('Port')).toHaveValue('2525');
  await form.getByLabel('Name', { exact: true }).fill('On-call mail');
  await form.getByLabel('Recipients').fill('oncall@fabrikam.example');
  await form.getByLabel('Sender address').fill('portal@fabrikam.example');
  await form.getByLabel('SMTP server').fill(smtp.host);
  await form.getByLabel('Port').fill(String(smtp.port));
  await form.getByLabel('Encryption').selectOption('none');
  await form.getByLabel('User name (optional)').fill('alerts');
  await form.getByLabel('Password (optional)').fill(smtpPassword);
  await form.getByRole('button', { name: 'Add target' }).click();
  await expect(form.getByRole('status')).toContainText('"On-call mail" was added');

  // Bad input: a clear message on the field, and nothing saved.
  await form.getByLabel('Channel').selectOption('slack');
  await form.getByLabel('Name', { exact: true }).fill('Bad');
  await form.getByLabel('Webhook URL').fill('ftp://example.com/x');
  await form.getByRole('button', { name: 'Add target' }).click();
  await expect(form.getByRole('alert')).toContainText('nothing was saved');
  await expect(form.locator('[data-field-error="tenant-url"]')).toContainText('http');

  // A target URL must not lead into the operator's network: refused when saved, with words
  // that name the address or host (the guard is on; only the spec's receiver is an exception).
  for (const [url, words] of [
    ['http://169.254.169.254/latest/meta-data/', 'address 169.254.169.254 is link-local'],
    ['http://localhost:22/', 'host name localhost means this machine'],
    [`http://127.0.0.1:${e2eAlertReceiverPort + 2}/hook`, 'address 127.0.0.1 is loopback'],
  ] as const) {
    await form.getByLabel('Name', { exact: true }).fill('Inside');
    await form.getByLabel('Webhook URL').fill(url);
    await form.getByRole('button', { name: 'Add target' }).click();
    await expect(form.locator('[data-field-error="tenant-url"]')).toHaveText(
      `Not allowed: ${words}. Alerts go only to receivers on the public internet.`,
    );
    await expect(form.getByRole('alert')).toContainText('nothing was saved');
    // What was typed stays, to be corrected; the channel shown is still the one chosen.
    await expect(form.getByLabel('Webhook URL')).toHaveValue(url);
    await expect(form.getByLabel('Channel')).toHaveValue('slack');
  }
  // The same for an e-mail target's SMTP server.
  await form.getByLabel('Channel').selectOption('email');
  await form.getByLabel('Name', { exact: true }).fill('Inside mail');
  await form.getByLabel('Recipients').fill('oncall@fabrikam.example');
  await form.getByLabel('Sender address').fill('portal@fabrikam.example');
  await form.getByLabel('SMTP server').fill('10.0.0.5');
  await form.getByLabel('Port').fill('25');
  await form.getByRole('button', { name: 'Add target' }).click();
  await expect(form.locator('[data-field-error="tenant-smtpHost"]')).toHaveText(
    'Not allowed: address 10.0.0.5 is private. Alerts go only to receivers on the public internet.',
  );
  await screenshot(page, 'alerts-settings-refused-address');

  await page.reload();
  await expect(page.getByTestId('alert-target')).toHaveCount(5);
  const html = await page.content();
  for (const secret of [
    signingSecret,
    'path-s3cret',
    'workflow-sig-abc',
    'T000/B000/XXXX',
    smtpPassword,
  ])
    expect(html).not.toContain(secret);

  await page.getByRole('button', { name: 'Send a test alert: Signed hook' }).click();
  await expect(page.getByTestId('alerts-notice')).toHaveText(
    'The test alert to \u201cSigned hook\u201d was delivered.',
  );
  const test = hooks.received.at(-1)!;
  expect(JSON.parse(test.body)).toMatchObject({ event: 'test', tenantId: fabrikam.tenantId });
  expect(signatureValid(test.body, test.headers['x-signature'], signingSecret)).toBe(true);

  await page.getByRole('button', { name: 'Send a test alert: Broken receiver' }).click();
  await expect(page.getByTestId('alerts-notice')).toContainText('not delivered (http_500)');

  // Each row says how its own last test went: with several targets the banner cannot.
  const row = (label: string) => page.getByTestId('alert-target').filter({ hasText: label });
  const lastTest = (label: string) => row(label).getByTestId('last-test');
  const at = / · \d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}:\d{2} UTC$/;
  const marksShown = async () => {
    await expect(lastTest('Broken receiver')).toHaveText(
      new RegExp(`^Last test: failed \u2014 the receiver answered HTTP 500${at.source}`),
    );
    await expect(lastTest('Broken receiver')).toHaveClass(/text-red-700/);
    await expect(lastTest('Signed hook')).toHaveText(
      new RegExp(`^Last test: delivered${at.source}`),
    );
    await expect(lastTest('Signed hook')).toHaveClass(/text-emerald-700/);
    await expect(lastTest('Teams channel')).toHaveCount(0);
    await expect(row('Teams channel').getByTestId('no-recent-test')).toHaveText(
      'No test alert yet.',
    );
  };
  await marksShown();

  // Remove asks first: a box on a line of its own under the row, its red button beside Cancel;
  // the row's buttons stay where they were on the screen (no jump to the top of the page).
  const broken = row('Broken receiver');
  const removeLink = broken.getByRole('link', { name: 'Remove Broken receiver' });
  const confirmRemove = broken.getByRole('button', { name: 'Remove target: Broken receiver' });
  const cancel = broken.getByRole('link', { name: 'Cancel removing Broken receiver' });
  const confirmation = broken.getByTestId('remove-confirmation');
  const buttons = broken.getByTestId('target-buttons');
  await expect(confirmRemove).toBeHidden();
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await broken.scrollIntoViewIfNeeded();
    const before = (await buttons.boundingBox())!;
    // The row's three buttons share one line, a phone's too: it shows "Test alert".
    await expect(
      broken.getByRole('button', { name: 'Send a test alert: Broken receiver' }),
    ).toHaveText(width < 640 ? 'Test alert' : 'Send a test alert', { useInnerText: true });
    const tops = await buttons
      .locator('button, a')
      .evaluateAll((controls) => controls.map((c) => Math.round(c.getBoundingClientRect().top)));
    expect(tops).toHaveLength(3);
    expect(new Set(tops).size).toBe(1);
    await removeLink.click();
    await expect(
      broken.getByText('Remove \u201cBroken receiver\u201d? Alerts will no longer be sent to it.'),
    ).toBeVisible();
    await expect(confirmRemove).toHaveClass(/\bbg-red-600\b/);
    await expect(cancel).toBeVisible();
    expect(await buttons.boundingBox()).toEqual(before);
    const box = (await confirmation.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(before.y + before.height);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    // Cancel sits beside the button it cancels, not above the box.
    const [confirmAt, cancelAt] = [
      (await confirmRemove.boundingBox())!,
      (await cancel.boundingBox())!,
    ];
    expect(cancelAt.y).toBeCloseTo(confirmAt.y, 0);
    await screenshot(page, `alerts-settings-remove-confirm-${width}`);
    // "Cancel" closes it and nothing is removed.
    await cancel.click();
    await expect(confirmation).toBeHidden();
    expect(await buttons.boundingBox()).toEqual(before);
  }
  // The keyboard does the same as the mouse.
  await removeLink.focus();
  await page.keyboard.press('Enter');
  await expect(confirmRemove).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(confirmRemove).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirmRemove).toBeHidden();
  // Cancel went with its box: the focus is back on the row's Remove, not at the page's start.
  await expect(removeLink).toBeFocused();
  await expect(page.getByTestId('alert-target')).toHaveCount(5);

  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `alerts-settings-${width}`);
  }
  // The marks are the audit trail's record, not only the redirect's: the same on a fresh visit
  // (retried: the trail is written in the background).
  await expect(async () => {
    await page.goto('/settings/alerts');
    await marksShown();
  }).toPass({ timeout: 20_000 });
  hooks.received.length = 0;
});

test('the expiry warnings are delivered once per target per stage, reminded after the repeat interval, and recovered after re-consent', async ({
  page,
  request,
}) => {
  // Clock moves with probe waits, evaluations with retries and a whole consent flow.
  test.setTimeout(180_000);
  // Fabrikam's token idles for 61 days: the first warning (29 days left).
  await advance(61 * day);
  const opened = await evaluate(request);
  expect(opened.filter((s) => s.tenantId === fabrikam.tenantId)).toEqual([
    { event: 'opened', condition: 'token-expiring', tenantId: fabrikam.tenantId },
  ]);
  expect(counts()).toEqual({ hook: 1, teams: 1, slack: 1, fail: 3 });
  expect(smtp.received).toHaveLength(1);
  const hook = hooks.received.find((r) => channel(r) === 'hook')!;
  expect(signatureValid(hook.body, hook.headers['x-signature'], signingSecret)).toBe(true);
  expect(JSON.parse(hook.body)).toMatchObject({
    condition: 'token-expiring',
    tenantId: fabrikam.tenantId,
    link: expect.stringMatching(/\/onboarding$/),
    title: expect.stringContaining('29 days'),
  });
  expect(smtp.received[0]!.to).toEqual(['oncall@fabrikam.example']);
  expect(smtp.logins).toContainEqual({ username: 'alerts', password: smtpPassword });

  // Nothing new while it stays open; only the failing target is owed it, tried again no
  // sooner than a minute after its failed round (then 2, 4 ... minutes).
  let mark = hooks.received.length;
  await evaluate(request);
  expect(counts(mark)).toEqual({});
  await advance(61);
  await evaluate(request);
  expect(counts(mark)).toEqual({ fail: 3 });
  expect(smtp.received).toHaveLength(1);

  // A reminder once ALERT_REPEAT_HOURS (24) have passed.
  await advance(day);
  mark = hooks.received.length;
  const reminded = await evaluate(request);
  expect(reminded.filter((s) => s.tenantId === fabrikam.tenantId).map((s) => s.event)).toEqual([
    'reminder',
  ]);
  expect(counts(mark)).toEqual({ hook: 1, teams: 1, slack: 1, fail: 3 });
  expect(smtp.received).toHaveLength(2);

  // The second warning (6 days left) is a new stage: told again, once per target.
  await advance(22 * day);
  mark = hooks.received.length;
  const second = await evaluate(request);
  expect(second.filter((s) => s.tenantId === fabrikam.tenantId)).toEqual([
    { event: 'opened', condition: 'token-expiring', tenantId: fabrikam.tenantId },
  ]);
  expect(counts(mark)).toEqual({ hook: 1, teams: 1, slack: 1, fail: 3 });
  expect(
    JSON.parse(hooks.received.filter((r) => channel(r) === 'hook').at(-1)!.body),
  ).toMatchObject({ severity: 'critical', title: expect.stringContaining('6 days') });
  expect(smtp.received).toHaveLength(3);

  // Fabrikam's Admin finds it open on the Alerts page, in the words the channels sent, with
  // when it was last sent and the way to fix it; nothing of another partner's or the platform's.
  await signIn(page, fabrikamAdmin);
  await page.goto('/settings/alerts');
  const open = page.getByTestId('open-alert');
  await expect(open).toHaveCount(1);
  await expect(open).toContainText('Partner Center connection expires in 6 days');
  await expect(open).toContainText('Critical');
  await expect(open.getByTestId('open-alert-told')).toContainText(
    /Last sent .+ UTC; next reminder from .+ UTC while it stays\./,
  );
  await expect(open.getByRole('link', { name: /^Open the onboarding page/ })).toHaveAttribute(
    'href',
    '/onboarding',
  );
  await screenshot(page, 'alerts-settings-open-alert');
  const wide = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'alerts-settings-open-alert-390');
  await page.setViewportSize(wide);
  await signOut(page);

  // The fix: Fabrikam's Admin re-consents; the next evaluation sends the recovery notice.
  await connectPartnerCenter(page, fabrikamAdmin);
  await advance(0);
  mark = hooks.received.length;
  const recovered = await evaluate(request);
  expect(recovered.filter((s) => s.tenantId === fabrikam.tenantId)).toEqual([
    { event: 'recovered', condition: 'token-expiring', tenantId: fabrikam.tenantId },
  ]);
  expect(counts(mark)).toEqual({ hook: 1, teams: 1, slack: 1, fail: 3 });
  expect(
    JSON.parse(hooks.received.filter((r) => channel(r) === 'hook').at(-1)!.body),
  ).toMatchObject({ event: 'recovered' });
  expect(smtp.received).toHaveLength(4);
  // Closed, it leaves the page's open alerts.
  await page.goto('/settings/alerts');
  await expect(page.getByTestId('no-open-alerts')).toBeVisible();
  await expect(page.getByTestId('open-alert')).toHaveCount(0);
});

test('a revoked grant alerts with its AADSTS cause; the failing target was retried and every attempt recorded', async ({
  page,
  request,
}) => {
  expect(
    (await emulatorControl(`users/${encodeURIComponent(fabrikamAdmin)}/revoke`, {})).status,
  ).toBe(200);
  await advance(8 * day);
  expect((await request.post('/api/tokens/keep-alive', { headers: scheduler })).status()).toBe(200);
  await advance(0);
  const mark = hooks.received.length;
  const sent = await evaluate(request);
  expect(sent.filter((s) => s.tenantId === fabrikam.tenantId)).toEqual([
    { event: 'opened', condition: 'needs-reconsent', tenantId: fabrikam.tenantId },
  ]);
  // The failing target: 3 attempts of this alert, 3 more of the recovery notice it is still owed.
  expect(counts(mark)).toEqual({ hook: 1, teams: 1, slack: 1, fail: 6 });
  const body = JSON.parse(hooks.received.filter((r) => channel(r) === 'hook').at(-1)!.body) as {
    title: string;
    whatHappened: string;
  };
  expect(body.title).toContain('AADSTS50173');

  await signIn(page, fabrikamAdmin);
  const failures = await exportedEvents(page.request, {
    action: 'alert.delivery',
    outcome: 'failure',
  });
  expect(failures.length).toBeGreaterThanOrEqual(3 * 5);
  expect(failures[0]).toMatchObject({ reason: 'http_500', tenant: fabrikam.tenantId });
  expect(failures[0]!.details).toMatchObject({
    channel: 'slack',
    why: 'The receiver answered HTTP 500.',
  });
  const successes = await exportedEvents(page.request, {
    action: 'alert.delivery',
    outcome: 'success',
  });
  expect(successes.length).toBeGreaterThanOrEqual(4 * 5);

  // The rows say it too (their lines come from the same trail, now written): the receiver that
  // refused the alert, and that the next evaluation tries it again; the others delivered it.
  await page.goto('/settings/alerts');
  const row = (label: string) => page.getByTestId('alert-target').filter({ hasText: label });
  await expect(row('Broken receiver').getByTestId('last-alert')).toHaveText(
    /^Last alert: failed \u2014 the receiver answered HTTP 500 · .+ UTC \(the portal tries again at the next evaluation\)$/,
  );
  await expect(row('Signed hook').getByTestId('last-alert')).toHaveText(
    /^Last alert: delivered · .+ UTC$/,
  );
  await screenshot(page, 'alerts-settings-last-alert-failed');

  // Home says it too: nobody opens the Alerts page to learn that alerts stopped arriving.
  await page.goto('/');
  const item = page
    .getByTestId('attention')
    .getByRole('listitem')
    .filter({ hasText: 'The last alert to \u201cBroken receiver\u201d failed' });
  await expect(item).toContainText('The receiver answered HTTP 500 (');
  await expect(item.getByRole('link', { name: /^Details/ })).toHaveAttribute(
    'href',
    '/settings/alerts',
  );
  await screenshot(page, 'home-alert-target-failed');
  // Fabrikam's target is Fabrikam's: not on Contoso's Admin's home, platform operator though.
  await signOut(page);
  await signIn(page, admin);
  await page.goto('/');
  await expect(page.getByTestId('attention')).toBeVisible();
  await expect(page.getByTestId('attention')).not.toContainText('Broken receiver');
});

test('no message, header or mail holds a token or secret', async () => {
  const everything = [
    ...hooks.received.map((r) => `${JSON.stringify(r.headers)}\n${r.body}`),
    ...smtp.received.map((m) => m.raw),
  ].join('\n');
  expect(everything.length).toBeGreaterThan(1000);
  for (const secret of [
    signingSecret,
    readE2eAuthSecret(),
    smtpPassword,
    'path-s3cret',
    'workflow-sig-abc',
    'T000/B000/XXXX',
    e2eMonitorToken,
    e2eSchedulerToken,
  ])
    expect(everything).not.toContain(secret);
  expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/);
  expect(everything).not.toMatch(/refresh_token|access_token|client_secret/i);
});

test('the platform operator also manages platform-wide targets', async ({ page }) => {
  await signIn(page, admin);
  await page.goto('/settings/alerts');
  await expect(page.getByRole('heading', { name: 'Platform-wide', exact: true })).toBeVisible();
  await expect(page.getByTestId('alert-target')).toHaveCount(0);
  const platform = page.getByRole('form', { name: 'Add a platform-wide target' });
  await platform.getByLabel('Channel').selectOption('slack');
  await platform.getByLabel('Name', { exact: true }).fill('Operators');
  await platform.getByLabel('Webhook URL').fill(`${hooks.url}/platform`);
  await platform.getByRole('button', { name: 'Add platform-wide target' }).click();
  await expect(platform.getByRole('status')).toContainText('"Operators" was added');
  await page.reload();
  await page.getByRole('button', { name: 'Disable: Operators' }).click();
  await expect(page.getByTestId('alerts-notice')).toContainText('disabled');
  await expect(page.getByTestId('alert-target')).toContainText('Disabled');
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, 'alerts-settings-platform-1366');
  await removeTarget(page.getByTestId('alert-target').filter({ hasText: 'Operators' }));
  await expect(page.getByTestId('alerts-notice')).toContainText('removed');
  await expect(page.getByTestId('alert-target')).toHaveCount(0);
});

test("Fabrikam's Admin removes every target; nothing is sent any more", async ({
  page,
  request,
}) => {
  await signIn(page, fabrikamAdmin);
  await page.goto('/settings/alerts');
  const targets = page.getByTestId('alert-target');
  for (let left = await targets.count(); left > 0; left--) {
    await removeTarget(targets.first());
    await expect(page.getByTestId('alerts-notice')).toContainText('removed');
    await expect(targets).toHaveCount(left - 1);
  }
  await expect(page.getByText('No targets yet')).toBeVisible();
  await advance(day);
  const mark = hooks.received.length;
  await evaluate(request);
  expect(counts(mark)).toEqual({});
});

test('"Evaluate now" runs once per 30 s per partner tenant; a second press says when, and runs nothing', async ({
  browser,
}) => {
  const fabrikamPage = await (await browser.newContext()).newPage();
  await signIn(fabrikamPage, fabrikamAdmin);
  await fabrikamPage.goto('/settings/alerts');
  const evaluateNow = fabrikamPage.getByRole('button', { name: 'Evaluate now' });
  await evaluateNow.click();
  await expect(fabrikamPage.getByTestId('alerts-notice')).toContainText('Conditions evaluated');
  await screenshot(fabrikamPage, 'alerts-settings-evaluated');
  await evaluateNow.click();
  const refused = fabrikamPage.getByTestId('alerts-notice');
  await expect(refused).toContainText(
    /Not evaluated: an evaluation was started for your partner tenant less than 30 seconds ago\. Evaluate again in \d+ s\./,
  );
  await fabrikamPage.setViewportSize({ width: 390, height: 900 });
  await screenshot(fabrikamPage, 'alerts-settings-evaluate-wait-390');
  // Another partner's Admin is not held back by Fabrikam's press.
  const contosoPage = await (await browser.newContext()).newPage();
  await signIn(contosoPage, admin);
  await contosoPage.goto('/settings/alerts');
  await contosoPage.getByRole('button', { name: 'Evaluate now' }).click();
  await expect(contosoPage.getByTestId('alerts-notice')).toContainText('Conditions evaluated');
});
