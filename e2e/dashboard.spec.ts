import { expect, test, type Page } from '@playwright/test';
import { partnerTenants } from '../emulator/src/seed/identities';
import { e2eMonitorToken, e2eProbeIntervalSeconds } from './support/environment';
import { emulatorControl, signIn, signOut } from './support/fixtures';
import { connectPartnerCenter } from './support/onboarding';

const domain = 'contosopartner.onmicrosoft.com';
const admin = `admin@${domain}`;
const sales = `sales@${domain}`;
const ops = `ops@${domain}`;
const fabrikamAdmin = 'admin@fabrikamsolutions.onmicrosoft.com';
const day = 86_400;
const contoso = partnerTenants.find((t) => t.domain === domain)!;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  await emulatorControl('reset', {});
  // The portal learns of the emptied vault at its next probe: wait until its health says so.
  const contosoStatus = async () => {
    const response = await request.get('/api/health', {
      headers: { authorization: `Bearer ${e2eMonitorToken}` },
    });
    const report = (await response.json()) as { tenants: { tenantId: string; status: string }[] };
    return report.tenants.find((t) => t.tenantId === contoso.tenantId)?.status;
  };
  await expect.poll(contosoStatus, { timeout: 20_000 }).toBe('not-connected');
});

test.afterAll(async () => {
  // Later specs start from the seeded state (they connect when they need a tenant).
  await emulatorControl('reset', {});
});

/** Moves the cloud's clock and waits out the portal's probe cache (the next view probes again). */
async function advance(seconds: number): Promise<void> {
  expect((await emulatorControl('clock', { advanceSeconds: seconds })).status).toBe(200);
  await new Promise((r) => setTimeout(r, e2eProbeIntervalSeconds * 1000 + 200));
}

const card = (page: Page) => page.getByTestId('connection-card');

test('before anyone consented: the Admin is offered Connect, others are told whom to ask', async ({
  page,
}) => {
  await signIn(page, admin);
  await page.goto('/');
  await expect(card(page).getByTestId('tenant-status')).toHaveText('Not connected');
  await expect(card(page).getByRole('link', { name: 'Connect Partner Center' })).toHaveAttribute(
    'href',
    '/onboarding#connect',
  );
  // The card says it and offers Connect: "Needs attention" leaves it to the card, and the
  // card has no token facts to give without a stored connection.
  await expect(page.getByTestId('attention')).not.toContainText('Your partner tenant');
  await expect(card(page).getByTestId('days-left')).toHaveCount(0);
  await expect(page.getByTestId('customers-glance')).toContainText(
    'Customers show once Partner Center is connected',
  );
  await signOut(page);

  await signIn(page, sales);
  await page.goto('/');
  await expect(card(page).getByTestId('next-step')).toHaveText(
    'Ask a partner admin to connect Partner Center',
  );
  await expect(card(page).getByRole('link', { name: /connect/i })).toHaveCount(0);
  // A sales agent may not open /health: no link there; nor read the audit trail.
  await expect(page.getByTestId('attention').getByRole('link')).toHaveCount(0);
  await expect(page.getByTestId('latest-audit')).toHaveCount(0);
});

