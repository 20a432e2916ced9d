import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // `server-only` throws outside React Server Components; lib code is plain Node under test.
      'server-only': fileURLToPath(new URL('./test/support/server-only.ts', import.meta.url)),
    },
  },
  test: {
    include: [
      'lib/**/*.test.ts',
      'emulator/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    // lib/log's event lines are asserted where they matter (lib/log/log.test.ts), not printed.
    env: { LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Emulator-backed tests start HTTPS servers; keep the 2-core machine responsive.
    maxWorkers: 2,
    // Each worker is a fresh process that reads NODE_EXTRA_CA_CERTS (the emulator's test CA) at start.
    pool: 'forks',
    globalSetup: ['./test/support/tls-global-setup.ts'],
  },
});
