import 'server-only';
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  type TokenCredential,
} from '@azure/identity';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import type { PortalConfig } from '@/lib/config';
import { observeServiceDate } from '@/lib/clock';
import { keyVaultAttemptPolicy, keyVaultCallPolicy } from '@/lib/telemetry/dependencies';
import {
  KeyVaultBusyError,
  KeyVaultThrottledError,
  sdkThrottleWaitLimitMs,
  statedWaitMs,
} from './retry-after';

const publicCloudHost = 'login.microsoftonline.com';

/**
 * The credential the portal uses for Key Vault: managed identity / developer sign-in
 * (`default`) or the app registration's own secret or certificate (`app`). Outside the
 * public cloud (the emulator, sovereign clouds) instance discovery would call the public
 * cloud, so it is disabled there.
 */
export function vaultCredential(config: PortalConfig): TokenCredential {
  if (config.keyVault.credential === 'default') return new DefaultAzureCredential();
  const { homeTenantId, clientId, credential, authorityHost } = config.entra;
  const options = {
    authorityHost,
    disableInstanceDiscovery: new URL(authorityHost).host !== publicCloudHost,
  };
  return credential.kind === 'secret'
    ? new ClientSecretCredential(homeTenantId, clientId, credential.secret, options)
    : new ClientCertificateCredential(
        homeTenantId,
        clientId,
        { certificatePath: credential.certificatePath },
        options,
      );
}

/**
 * A SecretClient for the configured vault; a local vault cannot pass the `.vault.azure.net`
 * check. `transport` answers in place of the network, for tests of the whole pipeline.
 */
export function createSecretClient(
  config: PortalConfig,
  credential: TokenCredential = vaultCredential(config),
  transport?: SecretClientOptions['httpClient'],
): SecretClient {
  return new SecretClient(config.keyVault.url, credential, {
    ...(transport && { httpClient: transport }),
    disableChallengeResourceVerification: config.profile === 'local',
    // Few, short retries: the token service has its own budget and keeps serving cached tokens.
    // (A 429's or 503's stated wait is not bounded by maxRetryDelayInMs: throttledAnswerPolicy is.)
    retryOptions: {
      maxRetries: 2,
      retryDelayInMs: 200,
      maxRetryDelayInMs: sdkThrottleWaitLimitMs,
    },
    additionalPolicies: [
      { policy: observeVaultDate, position: 'perCall' },
      // One span per call, with the SDK's retries counted (lib/telemetry).
      { policy: keyVaultCallPolicy, position: 'perCall' },
      // Inside the SDK's retry loop, each attempt: a long throttling wait ends the call at once.
      { policy: throttledAnswerPolicy, position: 'perRetry' },
      { policy: keyVaultAttemptPolicy, position: 'perRetry' },
    ],
  });
}

/** Secret `created` times are on the vault's clock; its `Date` header tells us that clock. */
type PipelinePolicy = NonNullable<SecretClientOptions['additionalPolicies']>[number]['policy'];

const observeVaultDate: PipelinePolicy = {
  name: 'observeVaultDate',
  async sendRequest(request, next) {
    const response = await next(request);
    observeServiceDate(response.headers.get('date'));
    return response;
  },
};

/**
 * A 429 or 503 stating a wait longer than `sdkThrottleWaitLimitMs` ends the call at once with
 * that wait (KeyVaultThrottledError, KeyVaultBusyError), where the SDK would sleep through all
 * of it, past the call's deadline, and report an abort without the wait: its
 * throttlingRetryStrategy sits out the stated wait of both (@typespec/ts-http-runtime, which
 * @azure/core-rest-pipeline 1.24 uses). Shorter waits are the SDK's to sit out (twice at most).
 *
 * A 503 with a wait counts as throttling (`vault_throttled`, errors.ts), not as an outage: Key
 * Vault answered and said when to ask again, and the SDK's retry treats it as it treats a 429.
 * So the store keeps to the wait (throttle-gate.ts) where callers would each ask on; the health
 * page shows Key Vault busy with the wait rather than down without one; keep-alive answers its
 * scheduler with the wait as Retry-After; and alerts raise `dependency-throttled` if it lasts,
 * not `dependency-down` for a vault that answers. A 503 without a wait stays an outage.
 */
export const throttledAnswerPolicy: PipelinePolicy = {
  name: 'portalKeyVaultThrottledAnswer',
  async sendRequest(request, next) {
    const response = await next(request);
    if (response.status !== 429 && response.status !== 503) return response;
    const waitMs = statedWaitMs(response.headers);
    if (waitMs === null || waitMs <= sdkThrottleWaitLimitMs) return response;
    throw response.status === 429
      ? new KeyVaultThrottledError(waitMs)
      : new KeyVaultBusyError(waitMs);
  },
};
