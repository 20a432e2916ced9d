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
import { KeyVaultThrottledError, sdkThrottleWaitLimitMs, statedWaitMs } from './retry-after';

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

/** A SecretClient for the configured vault; a local vault cannot pass the `.vault.azure.net` check. */
export function createSecretClient(
  config: PortalConfig,
  credential: TokenCredential = vaultCredential(config),
): SecretClient {
  return new SecretClient(config.keyVault.url, credential, {
    disableChallengeResourceVerification: config.profile === 'local',
    // Few, short retries: the token service has its own budget and keeps serving cached tokens.
    // (A 429's stated wait is not bounded by maxRetryDelayInMs: throttledAnswerPolicy is.)
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
 * A 429 stating a wait longer than `sdkThrottleWaitLimitMs` ends the call at once with that
 * wait (KeyVaultThrottledError, which the SDK's retry policy does not retry), where the SDK
 * would sleep through all of it, past the call's deadline, and report an abort without the wait.
 * Shorter waits are the SDK's to sit out (throttlingRetryStrategy, twice at most).
 */
export const throttledAnswerPolicy: PipelinePolicy = {
  name: 'portalKeyVaultThrottledAnswer',
  async sendRequest(request, next) {
    const response = await next(request);
    if (response.status !== 429) return response;
    const waitMs = statedWaitMs(response.headers);
    if (waitMs !== null && waitMs > sdkThrottleWaitLimitMs)
      throw new KeyVaultThrottledError(waitMs);
    return response;
  },
};
