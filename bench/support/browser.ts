/**
 * Chromium for the bench, launched exactly as the e2e run launches it (test/support/chromium.ts:
 * Debian's Chromium, pinned to the emulator's TLS key), and a sign-in through the real pages
 * (test/support/sign-in-pages.ts, shared with the e2e run; the bench imports no e2e code).
 */
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/support/chromium';
import { totpAt } from '../../test/support/emulator-control';
import { signInThroughPages as signInPages } from '../../test/support/sign-in-pages';
import { benchStateDir } from './stack';

/** Launches Chromium with the e2e run's launch options. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/**
 * Signs `upn` in through the portal's sign-in button and the bench emulator's pages (password,
 * TOTP, consent), and returns the signed-in context and its cookie header.
 */
export async function signInThroughPages(
  browser: Browser,
  portalUrl: string,
  upn: string,
): Promise<{ context: BrowserContext; cookie: string }> {
  const endpointsFile = path.join(benchStateDir, 'endpoints.json');
  const context = await browser.newContext({ baseURL: portalUrl });
  const page = await context.newPage();
  await signInPages(page, upn, { portal: portalUrl, totp: (u) => totpAt(endpointsFile, u) });
  await page.close();
  const cookies = await context.cookies(portalUrl);
  if (!cookies.some((c) => c.name.includes('session-token')))
    throw new Error(`signing in ${upn} left no session cookie`);
  return { context, cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}
