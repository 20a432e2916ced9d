import { errorBrand } from '@/lib/errors/brand';
import { vaultWords } from '@/lib/failure/catalogue/vault';
import { boundedRetryAfterSeconds, statedWaitOf } from './retry-after';

/** What kind of Key Vault failure happened; pages and the health check map these to text. */
export type VaultErrorCode =
  | 'vault_unavailable'
  | 'vault_throttled'
  | 'vault_forbidden'
  | 'vault_secret_disabled'
  | 'vault_not_found'
  | 'vault_credential'
  | 'vault_conflict'
  | 'vault_being_deleted'
  | 'vault_being_recovered'
  | 'vault_error';

const vaultErrorBrand = errorBrand('VaultError');

export interface VaultErrorDetails {
  operation: string;
  status?: number;
  vaultCode?: string;
  /**
   * `vault_throttled`: how long to wait before asking Key Vault again, whole seconds (1..300):
   * its `Retry-After`, else Microsoft's documented backoff step (lib/vault/retry-after.ts).
   */
  retryAfterSeconds?: number;
}

/**
 * A failed Key Vault operation, with a one-line problem and fix a person can act on (words from
 * lib/failure's catalogue). Never carries a secret value: only the operation, the status and
 * the vault's error code. It has no `Error.cause` on purpose: the SDK error is dropped because
 * its request dump could include a secret value.
 */
export class VaultError extends Error {
  /** Holds across module copies (lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): value is VaultError {
    return vaultErrorBrand.has(value);
  }
  readonly [vaultErrorBrand.symbol] = true;
  constructor(
    readonly code: VaultErrorCode,
    readonly problem: string,
    readonly fix: string,
    readonly details: VaultErrorDetails,
  ) {
    super(`Key Vault ${details.operation} failed: ${problem}`);
    this.name = 'VaultError';
  }
}

interface ErrorShape {
  name?: unknown;
  statusCode?: unknown;
  code?: unknown;
  /** KeyVaultThrottledError, KeyVaultBusyError (retry-after.ts): the wait a 429 or 503 stated. */
  retryAfterMs?: unknown;
  /** RestError: the answer, whose headers may state a wait. */
  response?: { headers?: unknown };
  /** The SDK's parsed error body: `{ error: { code, message, innerError?: { code } } }`. */
  details?: { error?: { innerError?: { code?: unknown } } };
}

/** Which failure an SDK error stands for, from its error name, HTTP status and inner code. */
function vaultErrorCode(
  name: string,
  status: number | undefined,
  innerCode: unknown,
): VaultErrorCode {
  // @azure/identity's AuthenticationError carries the identity endpoint's status: a managed
  // identity endpoint or Entra throttling (429) or failing (5xx) is an outage, worth retrying.
  if (name === 'AuthenticationError' && status !== undefined && (status >= 500 || status === 429))
    return 'vault_unavailable';
  if (
    name === 'CredentialUnavailableError' ||
    name === 'AuthenticationError' ||
    name === 'AggregateAuthenticationError'
  )
    return 'vault_credential';
  // A disabled secret is 403 Forbidden too, with inner code SecretDisabled
  // (Azure/azure-sdk-for-js#24756): one tenant's secret, not the portal's identity, is the matter.
  if (status === 403 && innerCode === 'SecretDisabled') return 'vault_secret_disabled';
  if (status === 401 || status === 403) return 'vault_forbidden';
  if (status === 404) return 'vault_not_found';
  // 409 names the state the secret is in: deleted (recoverable), or a delete or recover still
  // settling (Key Vault's innererror codes; recover UNCONFIRMED, see emulator/README.md).
  if (status === 409 && innerCode === 'ObjectIsBeingDeleted') return 'vault_being_deleted';
  if (status === 409 && innerCode === 'ObjectIsBeingRecovered') return 'vault_being_recovered';
  if (status === 409) return 'vault_conflict';
  // Key Vault's own throttling: answering, but asking for less (overview-throttling).
  if (status === 429) return 'vault_throttled';
  if (status === undefined || status >= 500) return 'vault_unavailable';
  return 'vault_error';
}

/**
 * A 409 on a secret's name: a deleted secret holds it (recoverable), or Key Vault is still
 * deleting or recovering one under it. Setting the name waits for, or recovers, that secret.
 */
export function nameHeldByDeletedSecret(code: VaultErrorCode): boolean {
  return (
    code === 'vault_conflict' || code === 'vault_being_deleted' || code === 'vault_being_recovered'
  );
}

/**
 * Maps an SDK error (RestError, identity errors, network errors) to a VaultError. Duck-typed
 * so the module does not depend on the SDK's internal packages.
 */
export function toVaultError(operation: string, err: unknown): VaultError {
  if (err instanceof VaultError) return err;
  const shape = (typeof err === 'object' && err !== null ? err : {}) as ErrorShape;
  const status = typeof shape.statusCode === 'number' ? shape.statusCode : undefined;
  const vaultCode = typeof shape.code === 'string' ? shape.code : undefined;
  const name = typeof shape.name === 'string' ? shape.name : '';
  // Key Vault's own 503 stating a wait is throttling too, as the SDK's retry treats it (client.ts's
  // throttledAnswerPolicy says why): the policy's KeyVaultBusyError for a long wait, or the SDK's
  // RestError once its retries sat out short ones. An identity endpoint's 503 stays an outage.
  const busy =
    status === 503 &&
    (name === 'RestError' || name === 'KeyVaultBusy') &&
    statedWaitOf(shape) !== null;
  const code = busy
    ? 'vault_throttled'
    : vaultErrorCode(name, status, shape.details?.error?.innerError?.code);
  if (code === 'vault_throttled') {
    const waitMs = statedWaitOf(shape);
    return throttledVaultError({
      operation,
      status,
      vaultCode,
      retryAfterSeconds: waitMs === null ? undefined : boundedRetryAfterSeconds(waitMs),
    });
  }
  const { problem, fix } = vaultWords(code, status);
  return new VaultError(code, problem, fix, { operation, status, vaultCode });
}

/** A `vault_throttled` error whose words name the wait in `details.retryAfterSeconds`, if any. */
export function throttledVaultError(details: VaultErrorDetails): VaultError {
  const { problem, fix } = vaultWords('vault_throttled', details.status, details.retryAfterSeconds);
  return new VaultError('vault_throttled', problem, fix, details);
}
