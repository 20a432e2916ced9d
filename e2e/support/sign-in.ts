import type { Page } from '@playwright/test';
import { demoPassword } from '../../emulator/src/seed/identities';
import { signInThroughPages } from '../../test/support/sign-in-pages';
import { currentTotp } from './emulator-control';
import { portalUrl } from './environment';

/**
 * Signs `upn` in through the portal's sign-in button and the emulator's real pages
 * (test/support/sign-in-pages.ts) on the run's portal, or `options.portal` (another instance).
 */
export function signIn(
  page: Page,
  upn: string,
  password = demoPassword,
  options: { button?: RegExp; portal?: string; returnsTo?: string } = {},
): Promise<void> {
  return signInThroughPages(page, upn, {
    portal: options.portal ?? portalUrl,
    returnsTo: options.returnsTo,
    totp: currentTotp,
    password,
    button: options.button,
  });
}

/** Signs out with the header's button (a POST form) and waits for the confirmation page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${portalUrl}/auth/signed-out`);
}
