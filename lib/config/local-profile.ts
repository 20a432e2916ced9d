import { readFileSync } from 'node:fs';
import path from 'node:path';
import { emulatorEndpointsSchema, type EmulatorEndpoints } from '../../emulator/src/endpoints-file';

// The emulator owns the endpoints file's format; the portal only reads it.
export type { EmulatorEndpoints } from '../../emulator/src/endpoints-file';

export const defaultEndpointsFile = '.emulator/endpoints.json';

/** Reads and validates the emulator's endpoints file; throws with the fix when it is absent. */
export function readEmulatorEndpoints(file = defaultEndpointsFile): EmulatorEndpoints {
  // A file of the machine's working directory, read at run time: keep Turbopack from tracing
  // (and shipping) the whole project because of it.
  const resolved = path.resolve(/* turbopackIgnore: true */ file);
  let text: string;
  try {
    text = readFileSync(/* turbopackIgnore: true */ resolved, 'utf8');
  } catch {
    throw new Error(
      `The local profile needs the emulator's endpoints file ${file}. Start the emulator (npm run emulator) or use npm run demo.`,
    );
  }
  return emulatorEndpointsSchema.parse(JSON.parse(text));
}

/**
 * Environment defaults for the local profile: explicit variables still win, so a test can
 * switch the endpoint version or the credential type against the same emulator.
 */
export function localProfileDefaults(
  endpoints: EmulatorEndpoints,
  env: Record<string, string | undefined>,
) {
  return {
    ENTRA_AUTHORITY_HOST: endpoints.loginUrl,
    ENTRA_TENANT_ID: endpoints.homeTenantId,
    // The seeded partners besides the home tenant; other directory tenants stay unenrolled.
    PARTNER_TENANTS: endpoints.partnerTenants
      .map((t) => t.tenantId)
      .filter((id) => id !== endpoints.homeTenantId)
      .join(','),
    ENTRA_CLIENT_ID: endpoints.app.clientId,
    ...(env.ENTRA_CLIENT_CERTIFICATE_PATH
      ? {}
      : { ENTRA_CLIENT_SECRET: endpoints.app.clientSecret }),
    KEY_VAULT_URL: endpoints.vaultUrl,
    KEY_VAULT_CREDENTIAL: 'app',
    PARTNER_CENTER_URL: endpoints.partnerCenterUrl,
    PORTAL_PUBLIC_URL: `http://localhost:${env.PORT ?? '3000'}`,
  };
}
