import { errorBrand } from '@/lib/errors/brand';

/** What kind of Key Vault failure happened; pages and the health check map these to text. */
export type VaultErrorCode =
  | 'vault_unavailable'
  | 'vault_forbidden'
  | 'vault_not_found'
  | 'vault_credential'
  | 'vault_conflict'
  | 'vault_error';

const vaultErrorBrand = errorBrand('VaultError');

/**
 * A failed Key Vault operation, with a one-line cause and fix a person can act on.
 * Never carries a secret value: only the operation, the status and the vault's error code.
 */
export class VaultError extends Error {
  /** Holds across module copies (lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): value is VaultError {
    return vaultErrorBrand.has(value);
  }
  readonly [vaultErrorBrand.symbol] = true;
  constructor(
    readonly code: VaultErrorCode,
    readonly cause: string,
    readonly fix: string,
    readonly details: { operation: string; status?: number; vaultCode?: string },
  ) {
    // `cause` is the one-line explanation here, not the ES2022 error chain: the SDK error is
    // dropped on purpose because its request dump could include a secret value.
    super(`Key Vault ${details.operation} failed: ${cause}`);
    this.name = 'VaultError';
  }
}

interface ErrorShape {
  name?: unknown;
  statusCode?: unknown;
  code?: unknown;
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
  const details = { operation, status, vaultCode };
  if (
    name === 'CredentialUnavailableError' ||
    name === 'AuthenticationError' ||
    name === 'AggregateAuthenticationError'
  ) {
    return new VaultError(
      'vault_credential',
      'The portal could not get a token for Key Vault.',
      'Check KEY_VAULT_CREDENTIAL and the app credential (or managed identity) of the portal.',
      details,
    );
  }
  if (status === 401 || status === 403) {
    return new VaultError(
      'vault_forbidden',
      "Key Vault refused the portal's identity.",
      "Grant the portal's identity get/set/list/delete on secrets (Key Vault Secrets Officer).",
      details,
    );
  }
  if (status === 404) {
    return new VaultError(
      'vault_not_found',
      'The secret does not exist in Key Vault.',
      'Connect Partner Center in onboarding to create it.',
      details,
    );
  }
  if (status === 409) {
    return new VaultError(
      'vault_conflict',
      'The secret is deleted but recoverable in Key Vault.',
      'Recover or purge the deleted secret, then connect again.',
      details,
    );
  }
  if (status === undefined || status >= 500 || status === 429) {
    return new VaultError(
      'vault_unavailable',
      'Key Vault could not be reached or is temporarily failing.',
      'Check KEY_VAULT_URL and network access to the vault, then retry.',
      details,
    );
  }
  return new VaultError(
    'vault_error',
    `Key Vault answered ${status}.`,
    "Retry; if it persists, check the vault's activity log.",
    details,
  );
}
