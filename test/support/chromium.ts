import type { LaunchOptions } from '@playwright/test';
import { ensureTls } from '../../emulator/src/core/tls';

/** The TLS material the test and bench emulators serve; Chromium is pinned to its key. */
export const pinnedTlsDir = '.emulator/test-tls';

/**
 * How the e2e run (playwright.config.ts) and the bench launch Chromium: Debian's Chromium
 * (Playwright's own browser download cannot work on our machines), trusting exactly the
 * emulators' key (no blanket TLS opt-out).
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const { serverSpkiSha256 } = ensureTls(pinnedTlsDir);
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      `--ignore-certificate-errors-spki-list=${serverSpkiSha256}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
