/**
 * Chromium for the bench, launched exactly as the e2e run launches it (playwright.config.ts:
 * Debian's Chromium, pinned to the emulator's TLS key), and a sign-in through the real pages.
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { benchPortalPort, benchStateDir } from './stack';

/**
 * The e2e helpers (and playwright.config.ts, through them) read their portal URL and
 * emulator state dir from the environment when first imported, so point them at the
 * bench's stack before importing any of them, and import them dynamically.
 */
function pointE2eHelpersAtBench(): void {
  process.env.E2E_PORTAL_PORT = String(benchPortalPort);
  process.env.E2E_STATE_DIR = benchStateDir;
}

/** Launches Chromium with the e2e run's launch options. */
export async function launchBrowser(): Promise<Browser> {
  pointE2eHelpersAtBench();
  const { default: playwrightConfig } = await import('../../playwright.config');
  return chromium.launch(playwrightConfig.use?.launchOptions);
}

/**
 * Signs `upn` in through the portal's sign-in button and the emulator's pages (password,
 * TOTP, consent) with the e2e helper, and returns the signed-in context and its cookie header.
 */
export async function signInThroughPages(
  browser: Browser,
  portalUrl: string,
  upn: string,
): Promise<{ context: BrowserContext; cookie: string }> {
  pointE2eHelpersAtBench();
  const { signIn } = await import('../../e2e/support/sign-in');
  const context = await browser.newContext({ baseURL: portalUrl });
  const page = await context.newPage();
  await signIn(page, upn);
  await page.close();
  const cookies = await context.cookies(portalUrl);
  if (!cookies.some((c) => c.name.includes('session-token')))
    throw new Error(`signing in ${upn} left no session cookie`);
  return { context, cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}
