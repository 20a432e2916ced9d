import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import pg from 'pg';
import { demoPassword, partnerTenants } from '../emulator/src/seed/identities';
import { startPortalProcess, stopProcess, type RunningChild } from '../scripts/lib/processes';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '../test/support/postgres';
import {
  e2eEndpointsFile,
  e2eMonitorToken,
  e2eSchedulerToken,
  e2ePortalPort,
  e2eProbeIntervalSeconds,
  e2eStateDir,
  readE2eAuthSecret,
  readE2eEndpoints,
} from './support/environment';
import { emulatorControl } from './support/emulator-control';
import { consentInBrowser } from './support/onboarding';
import { signIn } from './support/sign-in';
import { attachScreenshot } from './support/widths';

/**
 * Two instances of the portal (the standalone server of the run's one build) on one real
 * PostgreSQL, against the run's emulator: what one instance decides holds on the other.
 * Skipped only when this machine has no PostgreSQL server binaries (CI installs them).
 */
const bin = findPostgresBin();
// CI installs them (.ci/run): there a missing server is a broken set-up, not a reason to skip.
if (!bin && process.env.CI === 'true')
  throw new Error(
    "PostgreSQL server binaries (pg_ctl, initdb) are missing: .ci/run installs Debian's postgresql.",
  );
test.skip(
  !bin,
  'No PostgreSQL server binaries (pg_ctl, initdb): apt-get install postgresql, or set PG_BIN, to run the two-instance spec.',
);
test.describe.configure({ mode: 'serial' });

const [contoso, fabrikam] = partnerTenants as [
  (typeof partnerTenants)[number],
  (typeof partnerTenants)[number],
];
const admin = `admin@${contoso.domain}`;
const keepAliveSeconds = 10;
const ports = [e2ePortalPort + 100, e2ePortalPort + 200] as const;
const [urlA, urlB] = ports.map((port) => `http://localhost:${port}`) as [string, string];

let database: TestPostgres;
const instances: RunningChild[] = [];
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  database = await startTestPostgres(bin as string);
  for (const port of ports) instances.push(await startInstance(port));
  ({ context, page } = await signedInOn(browser, urlA));
});

/** One more instance of the portal, on `port`, sharing the database; its emulator `endpoints`. */
function startInstance(port: number, endpoints = e2eEndpointsFile): Promise<RunningChild> {
  return startPortalProcess(
    {
      port,
      endpointsFile: endpoints,
      caFile: path.resolve(readE2eEndpoints().caFile),
      authSecret: readE2eAuthSecret(),
      logFile: path.join(e2eStateDir, `portal-${port}.log`),
      env: {
        // One public address, as behind a load balancer: a session names the deployment it
        // was signed in to (lib/auth/sessions.ts, sessionAudience), not the instance.
        PORTAL_PUBLIC_URL: urlA,
        // next-auth's own variable left at each instance's address, as a deployment may
        // carry it: PORTAL_PUBLIC_URL must still be the one redirect_uri (lib/auth/options.ts).
        NEXTAUTH_URL: `http://localhost:${port}`,
        DATABASE_URL: database.url,
        HEALTH_MONITOR_TOKEN: e2eMonitorToken,
        // As the run's own portal: a probe is at most this old (the outage test reads one).
        HEALTH_PROBE_INTERVAL_SECONDS: String(e2eProbeIntervalSeconds),
        SCHEDULER_TOKEN: e2eSchedulerToken,
        TOKEN_KEEP_ALIVE_CHECK_SECONDS: String(keepAliveSeconds),
        // Every tenant stays "recently used": the keep-alive runs and audits, but redeems nothing.
        TOKEN_KEEP_ALIVE_IDLE_SECONDS: String(30 * 86_400),
      },
    },
    180_000,
  );
}

test.afterAll(async () => {
  await context?.close();
  for (const instance of instances.reverse()) await stopProcess(instance);
  database?.destroy();
});

async function signedInOn(browser: Browser, portal: string, upn = admin) {
  const fresh = await browser.newContext({ baseURL: portal });
  const opened = await fresh.newPage();
  await signIn(opened, upn, demoPassword, { portal });
  return { context: fresh, page: opened };
}

