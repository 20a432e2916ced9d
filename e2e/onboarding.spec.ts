import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type Response } from '@playwright/test';
import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { decodeJwt } from 'jose';
import { demoPassword, partnerTenants, portalApp } from '../emulator/src/seed/identities';
import { emulatorControl, readE2eEndpoints, signIn } from './support/fixtures';
import { e2ePortalLogFile, portalUrl } from './support/environment';
import { vaultEntries } from '../lib/failure/catalogue/vault';
import { connectPartnerCenter, consentInBrowser, screenshotPath } from './support/onboarding';

const contoso = partnerTenants[0]!;
const admin = `admin@${contoso.domain}`;
const secretName = `sam-refresh-token-${contoso.tenantId}`;
/** A signed JWT (id/access token), the emulator's opaque refresh tokens and codes, the client secret. */
const leakPatterns = [
  /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/,
  /1\.AEmu(Code)?\./,
  new RegExp(portalApp.clientSecret.replace(/[.~]/g, '\\$&')),
];

function vaultClient(): SecretClient {
  const endpoints = readE2eEndpoints();
  const credential = new ClientSecretCredential(
    portalApp.homeTenantId,
    portalApp.clientId,
    portalApp.clientSecret,
    {
      authorityHost: endpoints.loginUrl,
      disableInstanceDiscovery: true,
    },
  );
  return new SecretClient(endpoints.vaultUrl, credential, {
    disableChallengeResourceVerification: true,
  });
}

/**
 * Everything the portal sent the browser: HTML bodies, redirect targets and Set-Cookie headers.
 * `settled()` waits for every response's handler (reading a body takes a while); `htmlBodies`
 * counts the pages whose HTML was read, so a scan cannot pass on bodies it never saw.
 */
