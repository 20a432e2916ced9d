import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import {
  demoPassword,
  partnerTenants,
  portalApp,
  unenrolledTenant,
} from '../emulator/src/seed/identities';
import { refreshTokenContentType, secretNameFor } from '../lib/vault/secret-names';
import { e2eMonitorToken, e2eSchedulerToken, e2eProbeIntervalSeconds } from './support/environment';
import { emulatorControl, readE2eEndpoints, signIn } from './support/fixtures';
import { connectPartnerCenter, consentInBrowser } from './support/onboarding';

const [contoso, fabrikam] = partnerTenants as [
  (typeof partnerTenants)[number],
  (typeof partnerTenants)[number],
];
const ops = 'ops@contosopartner.onmicrosoft.com';
const admin = 'admin@contosopartner.onmicrosoft.com';
const fabrikamAdmin = 'admin@fabrikamsolutions.onmicrosoft.com';
const monitor = { authorization: `Bearer ${e2eMonitorToken}` };
const scheduler = { authorization: `Bearer ${e2eSchedulerToken}` };
const day = 86_400;

test.describe.configure({ mode: 'serial' });

const card = (page: Page, tenantId: string) =>
  page.locator(`[data-testid="tenant-card"][data-tenant-id="${tenantId}"]`);
const dependency = (page: Page, name: string) =>
  page.locator(`[data-testid="dependency"][data-dependency="${name}"]`);

/** Moves the emulator clock: what the cloud stored ages. */
async function advance(seconds: number): Promise<void> {
  expect((await emulatorControl('clock', { advanceSeconds: seconds })).status).toBe(200);
}

/**
 * Reloads `page` until `check` passes: the portal serves its cached probes until their
 * interval (`e2eProbeIntervalSeconds`, on the host's clock) is over, then probes again.
 */
async function reloadUntil(page: Page, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 30_000 });
}
const soon = { timeout: 1_000 };

