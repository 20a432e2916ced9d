import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureTls } from '../../emulator/src/core/tls';
import { buildIsStale, runBuild } from '../../scripts/lib/build';
import { ensureAuthSecret, startEmulatorProcess, startPortalProcess, stopProcess, type RunningChild } from '../../scripts/lib/processes';
import { e2eDatabaseDir, e2eEmulatorPorts, e2eEndpointsFile, e2eMonitorToken, e2ePortalLogFile, e2ePortalPort, e2eProbeIntervalSeconds, e2eStateDir, e2eTlsDir } from './environment';

/**
 * Builds the portal once (unless E2E_SKIP_BUILD=1 or the build is fresh), starts the
 * emulator (fresh seeded state) and `next start` with the local profile, and returns the
 * teardown that stops both.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_SKIP_BUILD !== '1' && buildIsStale()) runBuild();
  // A fresh session secret per run: cookies of an earlier run must not count.
  rmSync(path.join(e2eStateDir, 'auth-secret'), { force: true });
  rmSync(e2ePortalLogFile, { force: true });
  // A fresh embedded database per run: specs count the audit events they cause.
  rmSync(e2eDatabaseDir, { recursive: true, force: true });
  const authSecret = ensureAuthSecret(e2eStateDir);
  // The browser trusts exactly the server key in e2eTlsDir (playwright.config.ts pins its
  // SPKI); the emulator CLI keeps its TLS under <state-dir>/tls, so it gets a copy of it.
  ensureTls(e2eTlsDir);
  cpSync(e2eTlsDir, path.join(e2eStateDir, 'tls'), { recursive: true });
  const children: RunningChild[] = [];
  try {
    const emulator = await startEmulatorProcess({
      stateDir: e2eStateDir,
      reset: true,
      ports: e2eEmulatorPorts,
    });
    children.push(emulator);
    // Specs call the emulator's control API over HTTPS from the worker processes.
    process.env.NODE_EXTRA_CA_CERTS = path.resolve(emulator.endpoints.caFile);
    children.push(
      await startPortalProcess({
        port: e2ePortalPort,
        endpointsFile: e2eEndpointsFile,
        caFile: path.resolve(emulator.endpoints.caFile),
        authSecret,
        // Specs scan the server log for secrets (e2e/onboarding-secrets.spec.ts).
        logFile: e2ePortalLogFile,
        // Short probe cache so health specs see a fresh probe after e2eProbeIntervalSeconds.
        env: { HEALTH_PROBE_INTERVAL_SECONDS: String(e2eProbeIntervalSeconds), HEALTH_MONITOR_TOKEN: e2eMonitorToken, PGLITE_DATA_DIR: e2eDatabaseDir },
      }),
    );
  } catch (error) {
    for (const child of children.reverse()) await stopProcess(child);
    throw error;
  }
  return async () => {
    for (const child of children.reverse()) await stopProcess(child);
  };
}
