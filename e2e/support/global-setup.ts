import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureTls } from '../../emulator/src/core/tls';
import { buildIsStale, runBuild } from '../../scripts/lib/build';
import {
  ensureAuthSecret,
  startEmulatorProcess,
  startPortalProcess,
  stopProcess,
  type RunningChild,
} from '../../scripts/lib/processes';
import { findLeaks } from './leaks';
import { readOtlpText, startOtlpReceiver } from './otlp-receiver';
import {
  e2eAlertReceiverPort,
  e2eDatabaseDir,
  e2eSmtpSinkPort,
  e2eEmulatorPorts,
  e2eEndpointsFile,
  e2eMonitorToken,
  e2eSchedulerToken,
  e2eSignInPerMinute,
  e2ePortalLogFile,
  e2ePortalPort,
  e2eProbeIntervalSeconds,
  e2eStateDir,
  e2eTlsDir,
} from './environment';

/**
 * Builds the portal once (unless E2E_SKIP_BUILD=1 or the build is fresh), starts the
 * emulator (fresh seeded state), an OTLP receiver, and the standalone server (laid out as the
 * container image has it) with the local profile exporting its telemetry to the receiver.
 * The teardown stops them and fails the run when any span, metric or log line of the whole
 * run holds a token or secret.
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
  // The client secret's expiry, far ahead: e2e/settings-alerts2-conditions.spec.ts moves the
  // emulator clock to days before it (the alert's clock); the onboarding pre-flight judges it
  // on the real clock, so no spec's consent is affected. Workers inherit this process's
  // environment, so the spec reads the same instant.
  const secretExpiresAt = (process.env.E2E_CLIENT_SECRET_EXPIRES_AT ??= new Date(
    Date.now() + 3000 * 86_400_000,
  ).toISOString());
  const children: RunningChild[] = [];
  const receiver = await startOtlpReceiver();
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
        // Specs scan the server log for secrets (e2e/onboarding.spec.ts, e2e/telemetry.spec.ts).
        logFile: e2ePortalLogFile,
        // Short probe cache so health specs see a fresh probe after e2eProbeIntervalSeconds.
        env: {
          HEALTH_PROBE_INTERVAL_SECONDS: String(e2eProbeIntervalSeconds),
          HEALTH_MONITOR_TOKEN: e2eMonitorToken,
          SCHEDULER_TOKEN: e2eSchedulerToken,
          RATE_LIMIT_SIGN_IN_PER_MINUTE: String(e2eSignInPerMinute),
          // e2e/settings-alerts.spec.ts: a failing target's retries wait 1 s, then 2 s.
          ALERT_RETRY_BASE_SECONDS: '1',
          // The SSRF guard stays on: only the specs' receiver is a named exception.
          ALERT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${e2eAlertReceiverPort},127.0.0.1:${e2eSmtpSinkPort}`,
          ENTRA_CLIENT_SECRET_EXPIRES_AT: secretExpiresAt,
          PGLITE_DATA_DIR: path.resolve(e2eDatabaseDir),
          // Telemetry on, exported promptly so specs can wait for it (e2e/telemetry.spec.ts).
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_BSP_SCHEDULE_DELAY: '200',
          OTEL_METRIC_EXPORT_INTERVAL: '1000',
        },
      }),
    );
  } catch (error) {
    for (const child of children.reverse()) await stopProcess(child);
    await receiver.close();
    throw error;
  }
  return async () => {
    for (const child of children.reverse()) await stopProcess(child);
    await receiver.close();
    const log = existsSync(e2ePortalLogFile) ? readFileSync(e2ePortalLogFile, 'utf8') : '';
    const leaks = findLeaks({
      spans: readOtlpText('traces'),
      metrics: readOtlpText('metrics'),
      'portal log': log,
    });
    if (leaks.length > 0)
      throw new Error(`Secrets in the run's telemetry or log:\n${leaks.join('\n')}`);
  };
}