async function openHealth(page: Page, upn = ops): Promise<void> {
  await signIn(page, upn);
  await page.goto('/health');
  await expect(page.getByRole('heading', { name: 'Health', level: 1 })).toBeVisible();
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

async function counter(name: string): Promise<number> {
  const { body } = await emulatorControl('counters');
  return (body as Record<string, number>)[name] ?? 0;
}

test.beforeAll(async ({ browser }) => {
  await emulatorControl('reset', {});
  for (const upn of [admin, fabrikamAdmin]) {
    const page = await browser.newPage();
    await connectPartnerCenter(page, upn);
    await page.close();
  }
});

test.afterEach(async () => {
  await emulatorControl('faults', undefined, 'DELETE');
});

test('both tenants are healthy after onboarding, with who minted the token and the dependencies', async ({
  page,
}) => {
  await openHealth(page);
  for (const tenant of [contoso, fabrikam]) {
    await expect(card(page, tenant.tenantId)).toHaveAttribute('data-status', 'healthy');
    await expect(card(page, tenant.tenantId)).toContainText(`admin@${tenant.domain}`);
  }
  await expect(card(page, contoso.tenantId).getByTestId('inactivity-limit')).toContainText(
    '90 days left of 90',
  );
  for (const name of ['keyVault', 'entra', 'partnerCenter']) {
    await expect(dependency(page, name)).toHaveAttribute('data-state', 'ok');
    await expect(dependency(page, name)).toHaveAttribute('data-stale', 'false');
  }
  await expect(page.getByTestId('health-summary')).toHaveAttribute('data-status', 'healthy');
  await screenshot(page, 'health-healthy');

  // The Key Vault version and the token service's facts wait behind a native disclosure.
  const technical = card(page, contoso.tenantId).getByTestId('tenant-technical-details');
  await expect(technical.getByText('Key Vault secret version')).toBeHidden();
  await technical.getByText('Technical details').click();
  await expect(technical.getByText('Key Vault secret version')).toBeVisible();
  await screenshot(page, 'health-technical-details');
});

/**
 * Opens /health on a clock the test moves (the page's timers run only when it does) and counts
 * the page's refreshes. `landed`: moves the clock on in small steps until no refresh is coming
 * (a refresh starts only once the one before has landed, which React may finish on the page's
 * clock; one may have started before the pause, on a slow machine), then the count.
 */
async function healthOnTestClock(page: Page) {
  await page.clock.install();
  await page.goto('/health');
  await expect(page.getByRole('heading', { name: 'Health', level: 1 })).toBeVisible();
  await page.clock.pauseAt(new Date(Date.now() + 1_000));
  let refreshes = 0;
  page.on('request', (request) => {
    const headers = request.headers();
    const prefetch = 'next-router-prefetch' in headers || 'next-router-segment-prefetch' in headers;
    if (headers['rsc'] === '1' && !prefetch && new URL(request.url()).pathname === '/health')
      refreshes += 1;
  });
  const announcement = page.getByTestId('updates-paused-announcement');
  const landed = async () => {
    await expect(async () => {
      await page.clock.runFor(100);
      await expect(announcement).toHaveAttribute('data-refreshing', 'false', { timeout: 500 });
    }).toPass({ timeout: 10_000 });
    return refreshes;
  };
  /** Refreshing again: the refresh that makes `count`, at once, then one every interval. */
  const refreshingAgain = async (count: number) => {
    await expect.poll(() => refreshes).toBe(count);
    const resumed = await landed();
    await page.clock.runFor(e2eProbeIntervalSeconds * 1000);
    await expect.poll(() => refreshes).toBe(resumed + 1);
  };
  return { refreshes: () => refreshes, landed, refreshingAgain, announcement };
}

test('an open health page stops refreshing after 5 minutes nobody used it, so the idle timeout holds; a key press carries on', async ({
  page,
}) => {
  await signIn(page, ops);
  const { refreshes, landed, refreshingAgain, announcement } = await healthOnTestClock(page);
  // The live region is on the page before the pause, empty: one that appears already holding
  // its words is not announced by every screen reader.
  await expect(announcement).toHaveAttribute('role', 'status');
  await expect(announcement).toHaveText('');
  const paused = page.getByRole('status').filter({ hasText: 'Updates paused' });
  const before = await landed();

  await page.clock.runFor(e2eProbeIntervalSeconds * 1000);
  await expect.poll(refreshes).toBe(before + 1);
  // The next tick after 5 minutes without a key press, click, scroll or touch stops refreshing.
  await page.clock.fastForward('05:10');
  await expect(paused).toBeVisible();
  // It says as of when the figures are, as the summary writes that time, and how long ago.
  const summary = (await page.getByTestId('health-summary').textContent()) ?? '';
  const updated = /Updated (.+ UTC)/.exec(summary)?.[1];
  expect(updated).toBeTruthy();
  const notice = page.getByTestId('updates-paused');
  await expect(notice).toContainText(`the figures below are as of ${updated} (`);
  // The age, which changes every minute, is beside the live region, not in it.
  await expect(paused).not.toContainText('ago');
  const age = async () =>
    /UTC \((just now|\d+ min ago)\)/.exec((await notice.textContent()) ?? '')?.[1];
  const pausedAge = await age();
  expect(pausedAge).toBeTruthy();
  await page.clock.runFor(60_000);
  expect(refreshes()).toBe(before + 1);
  // Nothing refreshed, yet the age moved on: the times on the page do not stay "just now".
  await expect.poll(age).not.toBe(pausedAge);
  await screenshot(page, 'health-updates-paused');

  await page.keyboard.press('Shift');
  await expect(paused).toBeHidden();
  await expect(page.getByTestId('updates-paused')).toBeHidden();
  await refreshingAgain(before + 2);
});

// WCAG 2.2.2: figures that change on their own while someone reads them can be paused.
test('the reader pauses the updates with a button; reading, scrolling and key presses leave them paused until Resume updates', async ({
  page,
}) => {
  await signIn(page, ops);
  const { refreshes, landed, refreshingAgain } = await healthOnTestClock(page);
  const toggle = page.getByRole('button', { name: 'Pause updates' });
  await expect(page.getByText(`Updates every ${e2eProbeIntervalSeconds} s`)).toBeVisible();
  const before = await landed();

  await toggle.focus();
  await page.keyboard.press('Enter');
  // The notice's "Resume updates" takes the button's place and its focus; the page says it is
  // paused, and as of when.
  const notice = page.getByTestId('updates-paused');
  const resume = notice.getByRole('button', { name: 'Resume updates' });
  await expect(resume).toBeFocused();
  await expect(toggle).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Updates paused' })).toHaveText(
    /^Updates paused: the figures below are as of .+ UTC$/,
  );
  await expect(page.getByRole('button', { name: 'Resume updates' })).toHaveCount(1);
  await screenshot(page, 'health-paused-by-reader');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'health-paused-by-reader-390');

  await page.keyboard.press('Shift');
  await page.mouse.wheel(0, 400);
  await page.clock.runFor(4 * e2eProbeIntervalSeconds * 1000);
  expect(refreshes()).toBe(before);
  await expect(notice).toBeVisible();

  // Resumed: a refresh at once, then every interval; the focus back to "Pause updates".
  await resume.click();
  await expect(notice).toBeHidden();
  await expect(toggle).toBeFocused();
  await refreshingAgain(before + 1);
});

