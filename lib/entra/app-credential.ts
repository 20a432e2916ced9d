import 'server-only';
import type { PortalConfig } from '@/lib/config';
import { discoveryDocumentSchema, readDiscovery } from './discovery';
import { entraEndpointsForTenant } from './endpoints';
import { entraErrorFromResponse } from './errors';
import { postTokenRequest } from './token-endpoint';

const vaultResource = 'https://vault.azure.net';
// The issuer is not used here (no token is validated); it marks an OpenID configuration.
const discoverySchema = discoveryDocumentSchema.pick({ token_endpoint: true, issuer: true });

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
  // Read afresh, not from sign-in's kept document: this is a probe, of another tenant's document.
  const discovery = await readDiscovery(endpoints.wellKnownUrl, discoverySchema, {
    fetch: fetchImpl,
    timeoutMs: options.timeoutMs,
  });
  if (discovery.outcome === 'http') {
    // Entra answers an unknown tenant here with its own error body (AADSTS90002, 900023):
    // thrown like a refused token request, so its words name the setting to fix.
    const refusal = entraErrorFromResponse(discovery.status, discovery.body);
    if (discovery.status < 500 && !['malformed_response', 'throttled'].includes(refusal.error))
      throw refusal;
    return { outcome: 'discovery-http', status: discovery.status };
  }
  // The request carries the portal's client secret or assertion: only to Entra's own host,
  // whatever a document from the network names.
  if (
    discovery.outcome === 'malformed' ||
    new URL(discovery.document.token_endpoint).origin !== new URL(config.entra.authorityHost).origin
  )
    return { outcome: 'discovery-malformed' };
  const target: Record<string, string> =
    config.entra.endpointVersion === 'v1'
      ? { resource: vaultResource }
      : { scope: `${vaultResource}/.default` };
  await postTokenRequest(
    discovery.document.token_endpoint,
    { grant_type: 'client_credentials', ...target },
    { config, fetch: fetchImpl, timeoutMs: options.timeoutMs },
  );
  return { outcome: 'ok' };
}
