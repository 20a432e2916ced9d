import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { demoPassword } from '../../emulator/src/seed/identities';
import { currentTotp } from './emulator-control';
import { portalUrl } from './environment';
import { signIn } from './sign-in';

/**
 * Connects the signed-in admin's partner tenant through the real onboarding wizard: the
 * Connect button, the emulator's sign-in, TOTP and consent pages, back to the portal.
 * A no-op when the tenant is already connected.
 */
export async function connectPartnerCenter(page: Page, adminUpn: string): Promise<void> {
  await signIn(page, adminUpn);
  await page.goto('/onboarding');
  if (await page.getByTestId('already-connected').isVisible()) return;
  await page.getByRole('link', { name: 'Connect Partner Center' }).click();
  const deadline = Date.now() + 45_000;
  const done = new Set<string>();
  while (Date.now() < deadline) {
    if (page.url().startsWith(portalUrl) && !page.url().includes('/api/consent')) {
      if (done.size > 0 || !page.url().endsWith('/onboarding')) break;
    }
    if (!done.has('email') && (await page.getByLabel(/email/i).isVisible())) {
      await page.getByLabel(/email/i).fill(adminUpn);
      await page.getByLabel('Password').fill(demoPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      done.add('email');
    } else if (!done.has('code') && (await page.getByLabel('Code').isVisible())) {
      await page.getByLabel('Code').fill(await currentTotp(adminUpn));
      await page.getByRole('button', { name: 'Verify' }).click();
      done.add('code');
    } else if (!done.has('consent') && (await page.getByRole('button', { name: 'Accept' }).isVisible())) {
      await page.getByRole('button', { name: 'Accept' }).click();
      done.add('consent');
    } else {
      await page.waitForTimeout(150);
    }
  }
  await page.waitForURL((url) => url.href.startsWith(portalUrl) && url.pathname.startsWith('/onboarding/result'), { timeout: 30_000 });
}

/** Full-page screenshot for review, kept under test-results/ (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join('test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
