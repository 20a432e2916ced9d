import type { VaultErrorCode } from '@/lib/vault/errors';
import type { FailureWords } from '../failure';
import type { PartnerWay } from '../reader';
import type { OwnAdminAware } from './readers';

type VaultEntry = Pick<
  FailureWords,
  'problem' | 'fix' | 'action' | 'status' | 'transient' | 'owner'
> &
  OwnAdminAware & {
    /**
     * What a partner's own admin can do about it instead of the operator's fix, when they have a
     * way of their own: lib/failure/reader.ts's `fixFor` gives it to a partner's reader in place
     * of the operator's steps.
     */
    partnerWay?: PartnerWay;
  };

/**
 * Key Vault failures in words, keyed by the code lib/vault gives them from the SDK's status or
 * error name (never from the SDK error itself, whose request dump could hold a secret value).
 * `owner: 'portal'`: the vault, its address and the identity that reads it are the portal
 * operator's; only they can act on the fix, so a partner's reader is told that instead
 * (lib/failure/reader.ts), or their own way around it where they have one (`partnerWay`). The
 * others a partner's Admin can act on (connect again) or wait out.
 */
export const vaultEntries: Record<VaultErrorCode, VaultEntry> = {
  // @azure/identity's CredentialUnavailableError: the credential "can't authenticate in the
  // current environment due to lack of required configuration or setup", and for a managed
  // identity also when "the authentication endpoint (like the IMDS endpoint) is unavailable"
  // (sdk/identity/identity/TROUBLESHOOTING.md). Which one, the error does not say: the words
  // give both, so nobody reads a passing outage as a setting to change, nor the reverse.
  vault_credential: {
    problem:
      'The portal could not get a token for Key Vault: its credential is not set up where it runs, or its managed identity endpoint did not answer.',
    fix: 'Check KEY_VAULT_CREDENTIAL and the app credential (or managed identity) of the portal; a managed identity endpoint that was only briefly unavailable needs no change.',
    action: 'fix-configuration',
    owner: 'portal',
    status: 502,
  },
  vault_forbidden: {
    problem: "Key Vault refused the portal's identity.",
    fix: "Grant the portal's identity get/set/list/delete on secrets (Key Vault Secrets Officer).",
    action: 'fix-configuration',
    owner: 'portal',
    status: 502,
  },
  // Someone with access to the portal's vault disabled the version the portal reads. Enabling
  // it is the operator's (their vault); a new consent stores a new, enabled version, which a
  // partner's admin can do without them. The tenant's own Admin reads it as theirs: the
  // connection and the new consent are their own.
  vault_secret_disabled: {
    problem: "The partner's stored Partner Center connection is disabled in Key Vault.",
    fix: "Enable its current version in Key Vault, or have one of the partner's admins connect Partner Center again in onboarding to store a new one.",
    action: 'fix-configuration',
    owner: 'portal',
    status: 502,
    ownAdmin: {
      problem: 'Your stored Partner Center connection is disabled in Key Vault.',
      fix: 'Enable its current version in Key Vault, or re-consent in onboarding to store a new one.',
    },
    partnerWay: {
      fix: "A partner admin connects Partner Center again in onboarding to store a new connection, or asks the portal's operator to enable the stored one again.",
      action: 're-consent',
      ownAdmin: {
        fix: "Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.",
      },
    },
  },
  vault_not_found: {
    problem: 'The secret does not exist in Key Vault.',
    fix: 'Connect Partner Center in onboarding to create it.',
    action: 'retry',
    status: 404,
  },
  vault_conflict: {
    problem: 'The secret is deleted but recoverable in Key Vault.',
    fix: 'Recover or purge the deleted secret, then connect again.',
    action: 'fix-configuration',
    owner: 'portal',
    status: 409,
  },
  // A delete or recover Key Vault is still carrying out (it does both in the background): the
  // name is taken until it settles, usually within a minute.
  vault_being_deleted: {
    problem: "Key Vault is still deleting the partner's stored Partner Center connection.",
    fix: 'Wait a minute, then try again.',
    action: 'retry',
    status: 409,
    transient: true,
    ownAdmin: { problem: 'Key Vault is still deleting your stored Partner Center connection.' },
  },
  vault_being_recovered: {
    problem: "Key Vault is still recovering the partner's stored Partner Center connection.",
    fix: 'Wait a minute, then try again.',
    action: 'retry',
    status: 409,
    transient: true,
    ownAdmin: { problem: 'Key Vault is still recovering your stored Partner Center connection.' },
  },
  vault_unavailable: {
    problem: 'Key Vault could not be reached or is temporarily failing.',
    fix: 'Check KEY_VAULT_URL and network access to the vault, then retry.',
    action: 'retry',
    owner: 'portal',
    status: 503,
    transient: true,
  },
  // Key Vault answering 429: not down, asking the portal for less. 503 with the wait as
  // `Retry-After` (RFC 9110, 15.6.4): the portal, not its caller, sent too many requests.
  vault_throttled: {
    problem: 'Key Vault is throttling requests.',
    fix: 'If it keeps happening, check what else calls this vault: Key Vault limits requests per vault and region.',
    action: 'retry',
    owner: 'portal',
    status: 503,
    transient: true,
  },
  vault_error: {
    problem: 'Key Vault answered with an unexpected status.',
    fix: "Retry; if it persists, check the vault's activity log.",
    action: 'retry',
    owner: 'portal',
    status: 502,
  },
};

/**
 * The entry's words, with the status named where the code alone says too little, and the wait
 * (seconds) a throttling vault asked for.
 */
export function vaultWords(
  code: VaultErrorCode,
  status?: number,
  retryAfterSeconds?: number,
): { problem: string; fix: string } {
  const { problem, fix = '' } = vaultEntries[code];
  if (code === 'vault_throttled' && retryAfterSeconds !== undefined)
    return {
      problem: `Key Vault is throttling requests; try again in ${retryAfterSeconds} s.`,
      fix,
    };
  if (code === 'vault_error' && status !== undefined)
    return { problem: `Key Vault answered ${status}.`, fix };
  return { problem, fix };
}
