import { defineConfig } from '@playwright/test';
import { ensureTls } from './emulator/src/core/tls';
import { portalUrl } from './e2e/support/environment';

/** Debian's Chromium: Playwright's own browser download cannot work on our machines. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The emulators of the e2e run serve this key; Chromium trusts exactly it (no blanket TLS opt-out). */
const { serverSpkiSha256 } = ensureTls('.emulator/test-tls');

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    // The portal the global set-up starts (E2E_PORTAL_PORT moves it).
    baseURL: portalUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
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
    },
  },
});
