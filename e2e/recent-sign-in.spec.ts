import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoPassword } from '../emulator/src/seed/identities';
import { startPortalProcess, stopProcess, type RunningChild } from '../scripts/lib/processes';
import { freeLoopbackPort } from '../test/support/ports';
import {
  e2eEndpointsFile,
  e2eSignInPerMinute,
  e2eStateDir,
  readE2eEndpoints,
} from './support/environment';
import { emulatorControl } from './support/emulator-control';
import { consentInBrowser } from './support/onboarding';
import { signIn } from './support/sign-in';

/**
 * Disconnecting Partner Center and changing alert targets need a recent sign-in
 * (lib/auth/recent-sign-in.ts): roles are read at sign-in only, and signing in again reads them
 * from Entra afresh. The session clock is real time, so a portal instance of its own, on the
 * run's build and emulator, has a window of seconds instead of the default 15 minutes.
 */
test.describe.configure({ mode: 'serial' });

const windowSeconds = 15;
const contosoAdmin = 'admin@contosopartner.onmicrosoft.com';
const fabrikamAdmin = 'admin@fabrikamsolutions.onmicrosoft.com';

let instance: RunningChild;
let portal = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // A seeded cloud: no tenant connected yet, every user with their roles.
  expect((await emulatorControl('reset', {})).status).toBe(200);
  const port = await freeLoopbackPort();
  portal = `http://localhost:${port}`;
  const databaseDir = path.resolve(e2eStateDir, 'pglite-recent-sign-in');
  rmSync(databaseDir, { recursive: true, force: true });
  mkdirSync(e2eStateDir, { recursive: true });
  instance = await startPortalProcess({
    port,
    endpointsFile: e2eEndpointsFile,
    caFile: path.resolve(readE2eEndpoints().caFile),
    // Its own secret: the run's portal, on the same host name, shares the browser's cookies.
    authSecret: randomBytes(32).toString('base64url'),
    logFile: path.join(e2eStateDir, `portal-recent-sign-in.log`),
    env: {
      PORTAL_PUBLIC_URL: portal,
      PGLITE_DATA_DIR: databaseDir,
      SESSION_RECENT_SIGN_IN_SECONDS: String(windowSeconds),
      RATE_LIMIT_SIGN_IN_PER_MINUTE: String(e2eSignInPerMinute),
      TOKEN_KEEP_ALIVE_CHECK_SECONDS: '0',
      ...(process.env.E2E_CLIENT_SECRET_EXPIRES_AT
        ? { ENTRA_CLIENT_SECRET_EXPIRES_AT: process.env.E2E_CLIENT_SECRET_EXPIRES_AT }
        : {}),
    },
  });
});

test.afterAll(async () => {
  if (instance) await stopProcess(instance);
  // Back to the seeded cloud (the role removed below, Contoso disconnected) for the next spec.
  await emulatorControl('reset', {});
});

async function signedIn(browser: Browser, upn: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: portal })).newPage();
  await signIn(page, upn, demoPassword, { portal });
  return page;
}

/**
 * Waits until the session's sign-in is too old for the window, as the portal itself judges it:
 * the alerts page says so (a condition, not a sleep: the portal's clock decides).
 */
async function untilSignInIsOld(page: Page): Promise<void> {
  await expect(async () => {
    await page.goto('/settings/alerts');
    await expect(page.getByTestId('sign-in-again-note')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: (windowSeconds + 30) * 1000, intervals: [1000] });
}

/** Fills the alerts page's add form with a webhook and submits it (what follows is the test's). */
async function submitWebhookTarget(page: Page, label: string, url: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a target' });
  await form.getByLabel('Channel').selectOption('webhook');
  await form.getByLabel('Name', { exact: true }).fill(label);
  await form.getByLabel('Webhook URL').fill(url);
  await form.getByRole('button', { name: 'Add target' }).click();
}

async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies(portal);
  return cookies
    .filter((c) => c.name.includes('next-auth.session-token'))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

test('an Admin signed in too long ago signs in again before disconnecting; nothing changes before', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, contosoAdmin);
  // Consent goes through Entra itself: no recent sign-in asked for.
  await page.goto('/onboarding');
  await page.getByRole('link', { name: /^(Connect|Re-consent) Partner Center$/ }).click();
  await consentInBrowser(page, contosoAdmin, demoPassword, 'Accept', portal);
  await expect(page.getByTestId('consent-success')).toBeVisible();
  await untilSignInIsOld(page);

  await test.step('the pages say so before anyone fills a form', async () => {
    await page.goto('/onboarding/result?step=disconnect#disconnect');
    await expect(page.getByTestId('sign-in-again-note')).toContainText(
      `Disconnecting Partner Center needs a sign-in within the last ${windowSeconds} seconds; you signed in`,
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('sign-in-again-note').scrollIntoViewIfNeeded();
    await screenshot(page, 'disconnect-sign-in-again-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/settings/alerts');
    await expect(page.getByTestId('sign-in-again-note')).toContainText(
      'Changing alert targets needs a sign-in',
    );
    await screenshot(page, 'alerts-sign-in-again-1280');
  });

  await test.step('adding an alert target asks to sign in again and adds nothing', async () => {
    await submitWebhookTarget(page, 'Stale session hook', 'https://hooks.example.com/portal');
    await page.waitForURL(/\/auth\/sign-in\?/);
    const address = new URL(page.url());
    expect(address.searchParams.get('confirm')).toBe('alert-targets');
    await expect(page.getByTestId('confirm-sign-in')).toContainText(
      `Changing alert targets needs a sign-in within the last ${windowSeconds} seconds`,
    );
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(`${portal}/settings/alerts`);
    await expect(page.getByText('Stale session hook')).toHaveCount(0);
  });

  const staleCookie = await sessionCookie(page);
  await test.step('disconnecting asks to sign in again and keeps the connection', async () => {
    await page.goto('/onboarding/result?step=disconnect#disconnect');
    await page.getByLabel(/to confirm/).fill('disconnect');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.waitForURL(/\/auth\/sign-in\?/);
    await expect(page.getByRole('heading', { name: 'Sign in again to continue' })).toBeVisible();
    await expect(page.getByTestId('confirm-sign-in')).toContainText(
      'Disconnecting Partner Center needs a sign-in',
    );
    await expect(page.getByTestId('confirm-sign-in')).toContainText('nothing has been changed yet');
    await expect(page.getByText(contosoAdmin)).toBeVisible();
    await screenshot(page, 'confirm-sign-in-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'confirm-sign-in-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/onboarding');
    await expect(page.getByTestId('already-connected')).toBeVisible();
  });

  await test.step('after signing in again, the same form disconnects', async () => {
    await page.goto('/onboarding/result?step=disconnect#disconnect');
    await page.getByRole('link', { name: 'Sign in again now' }).click();
    await page.waitForURL(/\/auth\/sign-in\?/);
    await signIn(page, contosoAdmin, demoPassword, { portal, button: /^Sign in again$/ });
    await expect(page).toHaveURL(`${portal}/onboarding/result?step=disconnect#disconnect`);
    await expect(page.getByTestId('sign-in-again-note')).toHaveCount(0);
    await page.getByLabel(/to confirm/).fill('disconnect');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByTestId('disconnected')).toBeVisible();
  });

  await test.step('the session it replaced is over, on the server too', async () => {
    const old = await page.request.get('/api/customers?size=1', {
      headers: { cookie: staleCookie },
    });
    expect(old.status()).toBe(401);
    expect(await old.json()).toMatchObject({ ended: 'revoked' });
  });
});

