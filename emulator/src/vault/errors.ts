import { json, type EmulatorResponse } from '../core/http';

/** A failure answered in Key Vault's error shape: `{"error":{"code","message","innererror?"}}`. */
export class VaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

/**
 * Key Vault's 429 message, as a real vault answered it (body in vcsjones/AzureSignTool#219;
 * the `Reason` names the limit reached, here the per-vault request-type limit).
 */
export const throttledMessage =
  'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached';

/**
 * Key Vault's error body for a status the shared server produced (413, 429, 5xx). A 429 keeps
 * the headers the fault asked for (a `throttle` fault's Retry-After; a `status` fault's none).
 */
export function vaultErrorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): EmulatorResponse {
  const text = status === 429 ? throttledMessage : message;
  return toResponse(new VaultError(status, codeForStatus(status), text, undefined, headers));
}

export function toResponse(error: VaultError): EmulatorResponse {
  const inner = error.innerCode ? { innererror: { code: error.innerCode } } : {};
  return json(
    error.status,
    { error: { code: error.code, message: error.message, ...inner } },
    error.headers,
  );
}

function codeForStatus(status: number): string {
  if (status === 429) return 'Throttled';
  if (status === 413) return 'RequestTooLarge'; // UNCONFIRMED: the exact code for oversized bodies.
  if (status === 400) return 'BadParameter';
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'NotFound';
  if (status === 503) return 'ServiceUnavailable';
  return 'InternalServerError';
}

export function secretNotFound(name: string): VaultError {
  return new VaultError(
    404,
    'SecretNotFound',
    `A secret with (name/id) ${name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
  );
}

export function deletedSecretNotFound(name: string): VaultError {
  return new VaultError(404, 'SecretNotFound', `Deleted Secret not found: ${name}`);
}

export function badParameter(message: string): VaultError {
  return new VaultError(400, 'BadParameter', message);
}
