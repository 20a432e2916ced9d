import type { VaultErrorCode } from '@/lib/vault/errors';
import type { FailureAction } from '../failure';

/**
 * What each Key Vault failure asks of the person and what the portal answers. The words
 * (cause and fix) come with the VaultError itself (lib/vault/errors.ts), which names them
 * from the SDK's status without ever keeping the SDK error.
 */
export const vaultEntries: Record<
  VaultErrorCode,
  { action: FailureAction; status: number; transient?: boolean }
> = {
  vault_unavailable: { action: 'retry', status: 503, transient: true },
  vault_forbidden: { action: 'fix-configuration', status: 502 },
  vault_credential: { action: 'fix-configuration', status: 502 },
  vault_conflict: { action: 'fix-configuration', status: 409 },
  vault_not_found: { action: 'retry', status: 404 },
  vault_error: { action: 'retry', status: 502 },
};
