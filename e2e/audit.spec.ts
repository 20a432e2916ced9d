import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoPassword, partnerTenants, portalApp } from '../emulator/src/seed/identities';
import { exactlyOneEvent, exportedEvents } from './support/audit';
import { e2eSchedulerToken } from './support/environment';
import { emulatorControl, signIn } from './support/fixtures';
import { expectHydrated } from './support/hydration';
import { connectPartnerCenter, consentInBrowser } from './support/onboarding';

const [contoso, fabrikam] = partnerTenants as [
  (typeof partnerTenants)[number],
  (typeof partnerTenants)[number],
];
const operator = `admin@${contoso.domain}`; // Admin of the portal's home tenant: a platform operator
const fabrikamAdmin = `admin@${fabrikam.domain}`;
const sales = `sales@${contoso.domain}`;
const day = 86_400;
const keepAliveBearer = { authorization: `Bearer ${e2eSchedulerToken}` };
/** A signed JWT, the emulator's opaque refresh tokens and codes, the client secret. */
const leakPatterns = [
  /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/,
  /1\.AEmu(Code)?\./,
  new RegExp(portalApp.clientSecret.replace(/[.~]/g, '\\$&')),
];

test.describe.configure({ mode: 'serial' });

async function signedIn(browser: Browser, upn: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, upn);
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** The signed-in admin consents again from the onboarding page. */
async function reconsent(page: Page): Promise<void> {
  await page.goto('/onboarding');
  await page.getByRole('link', { name: 'Re-consent Partner Center' }).click();
  await consentInBrowser(page, fabrikamAdmin, demoPassword);
  await expect(page.getByTestId('consent-success')).toBeVisible();
}

const since = () => new Date(Date.now() - 1).toISOString();

test.beforeAll(async () => {
  expect((await emulatorControl('reset', {})).status).toBe(200);
});
test.afterAll(async () => {
  // The clock was moved and Fabrikam disconnected: leave the seeded cloud for the next spec.
  await emulatorControl('faults', undefined, 'DELETE');
  await emulatorControl('reset', {});
});