test('connected: days left of 90, the customer count, and the way to the customers', async ({
  page,
}) => {
  await connectPartnerCenter(page, admin);
  // No waiting out the probe cache: consent refreshes what /health and the home page read.
  await page.goto('/');
  await expect(card(page).getByTestId('tenant-status')).toHaveText('Healthy');
  // The partner's name from its Partner Center organization profile, not its tenant id.
  await expect(card(page).getByTestId('connection-partner')).toHaveText('Contoso Partner');
  await expect(page.getByTestId('signed-in-user').getByTestId('partner-name')).toHaveText(
    'Contoso Partner',
  );
  await expect(card(page).getByTestId('days-left')).toHaveText(/^(89|90) days left of 90$/);
  await expect(card(page).getByTestId('refresh-token-stored')).not.toHaveText('Never');
  await expect(card(page).getByRole('link', { name: 'Browse customers' })).toHaveAttribute(
    'href',
    '/customers',
  );
  // Contoso's Admin is a platform operator: Fabrikam (never connected here) is listed, its own tenant is not.
  await expect(page.getByTestId('attention')).toContainText('is not connected to Partner Center');
  await expect(
    page.getByTestId('attention').getByRole('listitem').filter({ hasText: 'Your partner tenant' }),
  ).toHaveCount(0);
  await expect(
    page.getByRole('heading', { name: 'Nothing of your own needs attention' }),
  ).toBeVisible();
  await expect(page.getByTestId('customer-count')).toHaveText(/customers/);
  // The newest audit events of the partner's own tenant: the consent just made is among them
  // (the trail is written in the background, so look again until it shows).
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByTestId('latest-audit-event').filter({ hasText: /Consent completed|Re-consent/ }),
    ).not.toHaveCount(0, { timeout: 1_000 });
  }).toPass();
  await expect(page.getByTestId('latest-audit-event')).toHaveCount(5);
  // The customers card finds a customer: the list opens at the matches, its search filled in.
  await page.getByRole('search', { name: 'Find a customer' }).getByRole('searchbox').fill('Trey');
  await page.getByRole('search', { name: 'Find a customer' }).getByRole('button').click();
  await expect(page).toHaveURL(/\/customers\?q=Trey$/);
  await expect(page.getByLabel('Search customers')).toHaveValue('Trey');
  await expect(page.getByRole('link', { name: 'Trey Research' })).toBeVisible();
  await signOut(page);

  await signIn(page, ops);
  await page.goto('/');
  await expect(card(page).getByRole('link', { name: 'View health' })).toHaveAttribute(
    'href',
    '/health',
  );
  await expect(page.getByTestId('customers-glance')).toHaveCount(0);
});

test('80 days idle: an idle partner is told "ten days left" until its first Partner Center page renews the connection', async ({
  page,
}) => {
  // Fabrikam is connected and its name looked up (cached for ten minutes), then left alone:
  // the health probe uses the home tenant's token (Contoso's), never Fabrikam's.
  await connectPartnerCenter(page, fabrikamAdmin);
  await page.goto('/');
  await expect(page.getByTestId('signed-in-user').getByTestId('partner-name')).toHaveText(
    'Fabrikam Solutions',
  );
  await expect(card(page).getByTestId('days-left')).toHaveText(/^(89|90) days left of 90$/);

  await advance(80 * day);
  // /health reads Key Vault's metadata and probes Partner Center with the home tenant's token:
  // nothing redeems Fabrikam's, so it shows the 80 days of idleness.
  await page.goto('/health');
  const fabrikamCard = page.locator(
    '[data-testid="tenant-card"][data-tenant-id="2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22"]',
  );
  await expect(fabrikamCard).toHaveAttribute('data-status', 'expiring-soon');
  await expect(fabrikamCard.getByTestId('tenant-problem')).toContainText(/(9|10) days left/);

  // The home page states the health report first, then counts the customers: the first
  // Partner Center call in 80 days. The cached access token aged with the emulator's clock,
  // so it redeems the refresh token, which renews the 90-day window and is written back.
  await page.goto('/');
  await expect(card(page).getByTestId('tenant-status')).toHaveText('Expiring soon');
  await expect(card(page).getByTestId('days-left')).toHaveText(/^(9|10) days left of 90$/);
  await expect(card(page).getByRole('link', { name: 'Re-consent Partner Center' })).toHaveAttribute(
    'href',
    '/onboarding#connect',
  );
  await expect(page.getByTestId('attention')).toContainText(
    /Your partner tenant: (9|10) days left of 90/,
  );
  await expect(page.getByTestId('customer-count')).toHaveText(/customers/);

  // What production shows after the same use: healthy again, the window renewed, the rotated
  // refresh token in the audit trail (written in the background, so look again until it shows).
  await expect(async () => {
    await page.reload();
    await expect(card(page).getByTestId('tenant-status')).toHaveText('Healthy', { timeout: 1_000 });
    await expect(
      page.getByTestId('latest-audit-event').filter({ hasText: 'Refresh token rotation' }),
    ).not.toHaveCount(0, { timeout: 1_000 });
  }).toPass();
  await expect(card(page).getByTestId('days-left')).toHaveText(/^(89|90) days left of 90$/);
  await page.goto('/health');
  await expect(fabrikamCard).toHaveAttribute('data-status', 'healthy');
  await page.goto('/onboarding');
  await expect(page.getByTestId('already-connected')).toBeVisible();
  await expect(page.getByTestId('connection-problem')).toHaveCount(0);
});

