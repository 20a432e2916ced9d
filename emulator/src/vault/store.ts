import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { VaultError, badParameter, deletedSecretNotFound, secretNotFound } from './errors';

/** Days a deleted secret stays recoverable (recoveryLevel "Recoverable+Purgeable"). */
export const recoverableDays = 90;

const versionSchema = z.object({
  version: z.string().regex(/^[0-9a-f]{32}$/),
  value: z.string(),
  contentType: z.string().nullable(),
  tags: z.record(z.string(), z.string()).nullable(),
  enabled: z.boolean(),
  nbf: z.number().int().nullable(),
  exp: z.number().int().nullable(),
  created: z.number().int(),
  updated: z.number().int(),
});
const secretSchema = z.object({
  name: z.string(),
  versions: z.array(versionSchema).min(1),
  deleted: z
    .object({
      deletedDate: z.number().int(),
      scheduledPurgeDate: z.number().int(),
      /** Until then Key Vault is still deleting it (see `deletionSeconds`). */
      settlesAt: z.number().int().optional(),
    })
    .nullable(),
  /** Until then Key Vault is still recovering it (see `recoverySeconds`). */
  recoverySettlesAt: z.number().int().optional(),
});
/** What `exportState` writes and `importState` accepts (deleted secrets included). */
export const vaultStateSchema = z.object({ secrets: z.array(secretSchema) });

export type SecretVersion = z.infer<typeof versionSchema>;
export type StoredSecret = z.infer<typeof secretSchema>;
export type VaultState = z.infer<typeof vaultStateSchema>;

export interface SecretInput {
  value: string;
  contentType?: string | undefined;
  tags?: Record<string, string> | undefined;
  attributes?:
    | { enabled?: boolean | undefined; nbf?: number | undefined; exp?: number | undefined }
    | undefined;
}
export type SecretPatch = Omit<SecretInput, 'value'>;

/**
 * The vault's secrets. Names are case-insensitive (as in Key Vault) and keep the spelling of
 * their first set. Times are Unix seconds passed in by the caller (the emulator clock).
 */
export class SecretStore {
  #secrets = new Map<string, StoredSecret>();
  /**
   * How long a delete takes to settle (0: at once). Meanwhile, as Key Vault answers while a
   * deletion is in progress (recorded traffic in Azure/azure-sdk-for-js's keyvault tests): the
   * deleted secret is not found yet (404, the SDK's delete poller keeps polling), and setting,
   * recovering or purging its name is 409 Conflict `ObjectIsBeingDeleted`.
   */
  deletionSeconds = 0;
  /**
   * How long a recover takes to settle (0: at once). Meanwhile, as Key Vault answers while a
   * recovery is in progress: the recover itself has answered 200 (the spec's
   * `RecoverDeletedSecret` example), getting the secret is 404 SecretNotFound (recorded traffic
   * in Azure/azure-sdk-for-js's keyvault-secrets tests; the SDK's recover poller keeps polling),
   * setting its name is 409 Conflict `ObjectIsBeingRecovered` (bodies in
   * hashicorp/terraform-provider-azurerm#12285, Azure/azure-sdk-for-net#31581). Its versions and
   * lists, and deleting, recovering or purging it meanwhile, are UNCONFIRMED (emulator/README.md).
   */
  recoverySeconds = 0;

