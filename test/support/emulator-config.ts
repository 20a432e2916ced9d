import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type PortalConfig } from '@/lib/config';
import type { EmulatorEndpoints } from '@/lib/config/local-profile';
import { partnerTenants, portalApp } from '@/emulator/src/seed/identities';
import type { RunningEmulator } from '@/emulator/src/index';

/**
 * The local profile's environment for a running test emulator: writes its endpoints file to a
 * temp folder, as the demo does for the portal's process (a script run as a child uses it too).
 */
export function emulatorEnv(
  emulator: RunningEmulator,
  env: Record<string, string> = {},
): Record<string, string> {
  const endpoints: EmulatorEndpoints = {
    ...emulator.endpoints,
    caFile: emulator.tls.caFile,
    homeTenantId: portalApp.homeTenantId,
    partnerTenants: [...partnerTenants],
    app: {
      clientId: portalApp.clientId,
      clientSecret: portalApp.clientSecret,
      certificateFile: emulator.tls.appCertificateFile,
    },
  };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'portal-endpoints-')), 'endpoints.json');
  writeFileSync(file, JSON.stringify(endpoints));
  return {
    PORTAL_PROFILE: 'local',
    EMULATOR_ENDPOINTS_FILE: file,
    AUTH_SECRET: 'integration-test-secret-integration-0001',
    ENTRA_ENDPOINT_VERSION: 'v2',
    ...env,
  };
}

/**
 * A local-profile PortalConfig pointing at a running test emulator, validated through
 * loadConfig exactly like the app at start.
 */
export function emulatorConfig(
  emulator: RunningEmulator,
  env: Record<string, string> = {},
): PortalConfig {
  return loadConfig(emulatorEnv(emulator, env));
}
