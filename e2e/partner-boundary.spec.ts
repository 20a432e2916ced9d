import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { demoPassword, partnerTenants, unenrolledTenant } from '../emulator/src/seed/identities';
import { vaultSnapshot } from './security-helpers';
import { e2eMonitorToken, e2eSchedulerToken } from './support/environment';
import { emulatorControl, portalUrl, signIn, signOut } from './support/fixtures';
import { connectPartnerCenter, consentInBrowser, screenshotPath } from './support/onboarding';

/**
 * Two partners connected (Contoso, the home tenant, and Fabrikam): each partner's people see
 * and act on their own tenant only; Contoso's Ops and Admin (platform operators) see both,
 * read-only for Fabrikam; a tenant nobody admitted gets no session; sessions end at sign-out.
 */
const [contoso, fabrikam] = partnerTenants as [
  (typeof partnerTenants)[number],
  (typeof partnerTenants)[number],
];
const upn = (alias: string, tenant: { domain: string }) => `${alias}@${tenant.domain}`;
const origin = new URL(portalUrl).origin;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  await emulatorControl('reset', {});
  for (const tenant of [contoso, fabrikam]) {
    const page = await browser.newPage();
    await connectPartnerCenter(page, upn('admin', tenant));
    await page.close();
  }
});

async function signedIn(
  browser: Browser,
  who: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  return { context, page };
}

const cards = (page: Page) => page.getByTestId('tenant-card');

for (const alias of ['admin', 'ops']) {
  test(`Fabrikam's ${alias} sees only Fabrikam on /health and in /api/health`, async ({
    browser,
  }) => {
    const { context, page } = await signedIn(browser, upn(alias, fabrikam));
    await page.goto('/health');
    await expect(cards(page)).toHaveCount(1);
    await expect(cards(page).first()).toHaveAttribute('data-tenant-id', fabrikam.tenantId);
    await expect(page.getByRole('heading', { name: /Other partner tenants/ })).toHaveCount(0);
    const html = await page.content();
    for (const leak of [contoso.tenantId, contoso.domain, contoso.name])
      expect(html).not.toContain(leak);

    const response = await page.request.get('/api/health');
    expect(response.status()).toBe(200);
    const text = await response.text();
    const report = JSON.parse(text) as { tenants: { tenantId: string }[] };
    expect(report.tenants.map((t) => t.tenantId)).toEqual([fabrikam.tenantId]);
    for (const leak of [contoso.tenantId, contoso.domain]) expect(text).not.toContain(leak);
    await context.close();
  });
}

test("Contoso's Ops and Admin (platform operators) see both partners, and manage only their own", async ({
  browser,
}) => {
  for (const alias of ['ops', 'admin']) {
    const { context, page } = await signedIn(browser, upn(alias, contoso));
    await page.goto('/health');
    await expect(cards(page)).toHaveCount(2);
    const fabrikamCard = page.locator(
      `[data-testid="tenant-card"][data-tenant-id="${fabrikam.tenantId}"]`,
    );
    await expect(fabrikamCard).toHaveAttribute('data-manageable', 'false');
    // Their own tenant first, apart from the partners they only view, in the banner and the
    // sections; "view only" said once, above the other partners' cards.
    const viewed = page.getByRole('region', { name: 'Other partner tenants: 1' });
    await expect(viewed.getByTestId('view-only')).toHaveText(
      'View only: each partner’s own admins connect and re-consent its tenant.',
    );
    await expect(page.getByText(/view only/i)).toHaveCount(1);
    await expect(cards(page).first()).toHaveAttribute('data-tenant-id', contoso.tenantId);
    await expect(viewed.getByTestId('tenant-card')).toHaveAttribute(
      'data-tenant-id',
      fabrikam.tenantId,
    );
    await expect(
      page.getByRole('region', { name: 'Your partner tenant' }).getByTestId('tenant-card'),
    ).toHaveAttribute('data-tenant-id', contoso.tenantId);
    await expect(page.getByTestId('health-summary')).toContainText('Other partner tenants: 1');
    const contosoCard = page.locator(
      `[data-testid="tenant-card"][data-tenant-id="${contoso.tenantId}"]`,
    );
    await expect(contosoCard).toHaveAttribute(
      'data-manageable',
      alias === 'admin' ? 'true' : 'false',
    );
    const report = (await (await page.request.get('/api/health')).json()) as {
      tenants: { tenantId: string }[];
    };
    expect(report.tenants.map((t) => t.tenantId).sort()).toEqual(
      [contoso.tenantId, fabrikam.tenantId].sort(),
    );
    await context.close();
  }
});

test("Fabrikam's Admin runs the keep-alive for Fabrikam only; Contoso's secret is untouched", async ({
  browser,
}) => {
  const before = await vaultSnapshot();
  const { context, page } = await signedIn(browser, upn('admin', fabrikam));
  const response = await page.request.post('/api/tokens/keep-alive', { headers: { origin } });
  expect(response.status()).toBe(200);
  const text = await response.text();
  const run = JSON.parse(text) as { tenants: { tenantId: string }[] };
  expect(run.tenants.map((t) => t.tenantId)).toEqual([fabrikam.tenantId]);
  expect(text).not.toContain(contoso.tenantId);
  const contosoSecret = `sam-refresh-token-${contoso.tenantId}`;
  expect(before[contosoSecret]?.length).toBeGreaterThan(0);
  expect((await vaultSnapshot())[contosoSecret]).toEqual(before[contosoSecret]);
  await context.close();
});

