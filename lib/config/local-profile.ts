import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * `.emulator/endpoints.json`, written by `npm run emulator` on start. The local profile
 * reads it so the same portal code talks to the emulator instead of Microsoft's cloud.
 */
export const emulatorEndpointsSchema = z.object({
  loginUrl: z.url(),
  vaultUrl: z.url(),
  partnerCenterUrl: z.url(),
  controlUrl: z.url(),
  /** The emulator's CA; the portal process trusts it through NODE_EXTRA_CA_CERTS. */
  caFile: z.string(),
  homeTenantId: z.string(),
  partnerTenants: z.array(z.object({ tenantId: z.string(), name: z.string(), domain: z.string() })),
  app: z.object({
    clientId: z.string(),
    clientSecret: z.string(),
    /** PEM with the app's certificate and private key, for certificate credentials. */
    certificateFile: z.string(),
  }),
});
export type EmulatorEndpoints = z.infer<typeof emulatorEndpointsSchema>;

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
export function localProfileDefaults(endpoints: EmulatorEndpoints, env: Record<string, string | undefined>) {
  return {
    ENTRA_AUTHORITY_HOST: endpoints.loginUrl,
    ENTRA_TENANT_ID: endpoints.homeTenantId,
    // The seeded partners besides the home tenant; other directory tenants stay unenrolled.
    PARTNER_TENANTS: endpoints.partnerTenants.map((t) => t.tenantId).filter((id) => id !== endpoints.homeTenantId).join(','),
    ENTRA_CLIENT_ID: endpoints.app.clientId,
    ...(env.ENTRA_CLIENT_CERTIFICATE_PATH ? {} : { ENTRA_CLIENT_SECRET: endpoints.app.clientSecret }),
    KEY_VAULT_URL: endpoints.vaultUrl,
    KEY_VAULT_CREDENTIAL: 'app',
    PARTNER_CENTER_URL: endpoints.partnerCenterUrl,
    PORTAL_PUBLIC_URL: `http://localhost:${env.PORT ?? '3000'}`,
  };
}