test('an Admin whose role was removed in Entra cannot change alert targets, and loses the session on signing in again', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, fabrikamAdmin);
  await untilSignInIsOld(page);
  // The operator removes the Admin's app role assignment in Entra; the session still says Admin.
  expect((await emulatorControl(`users/${fabrikamAdmin}/unassign`, {})).status).toBe(200);
  const staleCookie = await sessionCookie(page);

  await page.goto('/settings/alerts');
  await submitWebhookTarget(page, 'Exfiltration hook', 'https://hooks.example.com/elsewhere');
  await page.waitForURL(/\/auth\/sign-in\?/);

  // Entra now gives no role: the portal refuses the sign-in and ends the old session.
  await signIn(page, fabrikamAdmin, demoPassword, { portal, button: /^Sign in again$/ });
  await expect(page).toHaveURL(/\/auth\/no-access/);
  const old = await page.request.get('/settings/alerts', {
    headers: { cookie: staleCookie },
    maxRedirects: 0,
  });
  expect(old.status()).toBe(307);
  expect(old.headers().location).toContain('ended=revoked');
});

test('a sign-in Entra lets through on earlier credentials (prompt=login dropped) is not a recent one', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Password and MFA: the emulator's Entra keeps this browser signed in (single sign-on).
  const page = await signedIn(browser, contosoAdmin);
  await untilSignInIsOld(page);

  // Someone at this browser drops `prompt=login` on the way to Entra, which then signs them in
  // on the session it keeps, without the password (the portal's request is otherwise intact).
  const authorize = `${readE2eEndpoints().loginUrl}/**/authorize?**`;
  await page.route(authorize, (route) => {
    const address = new URL(route.request().url());
    if (!address.searchParams.has('prompt')) return route.continue();
    address.searchParams.delete('prompt');
    return route.fulfill({ status: 302, headers: { location: address.toString() } });
  });
  await page.goto('/settings/alerts');
  await page.getByRole('link', { name: 'Sign in again now' }).click();
  await page.waitForURL(/\/auth\/sign-in\?/);
  await page.getByRole('button', { name: /^Sign in again$/ }).click();
  // No password page: back on the alerts page, signed in anew, and still asked to sign in.
  await page.waitForURL(`${portal}/settings/alerts`);
  await expect(page.getByTestId('sign-in-again-note')).toContainText(
    'Microsoft last checked it was you',
  );
  await expect(page.getByTestId('sign-in-again-note')).toContainText(
    'went through without asking again',
  );
  await screenshot(page, 'alerts-single-sign-on-1280');
  await submitWebhookTarget(page, 'Single sign-on hook', 'https://hooks.example.com/sso');
  await page.waitForURL(/\/auth\/sign-in\?/);
  await expect(page.getByTestId('confirm-sign-in')).toContainText(
    'went through without asking again (single sign-on). Sign in again, with your credentials, to confirm it is you',
  );
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.waitForURL(`${portal}/settings/alerts`);
  await expect(page.getByText('Single sign-on hook')).toHaveCount(0);

  // With `prompt=login` left alone, Entra asks for the password and MFA, and that counts.
  await page.unroute(authorize);
  await page.getByRole('link', { name: 'Sign in again now' }).click();
  await page.waitForURL(/\/auth\/sign-in\?/);
  await signIn(page, contosoAdmin, demoPassword, { portal, button: /^Sign in again$/ });
  await expect(page).toHaveURL(`${portal}/settings/alerts`);
  await expect(page.getByTestId('sign-in-again-note')).toHaveCount(0);
});