async function refreshTokenRedemptions(): Promise<number> {
  return (
    ((await emulatorControl('counters')).body as Record<string, number>)[
      'token.grant.refresh_token'
    ] ?? 0
  );
}

test('a consent callback replayed on the other instance is refused', async () => {
  // Redemptions are counted from this fresh consent on (the next test reads the count).
  await emulatorControl('counters/reset', {});
  let captured: { body: string; cookie: string } | null = null;
  await page.route(`${urlA}/api/consent/callback`, async (route) => {
    const consentCookies = (await context.cookies(`${urlA}/api/consent/callback`)).filter(
      (c) => c.path === '/api/consent',
    );
    captured = {
      body: route.request().postData() ?? '',
      cookie: consentCookies.map((c) => `${c.name}=${c.value}`).join('; '),
    };
    await route.continue();
  });
  await page.goto(`${urlA}/onboarding`);
  // A real click: the link is enabled only while no pre-flight check fails. Key Vault's check
  // passes though the keep-alive timer (short here) made the process's vault store before any
  // page did: errors are recognised across module copies (lib/errors/brand.ts).
  await page.getByRole('link', { name: /^(Connect|Re-consent) Partner Center$/ }).click();
  await consentInBrowser(page, admin, demoPassword, 'Accept', urlA);
  await expect(page.getByTestId('consent-success')).toBeVisible();
  await page.unroute(`${urlA}/api/consent/callback`);
  expect(captured).not.toBeNull();
  const { body, cookie } = captured!;
  expect(cookie).not.toBe('');

  const replay = await fetch(`${urlB}/api/consent/callback`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  expect(replay.status).toBe(303);
  const location = replay.headers.get('location') ?? '';
  expect(location).toMatch(/\/onboarding\?failure=[0-9a-f-]{36}$/);
  await page.goto(`${urlB}${new URL(location).pathname}${new URL(location).search}`);
  await expect(page.getByTestId('onboarding-failure')).toHaveAttribute(
    'data-code',
    'cookie_reused',
  );
});

test('200 concurrent Partner Center requests spread over both instances cost one refresh-token redemption', async () => {
  const statuses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      context.request.get(`${i % 2 ? urlA : urlB}/api/customers`).then((r) => r.status()),
    ),
  );
  expect(new Set(statuses)).toEqual(new Set([200]));
  // One redemption since the consent, for both instances: the pages of the test before (health
  // probes on A and on B) and these 200 requests all used the access token one of them redeemed.
  expect(await refreshTokenRedemptions()).toBe(1);
});

test('the 11th consent callback from one address across both instances is a 429', async ({
  request,
}) => {
  const address = '198.51.100.77';
  const post = (portal: string) =>
    request.post(`${portal}/api/consent/callback`, {
      headers: { 'x-forwarded-for': address, 'content-type': 'application/x-www-form-urlencoded' },
      data: 'code=x&state=y',
      maxRedirects: 0,
    });
  for (let i = 0; i < 10; i += 1)
    expect((await post(i % 2 ? urlA : urlB)).status(), `callback ${i + 1}`).not.toBe(429);
  const eleventh = await post(urlA);
  expect(eleventh.status()).toBe(429);
  expect(Number(eleventh.headers()['retry-after'])).toBeGreaterThan(0);
  expect((await post(urlB)).status()).toBe(429);
});

test('the keep-alive runs once per interval across both instances', async () => {
  test.setTimeout(150_000);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const runTimes = async () =>
      (
        await client.query<{ at: Date }>(
          `select occurred_at as at from audit_events where action = 'keep-alive.run' and partner_tenant = $1 order by occurred_at`,
          [contoso.tenantId],
        )
      ).rows.map((r) => new Date(r.at).getTime());
    await expect
      .poll(async () => (await runTimes()).length, { timeout: 120_000, intervals: [1_000] })
      .toBeGreaterThanOrEqual(3);
    const times = await runTimes();
    // Two timers without the lease would audit twice per interval, at unrelated moments; with
    // it, runs are at least ~90 % of an interval apart (half an interval allows for load).
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual((keepAliveSeconds * 1000) / 2);
  } finally {
    await client.end();
  }
});

