import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoPassword, partnerTenants } from '../emulator/src/seed/identities';
import {
  currentTotp,
  emulatorControl,
  moveCloudClock,
  portalUrl,
  signIn,
} from './support/fixtures';
import { e2eSchedulerToken } from './support/environment';
import { exportedEvents } from './support/audit';
import { connectPartnerCenter, consentInBrowser } from './support/onboarding';

/**
 * Through the browser: failures of the partner's own set-up, triggered in the
 * emulator, and what the portal's pages say about them (words, code, the button).
 */
const contoso = partnerTenants[0]!;
const admin = `admin@${contoso.domain}`;
const admin2 = `admin2@${contoso.domain}`;

/** Full-page shots at a desktop and a phone width, to look at after the run. */
async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screens', { recursive: true });
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({
      path: `test-results/screens/failures-${name}-${width}.png`,
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test.beforeEach(async () => {
  expect((await emulatorControl('reset', {})).status).toBe(200);
});
test.afterAll(async () => {
  await emulatorControl('reset', {});
});

test('sign-in: user consent is off and a non-admin returns from "Need admin approval" -> the portal names AADSTS90094', async ({
  page,
}) => {
  expect((await emulatorControl('login/app-settings', { userConsent: 'disabled' })).status).toBe(
    200,
  );
  await page.goto('/auth/sign-in');
  await page.getByRole('button', { name: /sign in with microsoft/i }).click();
  await page.getByLabel(/email/i).fill(admin2);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code').fill(await currentTotp(admin2));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Need admin approval' })).toBeVisible();
  await page
    .getByRole('button', { name: 'Return to the application without granting consent' })
    .click();

  await page.waitForURL((url) => url.href.startsWith(`${portalUrl}/auth/error`));
  const failure = page.getByTestId('sign-in-failure');
  await expect(
    page.getByRole('heading', { name: 'An administrator must approve the portal' }),
  ).toBeVisible();
  await expect(failure).toHaveAttribute('data-aadsts', '90094');
  // The code in its own case and monospace after the kicker, as on every failure card.
  await expect(page.locator('p', { hasText: 'Sign-in failed' }).locator('code')).toHaveText(
    'AADSTS90094',
  );
  await expect(failure).toContainText('does not let ordinary users consent');
  await expect(page.getByTestId('failure-owner')).toHaveAttribute('data-owner', 'partner-entra');
  await expect(failure.locator('ol li')).toHaveCount(2);
  await expect(page.getByTestId('sign-in-failure-ids')).toContainText(
    /AADSTS90094 · correlation ID [0-9a-f-]{36}/,
  );
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  // Only catalogue words: Microsoft's description never reaches the page or the address.
  await expect(page.locator('body')).not.toContainText('The grant requires admin permission');
  expect(page.url()).not.toContain('error_description');
  await screenshots(page, 'sign-in-90094');
});

test('consent: MFA required for an account without MFA methods -> AADSTS50079 on the onboarding page, with the set-up checks', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, admin);
  expect(
    (await emulatorControl('login/conditional-access', { requireMfaForPartnerCenter: true }))
      .status,
  ).toBe(200);
  await page.goto('/onboarding');
  await expect(page.locator('[data-check="conditional-access"]')).toContainText(
    'sign-in frequency',
  );
  // Passed checks and notes are folded under one summary row: there, not in the way.
  await expect(page.locator('[data-check="credential-expiry"]')).toBeAttached();
  await page.getByRole('link', { name: /^(Connect|Re-consent) Partner Center$/ }).click();
  await consentInBrowser(page, `nomfa@${contoso.domain}`, demoPassword);

  const panel = page.getByTestId('onboarding-failure');
  await expect(panel).toHaveAttribute('data-code', 'AADSTS50079');
  await expect(
    panel.getByRole('heading', { name: 'The account must register for MFA' }),
  ).toBeVisible();
  await expect(panel).toContainText('https://aka.ms/mfasetup');
  // Connecting again fails the same way until the account has a method: registering comes first.
  await expect(panel.getByRole('link', { name: 'Register an MFA method' })).toHaveAttribute(
    'href',
    'https://aka.ms/mfasetup',
  );
  await expect(
    panel.getByRole('link', { name: /^(Connect|Re-consent) Partner Center once registered$/ }),
  ).toHaveAttribute('href', '/api/consent/start');
  // The id to quote to support, unfolded, as on every failure the portal shows.
  await expect(panel.getByTestId('correlation-id')).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(panel).toContainText('If you contact support, quote correlation ID');
  await screenshots(page, 'consent-50079');
});