test('every audited action leaves exactly its event, seen by the right people only, with no token in it', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  // Earlier specs in the run leave events of their own: counts look at this test's only.
  const testStart = since();
  const op = await signedIn(browser, operator);
  const audit = op.request;

  await test.step('sign-ins: succeeded with address and browser; refused without MFA and without a role', async () => {
    const from = since();
    const salesPage = await signedIn(browser, sales);
    const ok = await exactlyOneEvent(audit, { action: 'sign-in.succeeded', actor: sales, from });
    expect(ok).toMatchObject({ outcome: 'success', tenant: contoso.tenantId });
    expect(ok.clientAddress).not.toBe('');
    expect(ok.userAgent).toMatch(/Chrom/);
    await salesPage.context().close();
    for (const [upn, reason] of [
      [`nomfa@${contoso.domain}`, 'mfa-missing'],
      [`norole@${contoso.domain}`, 'no-role'],
    ] as const) {
      const page = await (await browser.newContext()).newPage();
      await signIn(page, upn);
      expect(
        await exactlyOneEvent(audit, { action: 'sign-in.refused', actor: upn, from }),
      ).toMatchObject({ outcome: 'refused', reason, tenant: contoso.tenantId });
      await page.context().close();
    }
  });

  const fab = await (await browser.newContext()).newPage();
  let firstVersion = '';
  await test.step('consent started and completed, then a re-consent naming both Key Vault versions', async () => {
    const from = since();
    await connectPartnerCenter(fab, fabrikamAdmin);
    expect(
      await exactlyOneEvent(audit, { action: 'consent.started', actor: fabrikamAdmin, from }),
    ).toMatchObject({ tenant: fabrikam.tenantId, outcome: 'success' });
    const completed = await exactlyOneEvent(audit, {
      action: 'consent.completed',
      actor: fabrikamAdmin,
      from,
    });
    firstVersion = String(completed.details.keyVaultVersion);
    expect(firstVersion).toMatch(/^[0-9a-f]{32}$/);
    expect(completed.details.previousKeyVaultVersion).toBeNull();

    const again = since();
    await reconsent(fab);
    const reconsented = await exactlyOneEvent(audit, {
      action: 'consent.reconsented',
      actor: fabrikamAdmin,
      from: again,
    });
    expect(reconsented.details.previousKeyVaultVersion).toBe(firstVersion);
    expect(reconsented.details.keyVaultVersion).toMatch(/^[0-9a-f]{32}$/);
    expect(reconsented.details.keyVaultVersion).not.toBe(firstVersion);
    expect(await exportedEvents(audit, { action: 'consent.completed', from: again })).toHaveLength(
      0,
    );
  });

  await test.step('a declined consent is a failure with its onboarding code and the AADSTS code', async () => {
    const from = since();
    // Entra's answer when the admin declines: an error form_post to the callback.
    const start = await fab.request.get('/api/consent/start', { maxRedirects: 0 });
    expect(start.status()).toBe(302);
    const state = new URL(start.headers().location ?? '').searchParams.get('state') ?? '';
    const declined = await fab.request.post('/api/consent/callback', {
      form: {
        state,
        error: 'access_denied',
        error_description: 'AADSTS65004: User declined to consent to access the app.',
      },
      maxRedirects: 0,
    });
    expect(declined.status()).toBe(303);
    const failed = await exactlyOneEvent(audit, { action: 'consent.failed', from });
    expect(failed).toMatchObject({
      outcome: 'failure',
      tenant: fabrikam.tenantId,
      actorUpn: fabrikamAdmin,
    });
    expect(failed.reason).toMatch(/^[a-z_]+$/);
    expect(failed.details).toMatchObject({ aadsts: 65004 });
  });

  await test.step('a users CSV export names the customer and the row count', async () => {
    const from = since();
    const customers = (await (await fab.request.get('/api/customers')).json()) as {
      items: { id: string; companyName: string }[];
    };
    const customerId = customers.items[0]?.id ?? '';
    const companyName = customers.items[0]?.companyName ?? '';
    const csv = await (await fab.request.get(`/api/customers/${customerId}/users/export`)).text();
    const rows = csv.trimEnd().split('\r\n').length - 1;
    const exported = await exactlyOneEvent(audit, {
      action: 'customers.users-exported',
      actor: fabrikamAdmin,
      from,
    });
    expect(exported.details).toMatchObject({ customerId, rows });
    expect(exported.clientAddress).not.toBe('');

    // An export another site's page asked for: no file, but the attempt is on record.
    const attempted = since();
    const crossSite = await fab.request.get(`/api/customers/${customerId}/users/export`, {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
    });
    expect(crossSite.status()).toBe(403);
    const refused = await exactlyOneEvent(audit, {
      action: 'customers.users-exported',
      actor: fabrikamAdmin,
      from: attempted,
    });
    expect(refused).toMatchObject({ outcome: 'refused', reason: 'cross_site' });
    expect(refused.details).toEqual({ customerId, rows: 0, started: false });
    await op.goto('/audit?action=customers.users-exported&outcome=refused');
    const row = op.getByRole('row').filter({ hasText: 'cross_site' }).first();
    await expect(row).toContainText(fabrikamAdmin);
    // The act in words, its stored name and reason under them.
    await expect(row.getByRole('rowheader')).toContainText('Users export (CSV)');
    await expect(row.getByRole('rowheader')).toContainText('customers.users-exported · cross_site');
    await screenshot(op, 'audit-export-refused');
    // Its page says the reason in words, the stored code under them.
    await row.getByRole('link').first().click();
    const reason = op
      .getByTestId('audit-detail')
      .locator('div')
      .filter({
        has: op.getByText('Reason', { exact: true }),
      });
    await expect(reason).toContainText(
      'Asked for by another site’s page, not the portal’s own: refused.',
    );
    await expect(reason.locator('.font-mono')).toHaveText('cross_site');
    await screenshot(op, 'audit-detail-refused');
    // The operator reads another partner's customer by its id alone (their own Partner Center
    // does not know it); Fabrikam's Admin by its name, a link to its page, the id under it.
    const detailOf = (page: Page) => page.getByTestId('audit-detail');
    await expect(detailOf(op)).toContainText(`Customer ID${customerId}`);
    await expect(detailOf(op).getByRole('link')).toHaveCount(0);
    await fab.goto(new URL(op.url()).pathname);
    const customer = detailOf(fab)
      .locator('div')
      .filter({ has: fab.getByText('Customer', { exact: true }) });
    await expect(customer.getByRole('link', { name: companyName })).toHaveAttribute(
      'href',
      `/customers/${customerId}`,
    );
    await expect(customer).toContainText(customerId);
    await screenshot(fab, 'audit-detail-customer');
    await customer.getByRole('link', { name: companyName }).click();
    await expect(fab.getByRole('heading', { level: 1 })).toHaveText(companyName);
  });

  await test.step('health refusals: a SalesAgent session (403) and a wrong bearer (401)', async () => {
    const from = since();
    const salesPage = await signedIn(browser, sales);
    expect((await salesPage.request.get('/api/health')).status()).toBe(403);
    expect(
      await exactlyOneEvent(audit, { action: 'health.access-refused', actor: sales, from }),
    ).toMatchObject({ reason: 'forbidden', tenant: contoso.tenantId });
    expect(
      (
        await request.get('/api/health', {
          headers: { authorization: 'Bearer not-the-monitor-token-0000000' },
        })
      ).status(),
    ).toBe(401);
    await expect
      .poll(
        async () =>
          (await exportedEvents(audit, { action: 'health.access-refused', from })).filter(
            (e) => e.reason === 'unauthenticated',
          ).length,
      )
      .toBe(1);
    // The caller with a wrong bearer is nobody signed in, not the portal ("system").
    await op.goto('/audit?action=health.access-refused&outcome=refused');
    const anonymous = op.getByTestId('audit-row').filter({ hasText: 'unauthenticated' }).first();
    await expect(anonymous).toContainText('not signed in');
    await expect(anonymous).not.toContainText('system');
    await salesPage.context().close();
  });

  await test.step('keep-alive runs per tenant and the rotation write-back it causes', async () => {
    const from = since();
    expect((await emulatorControl('clock', { advanceSeconds: 8 * day })).status).toBe(200);
    const run = await request.post('/api/tokens/keep-alive', { headers: keepAliveBearer });
    const body = (await run.json()) as {
      tenants: { tenantId: string; outcome: string; keyVaultVersion: string | null }[];
    };
    const outcome = body.tenants.find((t) => t.tenantId === fabrikam.tenantId);
    expect(outcome).toMatchObject({ outcome: 'refreshed' });
    const ran = (await exportedEvents(audit, { action: 'keep-alive.run', from })).filter(
      (e) => e.tenant === fabrikam.tenantId,
    );
    expect(ran).toHaveLength(1);
    // The scheduler's run covers every partner: its own request (the operator's address,
    // agent and request id) is in no partner's trail; the event says who started it.
    expect(ran[0]).toMatchObject({
      outcome: 'success',
      reason: 'refreshed',
      clientAddress: '',
      userAgent: '',
      correlationId: '',
      details: { result: 'refreshed', startedBy: 'scheduler' },
    });
    const rotated = await exactlyOneEvent(audit, { action: 'token.rotated', from });
    expect(rotated).toMatchObject({ tenant: fabrikam.tenantId });
    expect(rotated.details.keyVaultVersion).toBe(outcome?.keyVaultVersion);
  });

  await test.step('a revoked grant is one redemption failure with its AADSTS code; a re-consent starts afresh', async () => {
    const from = since();
    expect(
      (await emulatorControl(`users/${encodeURIComponent(fabrikamAdmin)}/password-reset`, {}))
        .status,
    ).toBe(200);
    expect((await emulatorControl('clock', { advanceSeconds: 8 * day })).status).toBe(200);
    await request.post('/api/tokens/keep-alive', { headers: keepAliveBearer });
    // The customers page replays the verdict: no new redemption, so no second failure event.
    await fab.goto('/customers');
    const failed = await exactlyOneEvent(audit, { action: 'token.redemption-failed', from });
    expect(failed).toMatchObject({
      tenant: fabrikam.tenantId,
      reason: 'AADSTS50173',
      outcome: 'failure',
    });
    await reconsent(fab);
  });

  await test.step('an Entra outage fails a redemption; the next good one is a recovery', async () => {
    const from = since();
    await emulatorControl('faults', {
      service: 'login',
      kind: 'status',
      status: 503,
      pathPrefix: `/${fabrikam.tenantId}/oauth2`,
    });
    expect((await emulatorControl('clock', { advanceSeconds: 8 * day })).status).toBe(200);
    const during = (await (
      await request.post('/api/tokens/keep-alive', { headers: keepAliveBearer })
    ).json()) as { tenants: { tenantId: string; outcome: string }[] };
    expect(during.tenants.find((t) => t.tenantId === fabrikam.tenantId)).toMatchObject({
      outcome: 'failed',
    });
    await emulatorControl('faults', undefined, 'DELETE');
    const after = (await (
      await request.post('/api/tokens/keep-alive', { headers: keepAliveBearer })
    ).json()) as { tenants: { tenantId: string; outcome: string }[] };
    expect(after.tenants.find((t) => t.tenantId === fabrikam.tenantId)).toMatchObject({
      outcome: 'refreshed',
    });
    expect(await exactlyOneEvent(audit, { action: 'token.redemption-failed', from })).toMatchObject(
      { tenant: fabrikam.tenantId, outcome: 'failure' },
    );
    const recovered = await exactlyOneEvent(audit, { action: 'token.redemption-recovered', from });
    expect(recovered).toMatchObject({ tenant: fabrikam.tenantId, outcome: 'success' });
    expect(recovered.details).toMatchObject({ failuresBefore: 1 });
  });

  await test.step('disconnect names the Key Vault version it removed', async () => {
    const from = since();
    await fab.goto('/onboarding/result');
    await fab.getByText('Disconnect Partner Center…').click();
    await fab.getByLabel(/to confirm/).fill('disconnect');
    await fab.getByRole('button', { name: 'Disconnect' }).click();
    await expect(fab.getByTestId('disconnected')).toBeVisible();
    const disconnected = await exactlyOneEvent(audit, {
      action: 'consent.disconnected',
      actor: fabrikamAdmin,
      from,
    });
    expect(disconnected).toMatchObject({ outcome: 'success', tenant: fabrikam.tenantId });
    expect(disconnected.details.keyVaultVersion).toMatch(/^[0-9a-f]{32}$/);
  });

  await test.step('a partner admin sees their own tenant only; the platform operator sees every tenant', async () => {
    const own = await exportedEvents(fab.request, {});
    expect(own.length).toBeGreaterThan(5);
    expect(own.every((e) => e.tenant === fabrikam.tenantId)).toBe(true);
    const all = await exportedEvents(audit, {});
    expect(new Set(all.map((e) => e.tenant))).toEqual(
      new Set([contoso.tenantId, fabrikam.tenantId, '']),
    );

    await fab.goto('/audit');
    await expect(fab.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible();
    const rows = fab.getByTestId('audit-row');
    await expect(rows.first()).toBeVisible();
    expect(
      new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-tenant')))),
    ).toEqual(new Set([fabrikam.tenantId]));
    // Every row is Fabrikam's own: no column repeats its id.
    await expect(fab.getByRole('columnheader', { name: 'Partner tenant' })).toHaveCount(0);
    // The subtitle names Fabrikam's own tenant, and nothing on the page names Contoso.
    await expect(fab.getByTestId('audit-scope')).toHaveText(
      /^Your partner tenant: (Fabrikam Solutions|fabrikamsolutions\.onmicrosoft\.com)$/,
    );
    const fabText = (await fab.content()).toLowerCase();
    for (const leak of [contoso.tenantId, contoso.domain, contoso.name])
      expect(fabText).not.toContain(leak.toLowerCase());
    await screenshot(fab, 'audit-fabrikam');
    await fab.setViewportSize({ width: 390, height: 844 });
    await screenshot(fab, 'audit-fabrikam-390');
    // Contoso's event id does not exist for Fabrikam's admin.
    const contosoEvent = all.find((e) => e.tenant === contoso.tenantId);
    expect((await fab.goto(`/audit/${contosoEvent?.id}`))?.status()).toBe(404);

    const salesPage = await signedIn(browser, sales);
    expect((await salesPage.goto('/audit'))?.status()).toBe(403);
    expect((await salesPage.request.get('/api/audit/export')).status()).toBe(403);
    await expect(
      salesPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }),
    ).toHaveCount(0);
    await salesPage.context().close();
  });

  await test.step('the page filters, pages and opens an event; screenshots at 1366 and 390 px', async () => {
    await op.setViewportSize({ width: 1366, height: 900 });
    await op.goto('/audit');
    await op.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await op.getByLabel('Action').selectOption('consent.reconsented');
    await op.getByRole('button', { name: 'Apply filters' }).click();
    await expect(op).toHaveURL(/action=consent.reconsented/);
    await expect(op.getByTestId('audit-row').first()).toBeVisible();
    // The form's "From" has minute precision; the query takes this test's start to the millisecond.
    await op.goto(`/audit?action=consent.reconsented&from=${encodeURIComponent(testStart)}`);
    await expect(op.getByTestId('audit-row')).toHaveCount(2);
    await op.goto('/audit');
    // The platform operator's table names each event's partner tenant (its id on hover).
    await expect(op.getByRole('columnheader', { name: 'Partner tenant' })).toBeVisible();
    await expect(op.getByTestId('audit-row').getByTitle(fabrikam.tenantId).first()).toHaveText(
      'Fabrikam Solutions',
    );
    // The date fields have room for "mm/dd/yyyy, --:-- --": five fields in one row cut it short.
    expect((await op.getByLabel('From (UTC)').boundingBox())?.width).toBeGreaterThan(240);
    await screenshot(op, 'audit-1366');
    await op.getByTestId('audit-row').first().getByRole('link').click();
    await expect(op.getByTestId('audit-detail')).toBeVisible();
    await screenshot(op, 'audit-detail-1366');
    await op.setViewportSize({ width: 390, height: 844 });
    await op.goto('/audit');
    // On a phone the five filters fold behind a button, so the first screen shows events.
    const filters = op.getByRole('button', { name: /^Filters/ });
    await expect(filters).toHaveAttribute('aria-expanded', 'false');
    await expect(op.getByLabel('Action')).toBeHidden();
    await expect(op.getByTestId('audit-row').first()).toBeInViewport();
    // Without room for the partner tenant's column, each event still names its tenant.
    await expect(
      op.locator(`[data-testid="audit-row"][data-tenant="${fabrikam.tenantId}"]`).first(),
    ).toContainText('Fabrikam Solutions', { useInnerText: true });
    await screenshot(op, 'audit-390');
    await expectHydrated(filters);
    await filters.click();
    await expect(filters).toHaveAttribute('aria-expanded', 'true');
    await expect(op.getByLabel('Action')).toBeVisible();
    await screenshot(op, 'audit-390-filters-open');
    // A filtered list keeps what narrowed it in sight, and says how many filters apply.
    await op.goto('/audit?action=consent.completed&outcome=success');
    await expect(filters).toHaveAttribute('aria-expanded', 'true');
    await expect(filters).toContainText('2 applied');
    await expect(op.getByLabel('Action')).toHaveValue('consent.completed');
    // Nothing wider than the phone: the table scrolls inside its own box.
    expect(await op.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await op.goto(`/audit/${await op.getByTestId('audit-row').first().getAttribute('data-id')}`);
    await screenshot(op, 'audit-detail-390');
    expect(await op.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const bad = await op.goto('/audit?from=yesterday');
    expect(bad?.status()).toBe(200);
    await expect(op.getByRole('alert').filter({ hasText: 'Filter' })).toContainText('"from"');
    // The refused field is in sight on the phone too, though no filter applies.
    await expect(op.getByLabel('From (UTC)')).toBeVisible();
    // The refused filter is not applied: an export now would hand over the whole trail.
    await expect(op.getByTestId('export-csv')).toHaveCount(0);
    await op.goto('/audit?action=consent.completed');
    await expect(op.getByRole('link', { name: /^Export matches \(CSV\)/ })).toHaveAttribute(
      'href',
      '/api/audit/export?action=consent.completed',
    );
  });

  await test.step('the rows hydrate as drawn and bring only what they show to the browser', async () => {
    // The rows are a client component given their data (components/audit/event-rows.tsx): a
    // difference between the server's HTML and the browser's render is a console error.
    const errors: string[] = [];
    op.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    op.on('pageerror', (error) => errors.push(error.message));
    await op.setViewportSize({ width: 1366, height: 900 });
    await op.goto('/audit');
    await expectHydrated(op.getByTestId('audit-row').first().getByRole('link'));
    expect(errors).toEqual([]);
    const html = await (await op.request.get('/audit')).text();
    expect(html).toContain('audit-row');
    for (const field of ['userAgent', 'correlationId', 'actorTenant', 'details'])
      expect(html, field).not.toContain(`\\"${field}\\"`);
  });

  await test.step('no event holds a token, code or secret', async () => {
    const csv = await (await audit.get('/api/audit/export')).text();
    expect(csv.split('\r\n').length).toBeGreaterThan(20);
    for (const pattern of leakPatterns) expect(csv, String(pattern)).not.toMatch(pattern);
    await op.goto('/audit');
    const html = await op.content();
    for (const pattern of leakPatterns) expect(html, String(pattern)).not.toMatch(pattern);
  });
});
