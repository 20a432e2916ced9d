import { z } from 'zod';

/**
 * `<state dir>/endpoints.json`, written by `npm run emulator` on start: where each emulated
 * service listens, the CA to trust and the seeded app and tenants. The emulator owns this
 * format; the portal's local profile (lib/config/local-profile.ts), the scripts and the
 * tests read it through readEmulatorEndpoints.
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
