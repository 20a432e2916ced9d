import type { Page } from '@playwright/test';
import { demoPassword } from '../../emulator/src/seed/identities';
import { currentTotp } from './emulator-control';
import { portalUrl } from './environment';
import { nextMicrosoftStep } from './microsoft-steps';

const backOnPortal = (url: URL, portal = portalUrl) =>
  url.href.startsWith(portal) && !url.pathname.startsWith('/api/auth');

/**
 * Signs `upn` in through the portal's sign-in button and the emulator's real pages
 * (password, TOTP read from the control API, consent when asked). Starts from the
 * current page when it shows the portal's sign-in button (or `options.button`), else from `/auth/sign-in`.
 * Resolves once the browser is back on a portal page. `options.portal`: another instance than the run's.
 */
export async function signIn(
  page: Page,
  upn: string,
  password = demoPassword,
  options: { button?: RegExp; portal?: string } = {},
): Promise<void> {
  const portal = options.portal ?? portalUrl;
  const button = page
    .getByRole('button', {
      name: options.button ?? /sign in with microsoft|sign in again|try again/i,
    })
    .first();
  if (!page.url().startsWith(portal) || !(await button.isVisible()))
    await page.goto(`${portal}/auth/sign-in`);
  await button.click();
  await page.getByLabel(/email/i).fill(upn);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const codeField = page.getByLabel('Code');
  const accept = page.getByRole('button', { name: 'Accept' });
  let verified = false;
  let consented = false;
  for (;;) {
    const step = await nextMicrosoftStep(
      page,
      { code: verified ? null : codeField, consent: consented ? null : accept },
      (url) => backOnPortal(url, portal),
    );
    if (step === 'back') break;
    if (step === 'code') {
      await codeField.fill(await currentTotp(upn));
      await page.getByRole('button', { name: 'Verify' }).click();
      verified = true;
    } else {
      await accept.click();
      consented = true;
    }
  }
  await page.waitForURL((url) => backOnPortal(url, portal));
  await page.waitForLoadState();
}

/** Signs out with the header's button (a POST form) and waits for the confirmation page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${portalUrl}/auth/signed-out`);
}
