import type { Page } from '@playwright/test';
import { demoPassword } from '../../emulator/src/seed/identities';
import { nextMicrosoftStep } from './microsoft-steps';

export interface SignInOptions {
  /** The portal's origin, where the sign-in starts and, unless `returnsTo`, comes back to. */
  portal: string;
  /** The public address the sign-in comes back to, when `portal` is one instance behind it. */
  returnsTo?: string;
  /** The user's current TOTP code (the emulator's control API). */
  totp: (upn: string) => Promise<string>;
  password?: string;
  /** The portal's button that starts the sign-in (default: the usual sign-in buttons). */
  button?: RegExp;
}

/**
 * Signs `upn` in through the portal's sign-in button and the emulator's real pages
 * (password, TOTP, consent when asked). Starts from the current page when it shows the
 * portal's sign-in button, else from `/auth/sign-in`. Resolves once the browser is back on a
 * portal page. Shared by the e2e run (e2e/support/sign-in.ts) and the bench.
 */
export async function signInThroughPages(
  page: Page,
  upn: string,
  options: SignInOptions,
): Promise<void> {
  const { portal } = options;
  const backOnPortal = (url: URL) =>
    url.href.startsWith(options.returnsTo ?? portal) && !url.pathname.startsWith('/api/auth');
  const button = page
    .getByRole('button', {
      name: options.button ?? /sign in with microsoft|sign in again|try again/i,
    })
    .first();
  if (!page.url().startsWith(portal) || !(await button.isVisible()))
    await page.goto(`${portal}/auth/sign-in`);
  await button.click();
  await page.getByLabel(/email/i).fill(upn);
  await page.getByLabel('Password').fill(options.password ?? demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const codeField = page.getByLabel('Code');
  const accept = page.getByRole('button', { name: 'Accept' });
  let verified = false;
  let consented = false;
  for (;;) {
    const step = await nextMicrosoftStep(
      page,
      { code: verified ? null : codeField, consent: consented ? null : accept },
      backOnPortal,
    );
    if (step === 'back') break;
    if (step === 'code') {
      await codeField.fill(await options.totp(upn));
      await page.getByRole('button', { name: 'Verify' }).click();
      verified = true;
    } else {
      await accept.click();
      consented = true;
    }
  }
  await page.waitForURL(backOnPortal);
  await page.waitForLoadState();
}