test('the JSON endpoint: 401 without credentials, 403 for a sales agent, 200 for ops, and no secret in it', async ({
  page,
  request,
  browser,
}) => {
  expect((await request.get('/api/health')).status()).toBe(401);
  expect(
    (
      await request.get('/api/health', {
        headers: { authorization: 'Bearer not-the-monitor-token-000000' },
      })
    ).status(),
  ).toBe(401);
  expect(await (await request.get('/api/health/live')).json()).toEqual({ status: 'live' });
  expect((await request.get('/api/health/ready')).status()).toBe(200);

  const salesContext = await browser.newContext();
  const salesPage = await salesContext.newPage();
  await signIn(salesPage, 'sales@contosopartner.onmicrosoft.com');
  expect((await salesPage.request.get('/api/health')).status()).toBe(403);
  await salesContext.close();

  await openHealth(page);
  const response = await page.request.get('/api/health');
  expect(response.status()).toBe(200);
  const text = await response.text();
  const report = JSON.parse(text) as {
    status: string;
    tenants: Array<{ tenantId: string; status: string; grant: { mintedBy: string } }>;
  };
  expect(report.tenants.find((t) => t.tenantId === contoso.tenantId)).toMatchObject({
    status: 'healthy',
    grant: { mintedBy: admin },
  });
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  expect(text).not.toContain('1.AEmu');
  expect(text).not.toContain(portalApp.clientSecret);

  // A monitor with the configured bearer token reads the same report, without a session.
  const monitored = await request.get('/api/health', { headers: monitor });
  expect(monitored.status()).toBe(200);
  const monitorReport = (await monitored.json()) as typeof report;
  expect(monitorReport.tenants.map((t) => [t.tenantId, t.status])).toEqual(
    report.tenants.map((t) => [t.tenantId, t.status]),
  );
});

test('100 concurrent requests cost at most one probe per dependency', async ({ page }) => {
  await openHealth(page);
  await advance(60);
  // Bursts until one meets the expired probe cache (the view above filled it); that burst
  // probes, and no more than once per dependency per interval.
  await expect(async () => {
    await emulatorControl('counters/reset', {});
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () => page.request.get('/api/health').then((r) => r.status())),
    );
    // One probe per dependency per interval: a burst slower than the interval may span two.
    const intervals = Math.floor((Date.now() - started) / (e2eProbeIntervalSeconds * 1000)) + 1;
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await counter('vault.op.list')).toBeGreaterThanOrEqual(1);
    expect(await counter('vault.op.list')).toBeLessThanOrEqual(intervals);
    expect(await counter('token.grant.client_credentials')).toBeLessThanOrEqual(intervals);
    expect(await counter('pc.route.profile')).toBeGreaterThanOrEqual(1);
    expect(await counter('pc.route.profile')).toBeLessThanOrEqual(intervals);
  }).toPass({ timeout: 30_000 });
});

