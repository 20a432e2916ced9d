/**
 * Where the e2e run's emulator and portal live. Non-default ports so a running
 * `npm run demo` (3000, 9441-9443) does not collide with the tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readEmulatorEndpoints, type EmulatorEndpoints } from '../../lib/config/local-profile';

// Overridable so two e2e runs (helpers working in parallel) do not share ports or state.
export const e2eStateDir = process.env.E2E_STATE_DIR ?? path.join('.emulator', 'e2e');
/** The TLS material playwright.config.ts pins the browser to (SPKI of this server key). */
export const e2eTlsDir = path.join('.emulator', 'test-tls');
export const e2eEndpointsFile = path.join(e2eStateDir, 'endpoints.json');
/** The portal's embedded database (PGlite) for the run; specs read the audit trail from it. */
export const e2eDatabaseDir = path.join(e2eStateDir, 'pglite');
/** Everything the portal process printed during the run. */
export const e2ePortalLogFile = path.join(e2eStateDir, 'portal.log');
const emulatorPortBase = Number(process.env.E2E_EMULATOR_PORT_BASE ?? 9541);
export const e2eEmulatorPorts = {
  login: emulatorPortBase,
  vault: emulatorPortBase + 1,
  partnerCenter: emulatorPortBase + 2,
};
/**
 * The alert specs' webhook receiver and SMTP sink listen here, on loopback: the only private
 * addresses the e2e portal may send alerts to (ALERT_ALLOWED_PRIVATE_HOSTS); every other is refused.
 */
export const e2eAlertReceiverPort = Number(
  process.env.E2E_ALERT_RECEIVER_PORT ?? emulatorPortBase + 3,
);
export const e2eSmtpSinkPort = e2eAlertReceiverPort + 1;
export const e2ePortalPort = Number(process.env.E2E_PORTAL_PORT ?? 3100);
export const portalUrl = `http://localhost:${e2ePortalPort}`;
/** The portal's health probe cache interval in e2e runs (the default is 30 s). */
export const e2eProbeIntervalSeconds = 4;
/**
 * Sign-ins (start + callback) one address may make per minute in e2e runs. The default (30)
 * is for people; the suite signs in from one address many times a minute.
 */
export const e2eSignInPerMinute = 120;
/** The bearer token monitors present in e2e runs (HEALTH_MONITOR_TOKEN): reads /api/health only. */
export const e2eMonitorToken = 'e2e-monitor-token-5b0c1d7e9a2f4c68';
/** The bearer token the scheduler presents to the job routes in e2e runs (SCHEDULER_TOKEN). */
export const e2eSchedulerToken = 'e2e-scheduler-token-8d3f6a1c0e7b4925';

/** The running emulator's endpoints, as written by its CLI. */
export function readE2eEndpoints(): EmulatorEndpoints {
  return readEmulatorEndpoints(e2eEndpointsFile);
}

/** The portal's session secret for this run (specs decrypt the cookie with it). */
export function readE2eAuthSecret(): string {
  return readFileSync(path.join(e2eStateDir, 'auth-secret'), 'utf8').trim();
}
