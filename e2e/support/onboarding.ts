import { expect, type Page } from '@playwright/test';
import { demoPassword } from '../../emulator/src/seed/identities';
import { currentTotp } from './emulator-control';
import { portalUrl } from './environment';
import { nextMicrosoftStep } from '../../test/support/microsoft-steps';
import { signIn } from './sign-in';

/** Where onboarding screenshots go (SCREENSHOT_DIR overrides; people look at them after a run). */
export const screenshotPath = (name: string): string =>
  `${process.env.SCREENSHOT_DIR ?? 'test-results/screenshots'}/onboarding-${name}`;

/**
 * Finishes Microsoft's part of a consent in the emulator's real pages: account and password
 * (prompt=login always asks), the TOTP code, and the consent page when it shows. Resolves
 * once the browser is back on the portal (`portal`: another instance than the run's).
 */
export async function consentInBrowser(
  page: Page,
  upn: string,
  password: string,
  decision: 'Accept' | 'Cancel' = 'Accept',
  portal = portalUrl,
): Promise<void> {
  await page.waitForURL((url) => !url.href.startsWith(portal));
  const email = page.getByLabel(/email/i);
  await expect(email).toBeVisible();
  await page.screenshot({ path: screenshotPath('2a-microsoft-sign-in.png'), fullPage: true });
  if ((await email.inputValue()) !== upn) await email.fill(upn);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const codeField = page.getByLabel('Code');
  const consentButton = page.getByRole('button', { name: decision });
  const backOnPortal = (url: URL) => url.href.startsWith(portal);
  let verified = false;
  let decided = false;
  for (;;) {
    const step = await nextMicrosoftStep(
      page,
      { code: verified ? null : codeField, consent: decided ? null : consentButton },
      backOnPortal,
    );
    if (step === 'back') break;
    if (step === 'code') {
      await page.screenshot({ path: screenshotPath('2b-microsoft-mfa.png'), fullPage: true });
      await codeField.fill(await currentTotp(upn));
      await page.getByRole('button', { name: 'Verify' }).click();
      verified = true;
    } else {
      await page.screenshot({ path: screenshotPath('2c-microsoft-consent.png'), fullPage: true });
      await consentButton.click();
      decided = true;
    }
  }
  await page.waitForURL(backOnPortal, { timeout: 30_000 });
  await page.waitForLoadState();
}

/**
 * Connects the admin's partner tenant through the real wizard, or re-consents when it is
 * connected already; with `ifNeeded`, a connected tenant is left as it is.
 */
export async function connectPartnerCenter(
  page: Page,
  upn: string,
  options: { ifNeeded?: boolean } = {},
): Promise<void> {
  await signIn(page, upn);
  await page.goto('/onboarding');
  // The connect step says Connect or Re-consent depending on the vault: wait until it has
  // rendered before asking whether the tenant is connected.
  const start = page.getByRole('link', { name: /^(Connect|Re-consent) Partner Center$/ });
  await expect(start).toBeVisible();
  if (options.ifNeeded && (await page.getByTestId('already-connected').isVisible())) return;
  await start.click();
  await consentInBrowser(page, upn, demoPassword);
  await expect(page.getByTestId('consent-success')).toBeVisible();
}