test('Partner Center throttling degrades the probed tenant; failing is a 503', async ({ page }) => {
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'throttle',
    retryAfterSeconds: 57,
  });
  await advance(60);
  await openHealth(page);
  await reloadUntil(page, () =>
    expect(card(page, contoso.tenantId)).toHaveAttribute('data-status', 'degraded', soon),
  );
  await expect(card(page, contoso.tenantId).getByTestId('tenant-problem')).toContainText(
    'throttling',
  );
  await expect(dependency(page, 'partnerCenter')).toHaveAttribute('data-state', 'degraded');
  await screenshot(page, 'health-degraded-throttled');

  await emulatorControl('faults', undefined, 'DELETE');
  await emulatorControl('faults', { service: 'partnerCenter', kind: 'status', status: 503 });
  await advance(60);
  await reloadUntil(page, () =>
    expect(dependency(page, 'partnerCenter')).toHaveAttribute('data-state', 'down', soon),
  );
  await expect(card(page, fabrikam.tenantId)).toHaveAttribute('data-status', 'degraded');
  // Every tenant's problem alike: stated once, in Partner Center's row; the card points there.
  await expect(dependency(page, 'partnerCenter').getByTestId('dependency-problem')).toContainText(
    'Partner Center is failing or unreachable: customers cannot be loaded meanwhile.',
  );
  await expect(card(page, fabrikam.tenantId).getByTestId('tenant-shared-outage')).toContainText(
    'Affected by the Partner Center outage',
  );
  await expect(page.getByText(/^Partner Center is failing or unreachable/)).toHaveCount(1);
  expect((await page.request.get('/api/health')).status()).toBe(503);
  await screenshot(page, 'health-degraded-partner-center-down');
});

test('Key Vault down: dependency down, tenants degraded with last known facts, still ready', async ({
  page,
  request,
}) => {
  await emulatorControl('faults', { service: 'vault', kind: 'status', status: 503 });
  await advance(60);
  await openHealth(page);
  await reloadUntil(page, () =>
    expect(dependency(page, 'keyVault')).toHaveAttribute('data-state', 'down', soon),
  );
  await expect(card(page, contoso.tenantId)).toHaveAttribute('data-status', 'degraded');
  // Said once, in Key Vault's row (placed above the tenants while it is down), not on each card.
  await expect(dependency(page, 'keyVault').getByTestId('dependency-problem')).toContainText(
    'Key Vault cannot be reached',
  );
  await expect(card(page, contoso.tenantId).getByTestId('tenant-shared-outage')).toContainText(
    'Affected by the Key Vault outage. See Dependencies.',
  );
  await expect(page.getByText(/^Key Vault cannot be reached/)).toHaveCount(1);
  const dependenciesTop = (await page.locator('#dependencies').boundingBox())!.y;
  const tenantsTop = (await card(page, contoso.tenantId).boundingBox())!.y;
  expect(dependenciesTop).toBeLessThan(tenantsTop);
  await expect(card(page, contoso.tenantId)).toContainText('(last known)');
  // Still ready: a vault every instance shares is down for all of them, and this page (and
  // the cached tokens) would be gone too if the instances left the rotation.
  expect((await request.get('/api/health/ready')).status()).toBe(200);
  // Key Vault's chart says "1 of N failed" under it, the others do not: the charts still line up.
  const chartsAt = await page
    .getByTestId('dependency')
    .locator('svg[role="img"]')
    .evaluateAll((charts) => charts.map((c) => Math.round(c.getBoundingClientRect().left)));
  expect(chartsAt.length).toBeGreaterThan(1);
  expect(new Set(chartsAt).size).toBe(1);
  await screenshot(page, 'health-vault-down');
});