function recordPortalTraffic(page: Page) {
  const seen: string[] = [];
  const pending: Promise<void>[] = [];
  let htmlBodies = 0;
  page.on('response', (response: Response) => {
    if (!response.url().startsWith(portalUrl)) return;
    pending.push(
      (async () => {
        const headers = await response.allHeaders();
        seen.push(response.url(), headers.location ?? '', headers['set-cookie'] ?? '');
        if (!(headers['content-type'] ?? '').includes('text/html') || response.status() >= 300)
          return;
        // A body the browser dropped when it navigated on cannot be read: counted below.
        const body = await response.text().catch(() => null);
        if (body === null) return;
        seen.push(body);
        htmlBodies += 1;
      })(),
    );
  });
  page.on('request', (request) => {
    if (request.url().startsWith(portalUrl)) seen.push(request.url());
  });
  return {
    seen,
    htmlBodies: () => htmlBodies,
    settled: () => Promise.all(pending),
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

// Other specs may have connected the tenant: start from the seeded cloud.
test.beforeAll(async () => {
  expect((await emulatorControl('reset', {})).status).toBe(200);
});

test('an admin connects Partner Center, re-consents and disconnects; no secret reaches the browser, logs or bundles', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await signIn(page, admin);
  // Recorded from here: portal sign-in (next-auth, response_mode=query) is another issue's flow
  // and carries its one-time, PKCE-bound code in the callback URL by design of that mode.
  const traffic = recordPortalTraffic(page);

  await test.step('the setup checks pass', async () => {
    // The emulator was reset behind the portal's back (beforeAll): what the page looked up for
    // the tenant is shown again for 10 s (lib/onboarding/page-facts.ts), so an earlier spec's
    // look may still say "connected" for a moment.
    await expect(async () => {
      await page.goto('/onboarding');
      await expect(page.getByRole('link', { name: 'Connect Partner Center' })).toBeVisible({
        timeout: 1_000,
      });
    }).toPass({ timeout: 20_000 });
    // One name per step: the menu entry is the title, the step bar's names head the cards.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Onboarding');
    await expect(page.getByRole('heading', { level: 2, name: /Check setup$/ })).toBeVisible();
    await expect(
      page.getByRole('heading', { level: 2, name: /Consent at Microsoft$/ }),
    ).toBeVisible();
    await expect(page.locator('[data-check="app-registration"]')).toHaveAttribute(
      'data-status',
      'pass',
    );
    await expect(page.locator('[data-check="key-vault"]')).toHaveAttribute('data-status', 'pass');
    // The emulator's app lists the localhost callback: nothing to do, so no "Action".
    await expect(page.locator('[data-check="redirect-uri"]')).toHaveAttribute(
      'data-status',
      'pass',
    );
    // The emulator's app registration asks for auth_time (README, set-up), so this admin's own
    // sign-in said when Entra took the credentials.
    await expect(page.locator('[data-check="sign-in-time"]')).toHaveAttribute(
      'data-status',
      'pass',
    );
    // Step 1 is ticked green only when no check lists a fix.
    const fixes = await page
      .getByTestId('preflight-checks')
      .locator('li[data-status]:not([data-status="pass"])')
      .filter({ hasText: 'Fix:' })
      .count();
    await expect(
      page.getByRole('list', { name: 'Onboarding steps' }).locator('[data-step-state]').first(),
    ).toHaveAttribute('data-step-state', fixes > 0 ? 'attention' : 'done');
    await page.screenshot({ path: screenshotPath('1-preflight-and-connect.png'), fullPage: true });
    // On a phone a check's text runs under its verdict, the card's whole width, not in a
    // column beside it; from `sm` the verdicts stand in a column of their own. A passed check
    // is folded under the list's one line: opened to be measured.
    await page.getByTestId('preflight-folded').locator('summary').click();
    const check = page.locator('[data-check="app-registration"]');
    const textBeside = async () => {
      const [row, summary, badge] = await Promise.all([
        check.boundingBox(),
        check.getByText(/^Entra issued an app token/).boundingBox(),
        check.locator(':scope > span').first().boundingBox(),
      ]);
      return { full: summary!.width / row!.width, beside: summary!.x > badge!.x + badge!.width };
    };
    await page.setViewportSize({ width: 390, height: 844 });
    const phone = await textBeside();
    expect(phone.beside).toBe(false);
    expect(phone.full).toBeGreaterThan(0.95);
    // Back to the size the rest of the test (and its screenshots) had.
    await page.setViewportSize({ width: 1280, height: 720 });
    expect((await textBeside()).beside).toBe(true);
  });

  await test.step('consent with password, TOTP and consent page; the result shows the customer count', async () => {
    await page.getByRole('link', { name: 'Connect Partner Center' }).click();
    await consentInBrowser(page, admin, demoPassword);
    await expect(page).toHaveURL(/\/onboarding\/result\?outcome=[0-9a-f-]{36}$/);
    await expect(page.getByTestId('consent-success')).toBeVisible();
    // Contoso has 60 customers: one first page of up to 100, and the wording says it is a page, not a total.
    await expect(page.getByTestId('customer-count')).toHaveText('60');
    await expect(page.getByTestId('live-check')).toContainText(
      'Partner Center answered with a first page of 60 customers.',
    );
    await expect(page.getByTestId('consented-by')).toHaveText(admin);
    await expect(page.getByTestId('secret-name')).toHaveText(secretName);
    // Connected and working: re-consenting is on offer, not the main (brand) action.
    await expect(page.getByRole('link', { name: 'Re-consent Partner Center' })).not.toHaveClass(
      /bg-brand-600/,
    );
    await page.screenshot({ path: screenshotPath('3-result.png'), fullPage: true });
  });

  let refreshToken = '';
  await test.step('the secret is in the vault with its tags and redeems for a Partner Center token', async () => {
    const secret = await vaultClient().getSecret(secretName);
    refreshToken = secret.value ?? '';
    expect(secret.properties.tags).toMatchObject({
      'minted-by': admin,
      mfa: 'true',
      'client-id': portalApp.clientId,
      'endpoint-version': expect.stringMatching(/^v[12]$/),
    });
    await expect(page.getByTestId('secret-version')).toHaveText(
      secret.properties.version ?? 'missing',
    );
    const v2 = secret.properties.tags?.['endpoint-version'] === 'v2';
    const response = await fetch(
      `${readE2eEndpoints().loginUrl}/organizations/oauth2/${v2 ? 'v2.0/' : ''}token`,
      {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: portalApp.clientId,
          client_secret: portalApp.clientSecret,
          refresh_token: refreshToken,
          ...(v2
            ? { scope: 'https://api.partnercenter.microsoft.com/user_impersonation' }
            : { resource: 'https://api.partnercenter.microsoft.com' }),
        }),
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string };
    expect(decodeJwt(body.access_token)).toMatchObject({
      aud: 'https://api.partnercenter.microsoft.com',
      tid: contoso.tenantId,
    });
  });

  await test.step('re-consent stores a new version; the history lists both', async () => {
    await page.getByRole('link', { name: /Re-consent/ }).click();
    await consentInBrowser(page, admin, demoPassword);
    await expect(page.getByTestId('consent-success')).toBeVisible();
    await expect(page.getByTestId('version-history').locator('tbody tr')).toHaveCount(2);
    await page.getByText('Disconnect Partner Center…').click();
    await page.screenshot({ path: screenshotPath('4-history-and-disconnect.png'), fullPage: true });
  });

  await test.step('no token, code or client secret in portal HTML, redirects, cookies, server log or client bundles', async () => {
    const cookies = (await context.cookies(portalUrl)).map((c) => `${c.name}=${c.value}`);
    const log = readFileSync(e2ePortalLogFile, 'utf8');
    const distDir = process.env.NEXT_DIST_DIR ?? '.next';
    const bundles = filesUnder(path.join(distDir, 'static'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(f, 'utf8'));
    await traffic.settled();
    // The wizard, Microsoft's round trip and the result page: at least the portal's own pages.
    expect(traffic.htmlBodies()).toBeGreaterThanOrEqual(3);
    for (const [where, texts] of Object.entries({
      traffic: traffic.seen,
      cookies,
      log: [log],
      bundles,
    })) {
      for (const text of texts) {
        expect(text.includes(refreshToken), `refresh token in ${where}`).toBe(false);
        for (const pattern of leakPatterns)
          expect(text, `${pattern} in ${where}`).not.toMatch(pattern);
      }
    }
  });

  await test.step('disconnect asks to type "disconnect", then soft-deletes the secret', async () => {
    await page.getByLabel(/to confirm/).fill(contoso.tenantId);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    // Another word: the form again, open, its field marked and focused, saying why; the
    // secret still there.
    const field = page.getByLabel(/to confirm/);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toBeFocused();
    await expect(field).toHaveValue('');
    await expect(field).toHaveAccessibleDescription(
      'You typed another word, so nothing was disconnected. Type disconnect to confirm.',
    );
    expect((await vaultClient().getSecret(secretName)).value).toBeTruthy();
    await page.screenshot({ path: screenshotPath('5-disconnect-retype.png'), fullPage: true });
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({
      path: screenshotPath('5-disconnect-retype-phone.png'),
      fullPage: true,
    });
    if (wide) await page.setViewportSize(wide);
    await field.fill('disconnect');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByTestId('disconnected')).toBeVisible();
    await page.screenshot({ path: screenshotPath('5-disconnected.png'), fullPage: true });
    const deleted = await vaultClient().getDeletedSecret(secretName);
    expect(deleted.properties.recoveryId).toBeTruthy();
  });
});

