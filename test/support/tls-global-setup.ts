import { ensureTls } from '../../emulator/src/core/tls';

/** Where every test's emulator keeps its CA and certificates (git-ignored). */
export const testTlsDir = '.emulator/test-tls';

/**
 * Vitest global setup: creates the emulator's test CA before any worker starts and hands it
 * to the workers through NODE_EXTRA_CA_CERTS, which Node reads only at process start (hence
 * `pool: 'forks'`). TLS verification stays on; clients trust exactly this CA.
 */
export default function setup(): void {
  const tls = ensureTls(testTlsDir);
  process.env.NODE_EXTRA_CA_CERTS = tls.caFile;
}