test('an idle tenant is expiring soon after 61 days, then needs re-consent after 90 (AADSTS700082)', async ({
  page,
  browser,
}) => {
  // Ops and Fabrikam's Admin open the page once and reload it after each clock jump.
  await openHealth(page);
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await openHealth(adminPage, fabrikamAdmin);

  await advance(61 * day);
  const idle = card(page, fabrikam.tenantId);
  await reloadUntil(page, () => expect(idle).toHaveAttribute('data-status', 'expiring-soon', soon));
  await expect(idle.getByTestId('tenant-problem')).toContainText('29 days left');
  // The keep-alive is the portal's: a platform operator's organisation runs it.
  await expect(idle.getByTestId('failure-owner')).toContainText(
    "the portal's own side: your organisation runs it",
  );
  await screenshot(page, 'health-expiring-soon');

  await advance(30 * day);
  const expired = card(adminPage, fabrikam.tenantId);
  await reloadUntil(adminPage, () =>
    expect(expired).toHaveAttribute('data-status', 'needs-reconsent', soon),
  );
  await expect(expired.getByTestId('tenant-problem')).toContainText('AADSTS700082');
  await expect(expired.getByTestId('inactivity-limit')).toHaveText('Ended: unused for 90 days');
  await expect(expired.getByRole('link', { name: 'Re-consent' })).toHaveAttribute(
    'href',
    '/onboarding',
  );
  expect((await adminPage.request.get('/api/health')).status()).toBe(503);
  await screenshot(adminPage, 'health-needs-reconsent-idle');
  await adminContext.close();
});

test('re-consent heals a retired grant; a revoked one (AADSTS50173) needs re-consent again', async ({
  page,
  request,
  browser,
}) => {
  // The fix the card offers: the tenant's admin follows Re-consent, consents again, and the
  // tenant is healthy.
  await openHealth(page, fabrikamAdmin);
  await card(page, fabrikam.tenantId).getByRole('link', { name: 'Re-consent' }).click();
  await page.getByRole('link', { name: 'Re-consent Partner Center' }).click();
  await consentInBrowser(page, fabrikamAdmin, demoPassword);
  await expect(page.getByTestId('consent-success')).toBeVisible();
  await page.goto('/health');
  await reloadUntil(page, () =>
    expect(card(page, fabrikam.tenantId)).toHaveAttribute('data-status', 'healthy', soon),
  );

  // The admin's password is reset: Entra revokes the refresh tokens, which nobody notices
  // until the next redemption. The keep-alive (here triggered as a scheduler would) redeems.
  expect(
    (await emulatorControl(`users/${encodeURIComponent(fabrikamAdmin)}/password-reset`, {})).status,
  ).toBe(200);
  await advance(8 * day);
  const keepAlive = await request.post('/api/tokens/keep-alive', { headers: scheduler });
  expect(keepAlive.status()).toBe(200);
  const run = (await keepAlive.json()) as {
    tenants: Array<{ tenantId: string; outcome: string; error: { aadsts: number | null } | null }>;
  };
  expect(run.tenants.find((t) => t.tenantId === fabrikam.tenantId)).toMatchObject({
    outcome: 'failed',
    error: { aadsts: 50173 },
  });

  const revoked = card(page, fabrikam.tenantId);
  await reloadUntil(page, () =>
    expect(revoked).toHaveAttribute('data-status', 'needs-reconsent', soon),
  );
  await expect(revoked.getByTestId('tenant-problem')).toContainText('revoked');
  await expect(revoked).toContainText('AADSTS50173');
  // Days were left on the inactivity clock: the limit did not end it, and nothing is scheduled.
  await expect(revoked.getByTestId('inactivity-limit')).toHaveText(
    'Not applicable until re-consent',
  );
  await expect(revoked).toContainText('None until re-consent');
  await expect(revoked.getByRole('link', { name: 'Re-consent' })).toHaveAttribute(
    'href',
    '/onboarding',
  );
  expect((await request.get('/api/health', { headers: monitor })).status()).toBe(503);
  expect(
    (
      await request.post('/api/tokens/keep-alive', {
        headers: { authorization: 'Bearer not-the-scheduler-token-0000' },
      })
    ).status(),
  ).toBe(401);
  await screenshot(page, 'health-needs-reconsent-revoked');

  // A platform operator reads the same card as another partner's: whose Entra ID it is, not
  // "your" (the operator's), and no button of the partner's.
  const operator = await (await browser.newContext()).newPage();
  try {
    await openHealth(operator);
    const theirs = card(operator, fabrikam.tenantId);
    await expect(theirs.getByTestId('tenant-problem')).toContainText(
      "The stored connection was revoked in Fabrikam Solutions' Entra ID",
    );
    await expect(theirs.getByTestId('failure-owner')).toContainText(
      "a setting in Fabrikam Solutions' Entra ID",
    );
    await expect(theirs).not.toContainText('your Entra ID');
    await expect(theirs.getByRole('link', { name: 'Re-consent' })).toHaveCount(0);
    await screenshot(operator, 'health-needs-reconsent-revoked-operator');
    await operator.setViewportSize({ width: 390, height: 844 });
    await screenshot(operator, 'health-needs-reconsent-revoked-operator-390');
  } finally {
    await operator.context().close();
  }
});