  exportState(): VaultState {
    return { secrets: [...this.#secrets.values()].map((s) => structuredClone(s)) };
  }

  importState(state: unknown): void {
    const parsed = vaultStateSchema.parse(state);
    this.#secrets = new Map(parsed.secrets.map((s) => [s.name.toLowerCase(), s]));
  }

  clear(): void {
    this.#secrets.clear();
    this.deletionSeconds = 0;
    this.recoverySeconds = 0;
  }

  /** Drops deleted secrets whose scheduled purge date has passed. */
  sweep(now: number): void {
    for (const [key, secret] of this.#secrets) {
      if (secret.deleted && secret.deleted.scheduledPurgeDate <= now) this.#secrets.delete(key);
    }
  }

  set(
    name: string,
    input: SecretInput,
    now: number,
  ): { secret: StoredSecret; version: SecretVersion } {
    const existing = this.#secrets.get(name.toLowerCase());
    if (existing && beingDeleted(existing, now)) throw stillBeingDeleted(name);
    if (existing && beingRecovered(existing, now)) throw stillBeingRecovered(name, 'set');
    if (existing?.deleted) {
      throw new VaultError(
        409,
        'Conflict',
        `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
        'ObjectIsDeletedButRecoverable',
      );
    }
    const version: SecretVersion = {
      version: randomBytes(16).toString('hex'),
      value: input.value,
      contentType: input.contentType ?? null,
      tags: input.tags ?? null,
      enabled: input.attributes?.enabled ?? true,
      nbf: input.attributes?.nbf ?? null,
      exp: input.attributes?.exp ?? null,
      created: now,
      updated: now,
    };
    const secret = existing ?? { name, versions: [], deleted: null };
    secret.versions.push(version);
    this.#secrets.set(name.toLowerCase(), secret);
    return { secret, version };
  }

  /**
   * An active secret's version ('' = latest); deleted, still being recovered or unknown -> 404
   * SecretNotFound.
   */
  version(
    name: string,
    version: string,
    now: number,
  ): { secret: StoredSecret; version: SecretVersion } {
    const secret = this.active(name, now);
    const found =
      version === ''
        ? secret.versions.at(-1)
        : secret.versions.find((v) => v.version === version.toLowerCase());
    if (!found) throw secretNotFound(version === '' ? name : `${name}/${version}`);
    return { secret, version: found };
  }

  /** Whether the name was ever written and not purged since (deleted ones included). */
  known(name: string): boolean {
    return this.#secrets.has(name.toLowerCase());
  }

  /** A secret that is neither deleted nor still being recovered; else 404 SecretNotFound. */
  active(name: string, now: number): StoredSecret {
    const secret = this.#secrets.get(name.toLowerCase());
    if (!secret || secret.deleted || beingRecovered(secret, now)) throw secretNotFound(name);
    return secret;
  }

  listActive(now: number): StoredSecret[] {
    return [...this.#secrets.values()]
      .filter((s) => !s.deleted && !beingRecovered(s, now))
      .sort(byName);
  }

  listDeleted(now: number): StoredSecret[] {
    return [...this.#secrets.values()]
      .filter((s) => s.deleted && !beingDeleted(s, now))
      .sort(byName);
  }

  update(
    name: string,
    versionId: string,
    patch: SecretPatch,
    now: number,
  ): { secret: StoredSecret; version: SecretVersion } {
    const found = this.version(name, versionId, now);
    const target = found.version;
    if (patch.contentType !== undefined) target.contentType = patch.contentType;
    if (patch.tags !== undefined) target.tags = patch.tags;
    if (patch.attributes?.enabled !== undefined) target.enabled = patch.attributes.enabled;
    if (patch.attributes?.nbf !== undefined) target.nbf = patch.attributes.nbf;
    if (patch.attributes?.exp !== undefined) target.exp = patch.attributes.exp;
    target.updated = now;
    return found;
  }

  delete(name: string, now: number): StoredSecret {
    const existing = this.#secrets.get(name.toLowerCase());
    if (existing && beingRecovered(existing, now)) throw stillBeingRecovered(name, 'delete');
    const secret = this.active(name, now);
    secret.deleted = { deletedDate: now, scheduledPurgeDate: now + recoverableDays * 86_400 };
    if (this.deletionSeconds > 0) secret.deleted.settlesAt = now + this.deletionSeconds;
    return secret;
  }

  deleted(
    name: string,
    now: number,
  ): StoredSecret & { deleted: NonNullable<StoredSecret['deleted']> } {
    const secret = this.#secrets.get(name.toLowerCase());
    if (!secret?.deleted || beingDeleted(secret, now)) throw deletedSecretNotFound(name);
    return secret as StoredSecret & { deleted: NonNullable<StoredSecret['deleted']> };
  }

  /** Recovers a deleted secret; it is back at once, or after `recoverySeconds`. */
  recover(name: string, now: number): StoredSecret {
    const secret = this.#deletedToChange(name, now, 'recover');
    secret.deleted = null;
    if (this.recoverySeconds > 0) secret.recoverySettlesAt = now + this.recoverySeconds;
    else delete secret.recoverySettlesAt;
    return secret;
  }

  purge(name: string, now: number): void {
    this.#deletedToChange(name, now, 'purge');
    this.#secrets.delete(name.toLowerCase());
  }

  #deletedToChange(name: string, now: number, op: 'recover' | 'purge'): StoredSecret {
    const secret = this.#secrets.get(name.toLowerCase());
    if (secret && beingDeleted(secret, now)) throw stillBeingDeleted(name);
    if (secret && beingRecovered(secret, now)) throw stillBeingRecovered(name, op);
    return this.deleted(name, now);
  }
}

function beingDeleted(secret: StoredSecret, now: number): boolean {
  const settlesAt = secret.deleted?.settlesAt;
  return settlesAt !== undefined && now < settlesAt;
}

function beingRecovered(secret: StoredSecret, now: number): boolean {
  const settlesAt = secret.recoverySettlesAt;
  return settlesAt !== undefined && now < settlesAt;
}

/**
 * 409 Conflict `ObjectIsBeingRecovered`: recorded, with these words, for a set during the
 * recovery (hashicorp/terraform-provider-azurerm#12285, Azure/azure-sdk-for-net#31581). What a
 * delete, a second recover or a purge gets meanwhile is UNCONFIRMED: the same refusal, worded
 * without "re-created".
 */
function stillBeingRecovered(name: string, op: 'set' | 'delete' | 'recover' | 'purge'): VaultError {
  const message =
    op === 'set'
      ? `Secret ${name} is currently being recovered and cannot be re-created; retry later.`
      : `Secret ${name} is currently being recovered; retry later.`;
  return new VaultError(409, 'Conflict', message, 'ObjectIsBeingRecovered');
}

/** Recorded for keys ("Key is currently being deleted."); the secrets' wording is UNCONFIRMED. */
function stillBeingDeleted(name: string): VaultError {
  return new VaultError(
    409,
    'Conflict',
    `Secret ${name} is currently being deleted.`,
    'ObjectIsBeingDeleted',
  );
}

function byName(a: StoredSecret, b: StoredSecret): number {
  return a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1;
}

/** Secret names Key Vault accepts. */
export function requireSecretName(name: string): string {
  if (!/^[0-9a-zA-Z-]{1,127}$/.test(name)) {
    throw badParameter(`The request URI contains an invalid name: ${name.slice(0, 130)}`);
  }
  return name;
}