test('a forged callback without the consent cookie changes nothing and explains itself', async ({
  page,
}) => {
  await signIn(page, admin);
  const response = await page.request.post('/api/consent/callback', {
    form: { code: 'forged-code', id_token: 'a.b.c', state: 'x'.repeat(43) },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  const location = response.headers().location ?? '';
  expect(location).toMatch(/\/onboarding\?failure=[0-9a-f-]{36}$/);
  await page.goto(location);
  const failure = page.getByTestId('onboarding-failure');
  await expect(failure).toHaveAttribute('data-code', 'cookie_missing');
  // Named as step 2's button: the page's one way to start the consent again.
  await expect(
    failure.getByRole('link', { name: /^(Connect|Re-consent) Partner Center$/ }),
  ).toHaveAttribute('href', '/api/consent/start');
  await page.screenshot({ path: screenshotPath('6-failure.png'), fullPage: true });
});

test('a vault outage shows as a failed pre-flight check with the fix', async ({ page }) => {
  await signIn(page, admin);
  await emulatorControl('faults', { service: 'vault', kind: 'status', status: 503 });
  try {
    // What the pages looked up is shown again for 10 s (lib/onboarding/page-facts.ts): the
    // outage shows at the first look after the one the test before made.
    const check = page.locator('[data-check="key-vault"]');
    await expect(async () => {
      await page.goto('/onboarding');
      await expect(check).toHaveAttribute('data-status', 'fail', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(check).toContainText('Fix:');
    await expect(page.getByRole('link', { name: 'Connect Partner Center' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await page.screenshot({ path: screenshotPath('7-preflight-vault-down.png'), fullPage: true });
    // The connection page cannot read the connection: that is not a failed connection, and its
    // button reads again rather than sending the admin through consent.
    const failure = page.getByTestId('onboarding-failure');
    await expect(async () => {
      await page.goto('/onboarding/result');
      await expect(failure).toHaveAttribute('data-code', 'vault_unavailable', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(failure).toContainText('Could not read the connection');
    await expect(failure.getByRole('link', { name: 'Check again' })).toHaveAttribute(
      'href',
      '/onboarding/result',
    );
    await page.screenshot({ path: screenshotPath('8-result-vault-down.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({
      path: screenshotPath('8-result-vault-down-phone.png'),
      fullPage: true,
    });
    await page.goto('/onboarding');
    await expect(page.getByTestId('connection-unknown')).toBeVisible();
    await page.screenshot({
      path: screenshotPath('7-preflight-vault-down-phone.png'),
      fullPage: true,
    });
  } finally {
    await emulatorControl('faults', undefined, 'DELETE');
  }
});

// Someone with access to the portal's vault disabled the version it reads (Azure's portal, or
// `az keyvault secret set-attributes --enabled false`): reloading never helps, so the pages say
// what does, and a new consent, which stores a new enabled version, connects again.
test('a stored connection disabled in Key Vault: onboarding says so with the fix, and a new consent connects again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await connectPartnerCenter(page, admin, { ifNeeded: true });
  const vault = vaultClient();
  const stored = (await vault.getSecret(secretName)).properties.version!;
  await vault.updateSecretProperties(secretName, stored, { enabled: false });
  try {
    // What the page looked up is shown again for 10 s (lib/onboarding/page-facts.ts).
    const notice = page.getByTestId('connection-unknown');
    await expect(async () => {
      await page.goto('/onboarding');
      await expect(notice).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    // Contoso's Admin is a platform operator here: the vault is theirs to fix, and the partner's
    // own way (a new consent) is named too, addressed to them; the problem says what cannot be
    // read, without a lead sentence saying it first.
    await expect(notice).toHaveText(
      `${vaultEntries.vault_secret_disabled.ownAdmin!.problem} Enable its current version in Key Vault, or re-consent in onboarding to store a new one.`,
    );
    await expect(notice).not.toContainText('Reload');
    await page.screenshot({ path: screenshotPath('9-stored-disabled.png'), fullPage: true });

    const failure = page.getByTestId('onboarding-failure');
    await page.goto('/onboarding/result');
    await expect(failure).toHaveAttribute('data-code', 'vault_secret_disabled');
    await expect(failure).toContainText('Until the portal can read the stored connection');
    await expect(failure).not.toContainText('Until Key Vault answers');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({
      path: screenshotPath('9-result-stored-disabled-phone.png'),
      fullPage: true,
    });
    await page.setViewportSize({ width: 1280, height: 720 });

    // Their own tenant's Admin as well: beside the vault's fix, the partner's way out the words
    // name, a new consent, which stores a new version, enabled.
    await expect(failure.getByRole('link', { name: 'Check again after fixing' })).toHaveAttribute(
      'href',
      '/onboarding',
    );
    await failure.getByRole('link', { name: 'Re-consent Partner Center' }).click();
    await consentInBrowser(page, admin, demoPassword);
    await expect(page.getByTestId('consent-success')).toBeVisible();
    const replaced = (await vault.getSecret(secretName)).properties;
    expect(replaced.version).not.toBe(stored);
    expect(replaced.enabled).toBe(true);
    await page.goto('/onboarding');
    await expect(notice).toHaveCount(0);
  } finally {
    // Had the re-consent not happened, the tenant's current version would stay disabled for the
    // specs after this one: enabled again then. After it, the version it replaced stays disabled,
    // as the portal leaves every replaced version.
    const current = await vault.getSecret(secretName).catch(() => null);
    if (!current) await vault.updateSecretProperties(secretName, stored, { enabled: true });
  }
});