test("a partner's name one instance learned titles its card on the other", async ({ browser }) => {
  test.setTimeout(120_000);
  // Fabrikam's admin connects through A, whose pages then ask Partner Center for Fabrikam's
  // name (the header) and keep it in the database.
  const fabrikamAdmin = `admin@${fabrikam.domain}`;
  const { context: fab, page: fabPage } = await signedInOn(browser, urlA, fabrikamAdmin);
  await fabPage.goto(`${urlA}/onboarding`);
  await fabPage.getByRole('link', { name: /^(Connect|Re-consent) Partner Center$/ }).click();
  await consentInBrowser(fabPage, fabrikamAdmin, demoPassword, 'Accept', urlA);
  await expect(fabPage.getByTestId('consent-success')).toBeVisible();
  // The header waits at most 2 s for the name and, without it, asks again 30 s later.
  await expect(async () => {
    await fabPage.goto(`${urlA}/customers`);
    await expect(fabPage.getByTestId('partner-name')).toHaveText(fabrikam.name, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const kept = async () =>
      (
        await client.query<{ name: string }>(
          'select name from partner_names where tenant_id = $1',
          [fabrikam.tenantId],
        )
      ).rows[0]?.name;
    await expect.poll(kept, { timeout: 10_000 }).toBe(fabrikam.name);
  } finally {
    await client.end();
  }

  // B never asks Partner Center about another partner (that would redeem its refresh token):
  // Contoso's operator there sees Fabrikam's name only as A kept it, not the consenting
  // admin's domain that health alone would title the card with. The operator's sign-in starts
  // on B and comes back through the public address, A, as a load balancer may route it: B's
  // NEXTAUTH_URL (its own port, above) must not become the redirect_uri, or Entra refuses the code.
  const ops = await browser.newContext({ baseURL: urlB });
  const opsPage = await ops.newPage();
  await signIn(opsPage, `ops@${contoso.domain}`, demoPassword, { portal: urlB, returnsTo: urlA });
  await opsPage.goto(`${urlB}/health`);
  const card = opsPage.locator(
    `[data-testid="tenant-card"][data-tenant-id="${fabrikam.tenantId}"]`,
  );
  await expect(card.getByRole('heading', { level: 3 })).toHaveText(fabrikam.name);
  await expect(card).toHaveAttribute('data-manageable', 'false');
  await expect(
    opsPage.getByRole('region', { name: /^Other partner tenants/ }).getByTestId('tenant-card'),
  ).toHaveAttribute('data-tenant-id', fabrikam.tenantId);
  await Promise.all([fab.close(), ops.close()]);
});

test('signing out on one instance ends the session on the other', async ({ browser }) => {
  const stolen = (await context.cookies()).filter((c) => c.name.includes('session-token'));
  expect(stolen.length).toBeGreaterThan(0);
  expect((await context.request.get(`${urlB}/api/customers`)).status()).toBe(200);
  await page.goto(`${urlA}/`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${urlA}/auth/signed-out`);

  const replay = await browser.newContext({ baseURL: urlB });
  await replay.addCookies(stolen);
  expect((await replay.request.get(`${urlB}/api/customers`, { maxRedirects: 0 })).status()).toBe(
    401,
  );
  const again = await replay.newPage();
  await again.goto(`${urlB}/customers`);
  await expect(again).toHaveURL(/\/auth\/sign-in\?.*ended=revoked/);
  await expect(again.getByTestId('session-ended')).toContainText('This session has ended');
  await replay.close();
});

test("an instance cut off from Key Vault says so, leaves the rotation and is named on the other instance's health page", async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  // A third instance whose path to the vault is broken (a closed port: as a private endpoint's
  // name resolving nowhere would be), with the same database, Entra and Partner Center.
  const endpoints = readE2eEndpoints();
  const brokenPath = path.join(e2eStateDir, 'endpoints-vault-unreachable.json');
  writeFileSync(brokenPath, JSON.stringify({ ...endpoints, vaultUrl: 'https://127.0.0.1:9/' }));
  const portC = e2ePortalPort + 300;
  const urlC = `http://localhost:${portC}`;
  const cutOff = await startInstance(portC, brokenPath);
  // Signed in through the public address (A), as everywhere: the cookie names the host, not the port.
  const { context: onC, page: pageC } = await signedInOn(browser, urlA);
  const ready = async (portal: string) =>
    (await onC.request.get(`${portal}/api/health/ready`)).status();
  // A's probes reach the vault meanwhile: each monitor read probes once per interval.
  const probeOn = (portal: string) =>
    onC.request.get(`${portal}/api/health`, {
      headers: { authorization: `Bearer ${e2eMonitorToken}` },
    });
  try {
    await expect
      .poll(
        async () => {
          await probeOn(urlA);
          await probeOn(urlC);
          return ready(urlC);
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toBe(503);
    // The instances that reach it stay ready: one cut-off instance takes only itself out.
    expect(await ready(urlA)).toBe(200);

    await pageC.goto(`${urlC}/health`);
    // Its own page names its own path, not an outage of Key Vault.
    await expect(pageC.getByTestId('health-summary')).toContainText(
      'This instance cannot reach Key Vault',
    );
    const vaultOnC = pageC.locator('[data-testid="dependency"][data-dependency="keyVault"]');
    await expect(vaultOnC).toHaveAttribute('data-state', 'down');
    // Its box says whose path fails, once; under it, what each instance found: A and B (whose
    // samples of the earlier tests are recent enough) reach it.
    await expect(vaultOnC.getByTestId('dependency-problem')).toContainText(
      'This instance cannot read Key Vault',
    );
    await expect(vaultOnC.getByTestId('instance-split')).toHaveCount(0);
    await expect(vaultOnC.locator('[data-instance-state="ok"]').first()).toBeVisible();
    await attachScreenshot(pageC, testInfo, 'instances', 'cut-off-instance-health');

    // The same session on A (the spec's own page signed out in the test before).
    const pageA = await onC.newPage();
    await pageA.goto(`${urlA}/health`);
    const vaultOnA = pageA.locator('[data-testid="dependency"][data-dependency="keyVault"]');
    await expect(vaultOnA).toHaveAttribute('data-state', 'ok');
    await expect(vaultOnA.getByTestId('instance-split')).toHaveText(
      'Another instance cannot reach Key Vault; this one can.',
    );
    // The platform operator's page names it (its host name here, and its process id).
    await expect(
      vaultOnA.locator('[data-instance-state="down"]', { hasText: `/${cutOff.child.pid}` }),
    ).toBeVisible();
    await attachScreenshot(pageA, testInfo, 'instances', 'reaching-instance-health');

    // Stopped, it ages out of the list two probe intervals and a minute after its last probe.
    await stopProcess(cutOff);
    await expect
      .poll(
        async () => {
          await pageA.reload();
          return vaultOnA.getByTestId('instance-split').count();
        },
        { timeout: 100_000, intervals: [5_000] },
      )
      .toBe(0);
  } finally {
    await onC.close();
    await stopProcess(cutOff);
  }
});

test('the database goes away and comes back: pages say so, a session new to an instance signs in again, a sign-out waits and then holds on both', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  // A session used on instance A only (cookies name the host, not the port: it goes to B too).
  const { context: own, page: ownPage } = await signedInOn(browser, urlA);
  const cookie = (await own.cookies()).filter((c) => c.name.includes('session-token'));
  const databaseState = async (portal: string) => {
    const response = await own.request.get(`${portal}/api/health`, {
      headers: { authorization: `Bearer ${e2eMonitorToken}` },
    });
    const report = (await response.json()) as { dependencies: { name: string; state: string }[] };
    return report.dependencies.find((d) => d.name === 'database')?.state;
  };
  // Contexts signed in along the way, closed at the end.
  const later: BrowserContext[] = [];
  const leaksConnection = (text: string) =>
    text.includes(database.url) ||
    text.includes(`:${database.port}`) ||
    /postgres(ql)?:/i.test(text);
  try {
    database.stop();

    // A: the database's own pages say it is away, without its address; Partner Center's still work.
    await ownPage.goto(`${urlA}/settings/alerts`);
    await expect(ownPage.getByTestId('alerts-unavailable')).toBeVisible();
    expect(leaksConnection(await ownPage.content())).toBe(false);
    await attachScreenshot(ownPage, testInfo, 'database-outage', 'alerts-settings');
    await ownPage.goto(`${urlA}/audit`);
    await expect(ownPage.getByRole('main')).toContainText('the database is not answering');
    // Nothing to export that could only come back refused.
    await expect(ownPage.getByTestId('export-csv')).toHaveCount(0);
    await attachScreenshot(ownPage, testInfo, 'database-outage', 'audit');
    expect(leaksConnection(await ownPage.content())).toBe(false);
    // The home page's latest events: the same card, and Try again keeps to the home page.
    await ownPage.goto(`${urlA}/`);
    const latest = ownPage.getByTestId('latest-audit-unavailable');
    await expect(latest).toContainText('The audit trail cannot be read right now');
    await expect(latest.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '/');
    expect(leaksConnection(await ownPage.content())).toBe(false);
    await attachScreenshot(ownPage, testInfo, 'database-outage', 'home');
    await ownPage.goto(`${urlA}/customers`);
    await expect(ownPage.getByTestId('customer-table').locator('tbody tr')).toHaveCount(25);
    // Probes are cached for a while: one taken since the database stopped says it is down.
    await expect.poll(() => databaseState(urlA), { timeout: 30_000 }).toBe('down');
    // The health page's row says what goes on and what waits, without the database's address.
    await ownPage.goto(`${urlA}/health`);
    const databaseRow = ownPage.locator('[data-testid="dependency"][data-dependency="database"]');
    await expect(databaseRow).toHaveAttribute('data-state', 'down');
    await expect(databaseRow).toContainText('Customer pages and token refreshes go on');
    expect(leaksConnection(await ownPage.content())).toBe(false);
    await attachScreenshot(ownPage, testInfo, 'database-outage', 'health');
    const viewport = ownPage.viewportSize()!;
    await ownPage.setViewportSize({ width: 390, height: 844 });
    await attachScreenshot(ownPage, testInfo, 'database-outage', 'health-390');
    await ownPage.setViewportSize(viewport);

    // B never saw this session and cannot rule out its sign-out: it asks for a sign-in, saying why.
    await ownPage.goto(`${urlB}/customers`);
    await expect(ownPage).toHaveURL(/\/auth\/sign-in\?.*ended=unverifiable/);
    await expect(ownPage.getByTestId('session-ended')).toContainText(
      'its database is not answering',
    );
    await attachScreenshot(ownPage, testInfo, 'database-outage', 'sign-in-unverifiable');

    // Signing in again works meanwhile (rate limits and the session on the instance's own
    // memory): the instance that takes the sign-in, the public address's, has seen the session.
    const signedInAgain = await signedInOn(browser, urlA);
    later.push(signedInAgain.context);
    await signedInAgain.page.goto(`${urlA}/customers`);
    await expect(signedInAgain.page.getByTestId('customer-table').locator('tbody tr')).toHaveCount(
      25,
    );

    // A signs the session out: on A only, until the database is back, and says so.
    await ownPage.goto(`${urlA}/`);
    await ownPage.getByRole('button', { name: 'Sign out' }).click();
    await ownPage.waitForURL(/\/auth\/signed-out\?recorded=this-server/);
    await expect(ownPage.getByRole('main')).toContainText(
      'its other servers learn of this sign-out only when the database is back',
    );
    await attachScreenshot(ownPage, testInfo, 'database-outage', 'signed-out-this-server');
  } finally {
    database.start();
  }

  // Back: A writes the waiting sign-out at its next use of the registry (a sign-in there), and
  // the copied cookie is refused on B as well, as signed out.
  const replay = await browser.newContext({ baseURL: urlB });
  await replay.addCookies(cookie);
  const again = await replay.newPage();
  await expect(async () => {
    later.push((await signedInOn(browser, urlA)).context);
    await again.goto(`${urlB}/customers`);
    await expect(again).toHaveURL(/\/auth\/sign-in\?.*ended=revoked/, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(again.getByTestId('session-ended')).toContainText('This session has ended');
  // And the database's pages answer again.
  const back = later.at(-1)!.pages()[0]!;
  await back.goto(`${urlA}/settings/alerts`);
  await expect(back.getByRole('heading', { name: 'Your partner tenant' })).toBeVisible();
  await expect(back.getByTestId('alerts-unavailable')).toHaveCount(0);
  await expect.poll(() => databaseState(urlA), { timeout: 30_000 }).not.toBe('down');
  await Promise.all([own, replay, ...later].map((c) => c.close()));
});