test('health: a sign-in frequency policy ends the stored token (AADSTS70043); the card says where the cause is and offers Re-consent', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await connectPartnerCenter(page, admin);
  expect(
    (
      await emulatorControl('login/conditional-access', {
        signInFrequency: { seconds: 3600, users: [admin] },
      })
    ).status,
  ).toBe(200);
  // Idle long enough for the keep-alive, which a scheduler triggers; the policy ends the token.
  expect((await emulatorControl('clock', { advanceSeconds: 8 * 86_400 })).status).toBe(200);
  const keepAlive = await request.post('/api/tokens/keep-alive', {
    headers: { authorization: `Bearer ${e2eSchedulerToken}` },
  });
  expect(keepAlive.status()).toBe(200);
  const run = (await keepAlive.json()) as {
    tenants: Array<{ tenantId: string; outcome: string; error: { aadsts: number | null } | null }>;
  };
  // The scheduler's answer names it too: where the cause is, and the fix.
  expect(run.tenants.find((t) => t.tenantId === contoso.tenantId)).toMatchObject({
    outcome: 'failed',
    error: {
      aadsts: 70043,
      owner: 'partner-entra',
      fix: expect.stringContaining('sign-in-frequency'),
    },
  });

  await page.goto('/health');
  const card = page.locator(`[data-testid="tenant-card"][data-tenant-id="${contoso.tenantId}"]`);
  await expect(card).toHaveAttribute('data-status', 'needs-reconsent');
  const problem = card.getByTestId('tenant-problem');
  await expect(problem).toContainText('Sign-in frequency policy ended the connection');
  // The card shows the fix step by step (its one-line summary is the scheduler's `fix` above).
  await expect(problem.getByTestId('failure-steps')).toContainText(
    'Exclude that account (or a group holding only your portal admin agents) from the policy',
  );
  await expect(problem.getByTestId('failure-owner')).toHaveAttribute('data-owner', 'partner-entra');
  await expect(problem.getByTestId('tenant-problem-code')).toHaveText('AADSTS70043');
  await expect(problem.getByRole('link', { name: 'Re-consent' })).toHaveAttribute(
    'href',
    '/onboarding',
  );
  await screenshots(page, 'health-70043');
});

