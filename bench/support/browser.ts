/**
 * Chromium for the bench, launched exactly as the e2e run launches it (playwright.config.ts:
 * Debian's Chromium, pinned to the emulator's TLS key), and a sign-in through the real pages.
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import { benchPortalPort, benchStateDir } from './stack';

/** Launches Chromium with the e2e run's launch options. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(playwrightConfig.use?.launchOptions);
}

/**
 * Signs `upn` in through the portal's sign-in button and the emulator's pages (password,
 * TOTP, consent) with the e2e helper, and returns the signed-in context and its cookie header.
 */
export async function signInThroughPages(browser: Browser, portalUrl: string, upn: string): Promise<{ context: BrowserContext; cookie: string }> {
  // The e2e helpers read their portal URL and emulator state dir from the environment at import.
  process.env.E2E_PORTAL_PORT = String(benchPortalPort);
  process.env.E2E_STATE_DIR = benchStateDir;
  const { signIn } = await import('../../e2e/support/sign-in');
  const context = await browser.newContext({ baseURL: portalUrl });
  const page = await context.newPage();
  await signIn(page, upn);
  await page.close();
  const cookies = await context.cookies(portalUrl);
  if (!cookies.some((c) => c.name.includes('session-token'))) throw new Error(`signing in ${upn} left no session cookie`);
  return { context, cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}
