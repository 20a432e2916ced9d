// Relative, as the end-to-end tests load this file outside Next's module aliases.
import { isGuid } from '../validation/guid';

/**
 * How the portal names and marks a refresh token's secret in Key Vault: plain values, without
 * `server-only`, so the end-to-end tests can write such a secret the way the store does.
 */

/** Says what the secret is, for anyone browsing the vault. */
export const refreshTokenContentType = 'application/vnd.partner-portal.refresh-token';
export const secretNamePrefix = 'sam-refresh-token-';

/** The secret that holds a partner tenant's refresh token. */
export function secretNameFor(partnerTenantId: string): string {
  if (!isGuid(partnerTenantId)) throw new TypeError('partner tenant id must be a GUID');
  return `${secretNamePrefix}${partnerTenantId.toLowerCase()}`;
}