test('past the 90-day limit: customers fail with the re-consent message, and every page says so', async ({
  page,
}) => {
  // 91 days after the last use (the health probe used Contoso's token on day 80).
  await advance(91 * day);
  await signIn(page, admin);
  // No page before this one: the access token cached on day 80 has aged 91 days with the
  // emulator's clock, so listing customers must redeem, and Entra refuses (AADSTS700082).
  await page.goto('/customers');
  await expect(page.getByTestId('reconsent-prompt')).toContainText(
    'Partner Center needs consent again',
  );
  await expect(page.getByTestId('reconsent-prompt')).toContainText('expired after 90 days');
  await expect(page.getByTestId('customer-table')).toHaveCount(0);
  await page.goto('/health');
  const contosoCard = page.locator(
    '[data-testid="tenant-card"][data-tenant-id="8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11"]',
  );
  await expect(contosoCard).toHaveAttribute('data-status', 'needs-reconsent');
  await expect(contosoCard.getByTestId('tenant-problem')).toContainText('AADSTS700082');
  await page.goto('/');
  await expect(card(page).getByTestId('tenant-status')).toHaveText('Needs re-consent');
  // Inactivity ended it (Entra's AADSTS700082), so the card says so, as /health does.
  await expect(card(page).getByTestId('days-left')).toHaveText('Ended: unused for 90 days');
  await expect(card(page).getByRole('link', { name: 'Re-consent Partner Center' })).toBeVisible();
  await page.goto('/onboarding');
  await expect(page.getByTestId('already-connected')).toHaveCount(0);
  await expect(page.getByTestId('connection-problem')).toHaveAttribute(
    'data-status',
    'needs-reconsent',
  );
  await expect(page.getByRole('link', { name: 'Re-consent Partner Center' })).toBeVisible();
});

test('disconnect shows at once: home and /health say "Not connected" without waiting for the probe interval', async ({
  page,
}) => {
  await signIn(page, admin);
  await page.goto('/onboarding/result');
  await page.getByText('Disconnect Partner Center…').click();
  await page.getByLabel(/to confirm/).fill(await disconnectConfirmation(page));
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByTestId('disconnected')).toBeVisible();
  await page.goto('/');
  await expect(card(page).getByTestId('tenant-status')).toHaveText('Not connected');
  // Not connected now, but the name Partner Center gave while it was stays the partner's name
  // (as in the header): every page names the partner the same way.
  await expect(card(page).getByTestId('connection-partner')).toHaveText('Contoso Partner');
  await expect(card(page).getByTestId('connection-tenant-id')).toHaveCount(0);
  // It was connected a minute ago: the card does not say nobody ever consented.
  await expect(card(page).getByTestId('next-step-reason')).toHaveText(
    'No refresh token is stored for your partner tenant: it was never connected, or was disconnected.',
  );
  await page.screenshot({ path: test.info().outputPath('dashboard-not-connected.png') });
  // On a phone the card's words stay inside it.
  await page.setViewportSize({ width: 390, height: 900 });
  const [nameBox, cardBox] = [
    (await card(page).getByTestId('connection-partner').boundingBox())!,
    (await card(page).boundingBox())!,
  ];
  expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
  await page.screenshot({ path: test.info().outputPath('dashboard-not-connected-390.png') });
  await page.goto('/health');
  await expect(
    page.locator(
      '[data-testid="tenant-card"][data-tenant-id="8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11"]',
    ),
  ).toHaveAttribute('data-status', 'not-connected');
});

/** What the disconnect form asks to be typed (shown next to the field). */
async function disconnectConfirmation(page: Page): Promise<string> {
  return (await page.getByTestId('disconnect-confirmation').textContent())?.trim() ?? '';
}
