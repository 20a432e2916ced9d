import 'server-only';
import { z } from 'zod';
import type { PortalConfig } from '@/lib/config';
import { entraEndpointsForTenant } from './endpoints';
import { entraErrorFromResponse } from './errors';
import { postTokenRequest } from './token-endpoint';

const vaultResource = 'https://vault.azure.net';
const discoverySchema = z.object({ token_endpoint: z.url(), issuer: z.string() });

/** What the discovery step found; a refused token request throws instead (see below). */
export type AppCredentialCheck =
  | { outcome: 'ok' }
  | { outcome: 'discovery-http'; status: number }
  | { outcome: 'discovery-malformed' };

/**
 * Whether Entra accepts the portal's own client credential: the home tenant's discovery
 * document, then a client-credentials token for Key Vault from the token endpoint it names
 * (proves client id and secret or certificate). The token is discarded at once. Used by the
 * health probe and the onboarding pre-flight. A refused token request, or Entra refusing
 * discovery in its own words (an unknown tenant), throws the EntraError;
 * no answer in `timeoutMs` throws the TimeoutError, a network failure its TypeError.
 */
export async function checkAppCredential(
  config: PortalConfig,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<AppCredentialCheck> {
  const fetchImpl = options.fetch ?? fetch;
  const endpoints = entraEndpointsForTenant(config.entra.homeTenantId, config);
  const response = await fetchImpl(endpoints.wellKnownUrl, {
    signal: AbortSignal.timeout(options.timeoutMs),
    headers: { accept: 'application/json' },
  });
  if (!response.ok) {
    // Entra answers an unknown tenant here with its own error body (AADSTS90002, 900023):
    // thrown like a refused token request, so its words name the setting to fix.
    const refusal = entraErrorFromResponse(response.status, await response.text().catch(() => ''));
    if (response.status < 500 && !['malformed_response', 'throttled'].includes(refusal.error))
      throw refusal;
    return { outcome: 'discovery-http', status: response.status };
  }
  const discovery = discoverySchema.safeParse(await response.json().catch(() => undefined));
  // The request carries the portal's client secret or assertion: only to Entra's own host,
  // whatever a document from the network names.
  if (
    !discovery.success ||
    new URL(discovery.data.token_endpoint).origin !== new URL(config.entra.authorityHost).origin
  )
    return { outcome: 'discovery-malformed' };
  const target: Record<string, string> =
    config.entra.endpointVersion === 'v1'
      ? { resource: vaultResource }
      : { scope: `${vaultResource}/.default` };
  await postTokenRequest(
    discovery.data.token_endpoint,
    { grant_type: 'client_credentials', ...target },
    { config, fetch: fetchImpl, timeoutMs: options.timeoutMs },
  );
  return { outcome: 'ok' };
}
