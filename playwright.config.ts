import { defineConfig } from '@playwright/test';
import { portalUrl } from './e2e/support/environment';
import { chromiumLaunchOptions } from './test/support/chromium';

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
    // Debian's Chromium, trusting exactly the emulators' TLS key (test/support/chromium.ts).
    launchOptions: chromiumLaunchOptions(),
  },
});
