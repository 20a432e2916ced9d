import { errorBrand } from '@/lib/errors/brand';
import { vaultWords } from '@/lib/failure/catalogue/vault';

/** What kind of Key Vault failure happened; pages and the health check map these to text. */
export type VaultErrorCode =
  | 'vault_unavailable'
  | 'vault_forbidden'
  | 'vault_secret_disabled'
  | 'vault_not_found'
  | 'vault_credential'
  | 'vault_conflict'
  | 'vault_error';

const vaultErrorBrand = errorBrand('VaultError');

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
    readonly details: { operation: string; status?: number; vaultCode?: string },
  ) {
    super(`Key Vault ${details.operation} failed: ${problem}`);
    this.name = 'VaultError';
  }
}

interface ErrorShape {
  name?: unknown;
  statusCode?: unknown;
  code?: unknown;
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
  if (status === 409) return 'vault_conflict';
  if (status === undefined || status >= 500 || status === 429) return 'vault_unavailable';
  return 'vault_error';
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
  const code = vaultErrorCode(
    typeof shape.name === 'string' ? shape.name : '',
    status,
    shape.details?.error?.innerError?.code,
  );
  const { problem, fix } = vaultWords(code, status);
  return new VaultError(code, problem, fix, { operation, status, vaultCode });
}