test('health: a Conditional Access block (AADSTS53003) lifted in Entra: Check again restores the stored connection without a new consent', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await connectPartnerCenter(page, admin);
  expect((await emulatorControl('login/conditional-access', { blockUsers: [admin] })).status).toBe(
    200,
  );
  // Past the access token cached at the consent: the next page redeems the stored grant, and
  // the block refuses it.
  await moveCloudClock(3_700);
  await page.goto('/customers');
  await expect(page.getByTestId('reconsent-prompt')).toBeVisible();

  await page.goto('/health');
  const card = page.locator(`[data-testid="tenant-card"][data-tenant-id="${contoso.tenantId}"]`);
  await expect(card).toHaveAttribute('data-status', 'needs-reconsent');
  const problem = card.getByTestId('tenant-problem');
  await expect(problem.getByTestId('tenant-problem-code')).toHaveText('AADSTS53003');
  await expect(problem).toContainText('The stored connection may work again without a new consent');
  await expect(problem.getByRole('button', { name: 'Check again' })).toBeVisible();
  await expect(problem.getByRole('link', { name: 'Re-consent' })).toBeVisible();
  // The grant works again once the block is lifted, if not left unused too long: days still count.
  await expect(card.getByTestId('inactivity-limit')).toHaveText(/^\d+ days? left of 90$/);
  await screenshots(page, 'health-53003-check-again');

  // The other partner's Admin sees nothing of Contoso's card, its refusal or its button.
  const fabrikamPage = await browser.newPage();
  await signIn(fabrikamPage, `admin@${partnerTenants[1]!.domain}`);
  await fabrikamPage.goto('/health');
  await expect(fabrikamPage.getByTestId('tenant-card').first()).toBeVisible();
  await expect(
    fabrikamPage.locator(`[data-testid="tenant-card"][data-tenant-id="${contoso.tenantId}"]`),
  ).toHaveCount(0);
  await expect(fabrikamPage.getByTestId('check-again')).toHaveCount(0);
  expect(await fabrikamPage.content()).not.toMatch(/AADSTS53003|Contoso/);
  await fabrikamPage.close();

  // The partner's admin excludes the account from the policy in their Entra ID.
  expect((await emulatorControl('login/conditional-access', {})).status).toBe(200);
  await problem.getByRole('button', { name: 'Check again' }).click();
  const result = page.getByTestId('recheck-result');
  await expect(result).toContainText('Entra accepted the stored connection again');
  // The button pressed went with the verdict: the answer takes the focus, where it is read.
  await expect(result).toBeFocused();
  // The page refreshes itself (every 4 s here) at the same address, whose outcome is spent by
  // then: the notice stays through two refreshes (it vanished at the first).
  // The page's own refresh of this address, not a prefetch of the header's /health link.
  const refreshed = () =>
    page.waitForResponse((r) => {
      const url = new URL(r.url());
      return (
        url.pathname === '/health' &&
        url.searchParams.has('_rsc') &&
        url.searchParams.has('recheck') &&
        r.request().headers()['next-router-prefetch'] === undefined
      );
    });
  await refreshed();
  await refreshed();
  await expect(result).toContainText('Entra accepted the stored connection again');
  // Said once, to the Admin who pressed it: the address holds an id, not the result.
  expect(new URL(page.url()).searchParams.get('recheck')).not.toBe('connected');
  await page.reload();
  await expect(page.getByTestId('health-summary')).toBeVisible();
  await expect(result).toHaveCount(0);
  await expect(card).toHaveAttribute('data-status', 'healthy');
  await expect(card.getByTestId('check-again')).toHaveCount(0);
  // Partner Center, skipped while no stored connection worked, is probed with this one at once.
  await expect(
    page.locator('[data-testid="dependency"][data-dependency="partnerCenter"]'),
  ).toHaveAttribute('data-state', 'ok');
  await screenshots(page, 'health-53003-checked-again');
  await page.goto('/customers');
  await expect(page.getByTestId('customer-table').locator('tbody tr').first()).toBeVisible();

  // Who checked, and what Entra said, is in the audit trail.
  await expect
    .poll(async () =>
      (await exportedEvents(page.request, { action: 'token.rechecked' })).some(
        (event) => event.outcome === 'success' && event.actorUpn === admin,
      ),
    )
    .toBe(true);
});

test('health: Entra throttles the connection with loop detection (AADSTS50196): degraded with a wait, never re-consent, and it recovers by itself', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await connectPartnerCenter(page, admin);
  const keepAlive = async () => {
    const response = await request.post('/api/tokens/keep-alive', {
      headers: { authorization: `Bearer ${e2eSchedulerToken}` },
    });
    expect(response.status()).toBe(200);
    const run = (await response.json()) as {
      tenants: Array<{ tenantId: string; outcome: string; error: unknown }>;
    };
    return run.tenants.find((t) => t.tenantId === contoso.tenantId);
  };
  expect((await emulatorControl('login/loop-detection', { users: [admin] })).status).toBe(200);
  // Idle long enough for the keep-alive to redeem: Entra answers invalid_grant AADSTS50196.
  expect((await emulatorControl('clock', { advanceSeconds: 8 * 86_400 })).status).toBe(200);
  expect(await keepAlive()).toMatchObject({
    outcome: 'failed',
    error: { aadsts: 50196, owner: 'portal' },
  });

  await page.goto('/health');
  const card = page.locator(`[data-testid="tenant-card"][data-tenant-id="${contoso.tenantId}"]`);
  await expect(card).toHaveAttribute('data-status', 'degraded');
  const problem = card.getByTestId('tenant-problem');
  await expect(problem).toContainText("Entra is throttling this connection's token requests");
  await expect(problem.getByTestId('tenant-problem-code')).toHaveText('AADSTS50196');
  await expect(card.getByRole('link', { name: 'Re-consent' })).toHaveCount(0);
  await screenshots(page, 'health-50196');

  // Entra stops throttling. Until the portal's wait (60 s, a duration on the host's clock) is
  // over, it does not ask Entra again; then the same grant works, with no re-consent.
  const loopsDetected = async () =>
    ((await emulatorControl('counters')).body as Record<string, number>)['token.error.50196'] ?? 0;
  const detected = await loopsDetected();
  expect((await emulatorControl('login/loop-detection', { users: [] })).status).toBe(200);
  expect(await keepAlive()).toMatchObject({ outcome: 'failed', error: { aadsts: 50196 } });
  expect(await loopsDetected()).toBe(detected);
  // The open health page's own probe may redeem first once the wait is over: the keep-alive
  // then finds the token fresh ('skipped'), which only a successful redemption makes it.
  await expect
    .poll(async () => (await keepAlive())?.outcome, { timeout: 90_000, intervals: [5_000] })
    .toMatch(/^(refreshed|skipped)$/);
  await page.goto('/health');
  await expect(card).toHaveAttribute('data-status', 'healthy');
});

