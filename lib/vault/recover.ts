import 'server-only';
import { setTimeout as pause } from 'node:timers/promises';
import type { KeyVaultSecret } from '@azure/keyvault-secrets';
import { logEvent } from '@/lib/log';
import { nameHeldByDeletedSecret, toVaultError, VaultError } from './errors';
import { softDeleteSecret } from './soft-delete';
import type { SecretClientLike } from './store';

/*
 * A consent for a tenant that was disconnected: its secret is soft-deleted, and Key Vault
 * refuses a new version of it (409) until it is recovered. The store recovers it (keeping its
 * history readable) and writes on top; what fails on the way leaves the tenant disconnected.
 */

/**
 * Recovering a disconnected tenant's soft-deleted secret at its next consent (a person waits).
 * Real recoveries take tens of seconds to minutes: 38 s in the JS SDK's recorded test, a set
 * still refused about two minutes in by hashicorp/terraform-provider-azurerm#12285 and #12432
 * (emulator/README.md, Key Vault fidelity notes). Giving up earlier fails the consent while the
 * old, disconnected grant comes back once the recovery ends: it cannot be deleted meanwhile.
 * 150 s stays under the 230 s an Azure App Service front end waits for an answer.
 */
const recoverTimeoutMs = 150_000;
/** How often a consent asks again while Key Vault is still deleting the secret it must recover. */
const stillDeletingRetryMs = 1_000;

/**
 * Recovers the soft-deleted secret `name` and writes the new version on top (`writes.set`),
 * within `recoverTimeoutMs`: Key Vault recovers in the background, so this part has a
 * deadline of its own. A write that fails once the secret is back is undone (`writes.undo`)
 * and its failure thrown.
 *
 * Returns the new version and, when this call recovered the secret, `replaced`: the version
 * Key Vault served as current once it was back ("Recovers the deleted secret to the latest
 * version"), the disconnected grant's refresh token the new version now stands over. Written
 * after someone else's recovery (or a purge), `replaced` is not known.
 */
export async function recoverAndWrite(
  client: SecretClientLike,
  name: string,
  writes: {
    set: (signal: AbortSignal) => Promise<KeyVaultSecret>;
    /** The new version, or null while the name is held by a deleted secret (409). */
    setUnlessDeleted: (signal: AbortSignal) => Promise<KeyVaultSecret | null>;
    /** Deletes the recovered secret again; returns the error to throw. */
    undo: (failure: VaultError) => Promise<VaultError>;
  },
): Promise<{ written: KeyVaultSecret; replaced?: string }> {
  const recovering = AbortSignal.timeout(recoverTimeoutMs);
  for (;;) {
    let poller;
    try {
      poller = await client.beginRecoverDeletedSecret(name, {
        intervalInMs: 250,
        abortSignal: recovering,
      });
    } catch (err) {
      // A disconnect moments ago may still be under way: until Key Vault has deleted the
      // secret it refuses to recover it (409 ObjectIsBeingDeleted) and finds no deleted
      // secret of that name (404). Likewise while a recover begun earlier (an attempt that
      // ran out of time) is still settling: set and recover are 409 ObjectIsBeingRecovered.
      // Ask again shortly, writing first in case the secret is no longer deleted (recovered
      // or purged elsewhere) or has finished recovering.
      const code = toVaultError('recover', err).code;
      if (!nameHeldByDeletedSecret(code) && code !== 'vault_not_found') throw err;
      await pause(stillDeletingRetryMs, undefined, { signal: recovering });
      const again = await writes.setUnlessDeleted(recovering);
      if (again) return { written: again };
      continue;
    }
    try {
      // The SDK's poller ends on the recovered secret's latest version (lro/recover/operation.ts:
      // the GET of the secret, or the recover's own answer when that GET is 403).
      const recovered = await poller.pollUntilDone({ abortSignal: recovering });
      return { written: await writes.set(recovering), replaced: recovered?.version };
    } catch (failed) {
      // The recovered secret serves the refresh token the admin disconnected: delete it
      // again, so the failed consent leaves the tenant disconnected.
      throw await writes.undo(toVaultError('set', failed));
    }
  }
}

/**
 * Soft-deletes a secret a consent recovered but could not write on, and returns the consent's
 * failure: as it is when the secret is deleted again (or never came back), else saying that
 * the disconnected grant is live again and what to do, with an error line for the operators.
 */
export async function deleteRecovered(
  client: SecretClientLike,
  secret: { name: string; tenantId: string },
  failure: VaultError,
  callTimeoutMs: number,
): Promise<VaultError> {
  try {
    // A deadline of its own: the recover's may be what just ran out.
    // Deleted once the DELETE is answered, whatever the SDK's look at it after (soft-delete.ts).
    await softDeleteSecret(client, secret.name, {
      abortSignal: AbortSignal.timeout(callTimeoutMs),
    });
    return failure;
  } catch (err) {
    const undo = toVaultError('delete', err);
    if (undo.code === 'vault_not_found') return failure;
    logEvent('error', 'key vault: a disconnected secret was recovered and is live again', {
      outcome: 'failure',
      tenant: secret.tenantId,
      errorCode: failure.code,
      undoErrorCode: undo.code,
    });
    return new VaultError(
      failure.code,
      `${failure.problem} The disconnected connection, recovered to store the new one, could not be deleted again: it is in use again.`,
      'Disconnect Partner Center again in onboarding, then connect again.',
      failure.details,
    );
  }
}