test('a partner tenant taken out of PARTNER_TENANTS: its stored token is never redeemed, and operators are told to delete it', async ({
  page,
  request,
}) => {
  // Northwind is not admitted in this run: as though it had consented before the operator took
  // it out of PARTNER_TENANTS, its secret is written straight into the vault.
  const endpoints = readE2eEndpoints();
  const vault = new SecretClient(
    endpoints.vaultUrl,
    new ClientSecretCredential(portalApp.homeTenantId, portalApp.clientId, portalApp.clientSecret, {
      authorityHost: endpoints.loginUrl,
      disableInstanceDiscovery: true,
    }),
    { disableChallengeResourceVerification: true },
  );
  const name = secretNameFor(unenrolledTenant.tenantId);
  await vault.setSecret(name, 'an-old-refresh-token', {
    contentType: refreshTokenContentType,
    tags: {
      'minted-by': `admin@${unenrolledTenant.domain}`,
      'minted-at': new Date().toISOString(),
      mfa: 'true',
    },
  });
  try {
    const run = await request.post('/api/tokens/keep-alive', { headers: scheduler });
    expect(run.status()).toBe(200);
    const answer = (await run.json()) as {
      summary: { notAdmitted: number };
      tenants: Array<{ tenantId: string; outcome: string }>;
    };
    expect(answer.tenants.find((t) => t.tenantId === unenrolledTenant.tenantId)).toMatchObject({
      outcome: 'not-admitted',
    });
    expect(answer.summary.notAdmitted).toBe(1);
    // Never redeemed (a redemption of that token would have failed), nor rewritten.
    const versions: string[] = [];
    for await (const v of vault.listPropertiesOfSecretVersions(name)) versions.push(v.version!);
    expect(versions).toHaveLength(1);

    await openHealth(page);
    const offBoarded = card(page, unenrolledTenant.tenantId);
    await reloadUntil(page, () =>
      expect(offBoarded).toHaveAttribute('data-status', 'degraded', soon),
    );
    const problem = offBoarded.getByTestId('tenant-problem');
    await expect(problem).toContainText('No longer admitted');
    await expect(problem).toContainText("Delete the tenant's secret in Key Vault");
    await expect(offBoarded.getByRole('link', { name: 'Re-consent' })).toHaveCount(0);
    await screenshot(page, 'health-not-admitted');
  } finally {
    await (await vault.beginDeleteSecret(name)).pollUntilDone();
  }
});