test('Partner Center refuses a consenting account without the Admin agent role: customers page and health card name it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await connectPartnerCenter(page, admin);
  // The list shown now may come from the per-partner cache: Refresh asks Partner Center again.
  await page.goto('/customers');
  const customerId = (await page
    .getByTestId('customer-table')
    .locator('tbody tr')
    .first()
    .getByRole('link')
    .getAttribute('href'))!
    .split('/')
    .pop()!;
  expect(
    (await emulatorControl('partnerCenter/refusals', { notAdminAgents: [admin] })).status,
  ).toBe(200);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByText('The consenting account is not an admin agent')).toBeVisible();
  await expect(page.locator('body')).toContainText('Admin agent role');
  // Only a re-consent fixes it: the Admin's first button goes there, not to the same failure.
  await expect(
    page.getByTestId('failure-panel').getByRole('link', { name: 'Re-consent in onboarding' }),
  ).toHaveAttribute('href', '/onboarding#connect');
  await expect(page.getByRole('link', { name: 'Back to customers' })).toHaveCount(0);
  await screenshots(page, 'customers-not-admin-agent');

  // The health probe runs at most every few seconds: reload until the card shows the refusal.
  const card = page.locator(`[data-testid="tenant-card"][data-tenant-id="${contoso.tenantId}"]`);
  await expect(async () => {
    await page.goto('/health');
    await expect(card.getByTestId('tenant-problem')).toContainText(
      'The consenting account is not an admin agent',
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 30_000 });
  await expect(card).toHaveAttribute('data-status', 'degraded');
  await expect(card.getByTestId('failure-owner')).toHaveAttribute('data-owner', 'partner-center');
  await expect(card.getByRole('link', { name: 'Re-consent' })).toBeVisible();
  await screenshots(page, 'health-not-admin-agent');

  // The same refusal of a customer's users is, under GDAP, most often the roles that customer's
  // admin relationship grants: its words say so, and a re-consent is not offered as the fix.
  // (Aged past the per-partner cache, so Partner Center is asked whatever earlier tests read.)
  await moveCloudClock(180);
  await page.goto(`/customers/${customerId}/users`);
  const usersFailure = page.getByTestId('failure-panel');
  await expect(usersFailure).toContainText(
    'Partner Center refused to show this customer\u2019s users',
  );
  await expect(usersFailure).toContainText('Directory Reader, Global Reader or User Administrator');
  await expect(usersFailure.getByRole('link', { name: 'Re-consent in onboarding' })).toHaveCount(0);
  await expect(usersFailure.getByRole('link', { name: 'Try again' })).toBeVisible();
  await expect(usersFailure.getByTestId('failure-steps')).toContainText('Admin relationships');
  // Not even the customer could be read: the page names it by its id, which the steps need.
  await expect(page.getByTestId('customer-id')).toHaveText(customerId);
  await screenshots(page, 'customer-users-no-user-read-role');
});