test('the scheduler bearer runs the keep-alive for every tenant; the monitor bearer runs nothing', async ({
  request,
}) => {
  const before = await vaultSnapshot();
  // Monitors only read: their token is refused by name and no secret changes.
  const asMonitor = await request.post('/api/tokens/keep-alive', {
    headers: { authorization: `Bearer ${e2eMonitorToken}` },
  });
  expect(asMonitor.status()).toBe(403);
  expect(((await asMonitor.json()) as { message: string }).message).toMatch(/SCHEDULER_TOKEN/);
  expect(
    (
      await request.post('/api/alerts/evaluate', {
        headers: { authorization: `Bearer ${e2eMonitorToken}` },
      })
    ).status(),
  ).toBe(403);
  expect(await vaultSnapshot()).toEqual(before);
  const response = await request.post('/api/tokens/keep-alive', {
    headers: { authorization: `Bearer ${e2eSchedulerToken}` },
  });
  const run = (await response.json()) as { tenants: { tenantId: string }[] };
  expect(run.tenants.map((t) => t.tenantId).sort()).toEqual(
    [contoso.tenantId, fabrikam.tenantId].sort(),
  );
});

test("Fabrikam's sales agent browses Fabrikam's customers; a Contoso customer id is no such customer", async ({
  browser,
}) => {
  const contosoSales = await signedIn(browser, upn('sales', contoso));
  const contosoCustomers = (await (
    await contosoSales.page.request.get('/api/customers?size=1')
  ).json()) as { items: { id: string }[] };
  const contosoCustomerId = contosoCustomers.items[0]?.id ?? '';
  expect(contosoCustomerId).not.toBe('');
  await contosoSales.context.close();

  const { context, page } = await signedIn(browser, upn('sales', fabrikam));
  const own = (await (await page.request.get('/api/customers?size=50')).json()) as {
    items: { id: string }[];
  };
  expect(own.items.length).toBeGreaterThan(0);
  expect(own.items.map((c) => c.id)).not.toContain(contosoCustomerId);
  const foreign = await page.request.get(`/api/customers/${contosoCustomerId}/users/export`);
  expect(foreign.status()).toBe(404);
  expect(await foreign.json()).toMatchObject({ error: 'not_found' });
  // Partner Center answers 403 "no relationship" for it: for this partner there is no such customer.
  const foreignPage = await page.goto(`/customers/${contosoCustomerId}`);
  expect(foreignPage?.status()).toBe(404);
  await expect(page.getByTestId('customer-not-found')).toContainText('No such customer');
  await expect(page.getByRole('link', { name: 'Try again' })).toHaveCount(0);
  await context.close();
});

test('a tenant nobody admitted is told so, with its tenant id, and gets no session', async ({
  page,
  context,
}) => {
  await signIn(page, upn('admin', unenrolledTenant));
  await page.waitForURL(/\/auth\/not-enrolled/);
  await expect(
    page.getByRole('heading', { name: 'Your organisation is not enrolled in this portal' }),
  ).toBeVisible();
  await expect(page.getByTestId('tenant-id')).toHaveText(unenrolledTenant.tenantId);
  await expect(page.getByRole('button', { name: 'Use another account' })).toBeVisible();
  expect((await context.cookies()).some((c) => c.name.includes('session-token'))).toBe(false);
  expect(await (await page.request.get('/api/auth/session')).json()).toEqual({});
});

test('after sign-out the old session cookie is refused on every route', async ({ browser }) => {
  const { context, page } = await signedIn(browser, upn('admin', contoso));
  const stolen = (await context.cookies()).filter((c) => c.name.includes('session-token'));
  expect(stolen.length).toBeGreaterThan(0);
  expect((await page.request.get('/api/health')).status()).toBe(200);
  await signOut(page);
  await context.close();

  // Someone kept a copy of the cookie: it opens nothing any more.
  const replay = await browser.newContext();
  await replay.addCookies(stolen);
  const again = await replay.newPage();
  for (const path of ['/health', '/customers', '/onboarding']) {
    await again.goto(path);
    await expect(again, path).toHaveURL(/\/auth\/sign-in/);
  }
  for (const [method, path] of [
    ['GET', '/api/health'],
    ['GET', '/api/customers'],
    ['GET', '/api/consent/start'],
    ['POST', '/api/tokens/keep-alive'],
    ['POST', '/api/consent/disconnect'],
  ] as const) {
    const response = await again.request.fetch(path, {
      method,
      headers: { origin },
      maxRedirects: 0,
    });
    expect(response.status(), `${method} ${path}`).toBe(401);
  }
  expect(await (await again.request.get('/api/auth/session')).json()).toEqual({});
  await replay.close();
});

test("a user without a role or a sales agent cannot complete an admin's consent; nothing is stored", async ({
  browser,
}) => {
  for (const intruder of [upn('norole', contoso), upn('sales', contoso)]) {
    const before = await vaultSnapshot();
    const { context, page } = await signedIn(browser, upn('admin', contoso));
    await page.goto('/onboarding');
    await page.getByRole('link', { name: /^(Connect|Re-consent) Partner Center$/ }).click();
    // Someone else finishes Microsoft's pages in the admin's browser.
    await consentInBrowser(page, intruder, demoPassword);
    const failure = page.getByTestId('onboarding-failure');
    await expect(failure).toHaveAttribute('data-code', 'consenter_not_admin');
    await expect(failure).toContainText('not an Admin of the portal in your tenant');
    // Beside the connected banner below: the failed attempt left the earlier connection alone.
    await expect(failure.getByTestId('connection-unchanged')).toBeVisible();
    if (intruder === upn('norole', contoso))
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({
          path: screenshotPath(`consenter-not-admin-${width}.png`),
          fullPage: true,
        });
      }
    expect(await vaultSnapshot(), intruder).toEqual(before);
    await context.close();
  }
});
