import 'server-only';
import { setTimeout as pause } from 'node:timers/promises';
import type { SecretClient, SecretProperties } from '@azure/keyvault-secrets';
import type { Clock } from '@/lib/clock';
import type { PortalConfig } from '@/lib/config';
import { logEvent } from '@/lib/log';
import { isGuid } from '@/lib/validation/guid';
import { nameHeldByDeletedSecret, toVaultError, VaultError } from './errors';
import { deleteRecovered, recoverAndWrite } from './recover';
import { refreshTokenContentType, secretNameFor, secretNamePrefix } from './secret-names';
import { softDeleteSecret } from './soft-delete';
import { createThrottleGate } from './throttle-gate';

export { refreshTokenContentType, secretNameFor, secretNamePrefix } from './secret-names';
/** Entra kills refresh tokens idle for 90 days; the secret's `exp` says the same. */
export const refreshTokenLifetimeMs = 90 * 86_400_000;

/**
 * One Key Vault operation's deadline: its attempts (the SDK retries twice, lib/vault/client.ts)
 * and the credential's token request together. Within the token service's 10 s budget for a
 * redemption's retries, and well within the 30 s lease one instance redeems a tenant under.
 */
export const vaultCallTimeoutMs = 8_000;
/** Who minted a refresh token and how; stored as tags next to the value. */
export interface RefreshTokenMeta {
  upn: string;
  oid: string;
  mfa: boolean;
  clientId: string;
  endpointVersion: 'v1' | 'v2';
}

export interface StoredRefreshToken {
  value: string;
  version: string;
  tags: Record<string, string>;
  createdAt: Date;
  expiresOn?: Date;
}

/** A version of the secret without its value: the history the onboarding page shows. */
export interface RefreshTokenVersion {
  version: string;
  createdAt?: Date;
  expiresOn?: Date;
  enabled: boolean;
  mintedBy?: string;
  mintedByOid?: string;
  purpose?: string;
  mfa?: boolean;
}

export interface ConnectedTenant {
  tenantId: string;
  /** When the current version was written (consent or write-back). */
  updatedAt?: Date;
  expiresOn?: Date;
  tags: Record<string, string>;
}

/** A version the store wrote. */
interface SavedVersion {
  version: string;
  createdAt: Date;
}

/** A write's new version and, when the write recovered the secret, the version it stood over. */
interface WrittenVersion extends SavedVersion {
  /** The secret was soft-deleted: the write went through its recovery (recover.ts). */
  recovered: boolean;
  /** The version the recovery brought back; unknown when someone else's recovery did. */
  recoveredVersion?: string;
}

export type RotationResult =
  ({ status: 'saved' } & SavedVersion) | { status: 'superseded'; currentVersion: string | null };

/** The subset of SecretClient the store uses, so tests can pass a fake. */
export type SecretClientLike = Pick<
  SecretClient,
  | 'setSecret'
  | 'getSecret'
  | 'listPropertiesOfSecretVersions'
  | 'listPropertiesOfSecrets'
  | 'beginDeleteSecret'
  | 'beginRecoverDeletedSecret'
  | 'updateSecretProperties'
>;

/**
 * How long a consent's save may wait for the throttle gate to open (Key Vault's documented
 * backoff steps 1, 2, 4 and 8 s fit): the admin's browser waits on the consent callback.
 */
export const consentSaveThrottleBudgetMs = 20_000;

/**
 * The refresh-token store: the only code that reads or writes refresh tokens. One secret per
 * partner tenant, a new version per consent or write-back, tags saying who minted it.
 */
export function createRefreshTokenStore(options: {
  config: PortalConfig;
  client?: SecretClientLike;
  /**
   * Its cloud time stamps the `minted-at`/`rotated-at` tags and the `exp` attribute; its host
   * time (`now`) times a throttling vault's wait (default: the host's clock for both).
   */
  clock?: Pick<Clock, 'cloudNow'> & Partial<Pick<Clock, 'now'>>;
  /** How long one operation may take, the SDK's retries and Key Vault's token included. */
  callTimeoutMs?: number;
  /** Waits on the host's clock (`waitOutThrottling`); tests move a clock. */
  sleep?: (ms: number) => Promise<void>;
}) {
  const secretClient = lazySecretClient(options);
  const now = options.clock ? () => options.clock!.cloudNow() : Date.now;
  const callTimeoutMs = options.callTimeoutMs ?? vaultCallTimeoutMs;
  const clock = options.clock;
  const hostNow = clock?.now ? () => clock.now!() : Date.now;
  const sleep = options.sleep ?? ((ms: number) => pause(ms));
  const throttle = createThrottleGate(hostNow);

  /**
   * Runs `attempt` (an operation of this store, wrapped as its caller needs), and while the
   * throttle gate refuses it (another call's 429 began a wait; nothing was sent, so nothing in
   * the vault changed) waits the wait out and runs it again, within
   * `consentSaveThrottleBudgetMs`. A 429 Key Vault gave the attempt itself is not retried: a
   * consent's save may have begun recovering a deleted secret by then. For a consent's save: its
   * refresh token came from a single-use code, and a failed save means consenting again. The
   * caller takes its locks inside `attempt`, so nothing is held while this waits.
   */
  async function waitOutThrottling<T>(attempt: () => Promise<T>): Promise<T> {
    const deadline = hostNow() + consentSaveThrottleBudgetMs;
    for (;;) {
      try {
        return await attempt();
      } catch (err) {
        const gateRefused =
          err instanceof VaultError &&
          err.code === 'vault_throttled' &&
          err.details.status === undefined;
        const waitMs = gateRefused ? (err.details.retryAfterSeconds ?? 1) * 1000 : null;
        if (waitMs === null || hostNow() + waitMs > deadline) throw err;
        await sleep(waitMs);
      }
    }
  }

  /**
   * Runs one operation with its deadline (the SDK waits forever by default: a stalled
   * connection would hold a tenant's refresh, and every request waiting on it, indefinitely)
   * and maps its failure; a missed deadline is `vault_unavailable`, like an outage. While Key
   * Vault's wait after a 429 lasts, nothing is sent: `vault_throttled` at once (throttle-gate.ts).
   */
  async function call<T>(
    operation: string,
    run: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    throttle.check(operation);
    try {
      const result = await run(AbortSignal.timeout(callTimeoutMs));
      throttle.succeeded();
      return result;
    } catch (err) {
      throw throttle.failed(toVaultError(operation, err));
    }
  }

  /**
   * Adds a version. A soft-deleted secret (the tenant was disconnected) answers 409: a consent
   * (`whenDeleted: 'recover'`) recovers it and writes on top, or deletes it again when that
   * fails; a rotation (`'leave'`) writes nothing and returns null, so a write-back racing a
   * disconnect cannot connect it again. After a recovery, `recoveredVersion` is the version the
   * recovered secret served (recover.ts), which the new one replaces.
   */
  function write(
    tenantId: string,
    value: string,
    tags: Record<string, string>,
    whenDeleted: 'recover',
  ): Promise<WrittenVersion>;
  function write(
    tenantId: string,
    value: string,
    tags: Record<string, string>,
    whenDeleted: 'leave',
  ): Promise<WrittenVersion | null>;
  async function write(
    tenantId: string,
    value: string,
    tags: Record<string, string>,
    whenDeleted: 'recover' | 'leave',
  ): Promise<WrittenVersion | null> {
    const name = secretNameFor(tenantId);
    const outcome = await call('set', async (abortSignal) => {
      const client = await secretClient();
      const set = (signal: AbortSignal) =>
        client.setSecret(name, value, {
          contentType: refreshTokenContentType,
          tags,
          expiresOn: new Date(now() + refreshTokenLifetimeMs),
          abortSignal: signal,
        });
      /** The new version, or null when the name is taken by a deleted secret (409). */
      const setUnlessDeleted = async (signal: AbortSignal) => {
        try {
          return await set(signal);
        } catch (err) {
          if (!nameHeldByDeletedSecret(toVaultError('set', err).code)) throw err;
          return null;
        }
      };
      const written = await setUnlessDeleted(abortSignal);
      if (written) return { written, recovered: false };
      if (whenDeleted === 'leave') return null;
      // Connecting again after a disconnect: the old secret is soft-deleted (recover.ts).
      const afterRecovery = await recoverAndWrite(client, name, {
        set,
        setUnlessDeleted,
        undo: (failure) => deleteRecovered(client, { name, tenantId }, failure, callTimeoutMs),
      });
      return { ...afterRecovery, recovered: true };
    });
    if (!outcome) return null;
    const { properties } = outcome.written;
    return {
      version: properties.version ?? '',
      createdAt: properties.createdOn ?? new Date(now()),
      recovered: outcome.recovered,
      ...(outcome.replaced !== undefined && { recoveredVersion: outcome.replaced }),
    };
  }

  /**
   * Disables one version: Key Vault then refuses to serve it (403 SecretDisabled). Failures are
   * thrown, mapped like every other call.
   */
  async function disableVersion(tenantId: string, version: string): Promise<void> {
    await call('disable', async (abortSignal) =>
      (await secretClient()).updateSecretProperties(secretNameFor(tenantId), version, {
        enabled: false,
        abortSignal,
      }),
    );
  }

  /**
   * Disables `replaced`, the version a write of this store has just stood `written` over. Entra
   * does not revoke a refresh token when it is redeemed, nor when a new consent mints another
   * ("The Microsoft identity platform doesn't revoke old refresh tokens when used to fetch new
   * access tokens", "Refresh tokens in the Microsoft identity platform"): left enabled, every
   * replaced version stays a live credential to anyone who may read the vault's secrets, one
   * more with each daily rotation. Key Vault refuses to serve a disabled version (403
   * SecretDisabled). Only the one version the caller knows it replaced, never "every version but
   * the newest": the versions' `createdOn` has one-second resolution and another instance may
   * have written meanwhile, so the list cannot say which one is current.
   *
   * A failure is logged and left: the new version is stored and current, as the caller asked
   * (a consent's save is not run again for it, nor a rotation lost). The log names the version
   * left enabled (an id, never a value) for an operator to disable by hand.
   */
  async function disableReplaced(
    tenantId: string,
    replaced: string,
    written: string,
    purpose: 'consent' | 'rotation',
  ): Promise<void> {
    if (!replaced || replaced === written) return;
    try {
      await disableVersion(tenantId, replaced);
    } catch (err) {
      logEvent('warn', 'key vault: the replaced refresh-token version was not disabled', {
        outcome: 'failure',
        tenant: tenantId,
        errorCode: toVaultError('disable', err).code,
        keyVaultVersion: replaced,
        purpose,
      });
    }
  }

  /**
   * The version a consent's write is about to replace, read before it: `version` when one is
   * served, none when the tenant is not connected (404; a disconnected tenant's recovered
   * secret says its own, recover.ts) or its current version is disabled already (403
   * SecretDisabled: nothing to disable). Any other failure does not stop the consent: its token
   * came from a single-use code and the write may yet succeed (a throttling vault's wait is
   * kept by the gate, which then refuses the write too, and `waitOutThrottling` runs it again);
   * `unknown` says why the replaced version stays unknown.
   */
  async function versionBeforeConsent(
    tenantId: string,
  ): Promise<{ version?: string; unknown?: VaultError }> {
    try {
      return { version: (await readRefreshToken(tenantId))?.version };
    } catch (err) {
      const failure = toVaultError('get', err);
      return failure.code === 'vault_secret_disabled' ? {} : { unknown: failure };
    }
  }

  /** The current version, or null when the tenant is not connected (404). */
  async function readRefreshToken(partnerTenantId: string): Promise<StoredRefreshToken | null> {
    const name = secretNameFor(partnerTenantId);
    try {
      const secret = await call('get', async (abortSignal) =>
        (await secretClient()).getSecret(name, { abortSignal }),
      );
      if (secret.value === undefined) return null;
      const p = secret.properties;
      return {
        value: secret.value,
        version: p.version ?? '',
        tags: p.tags ?? {},
        createdAt: p.createdOn ?? new Date(0),
        expiresOn: p.expiresOn,
      };
    } catch (err) {
      if (err instanceof VaultError && err.code === 'vault_not_found') return null;
      throw err;
    }
  }

  /** The secrets named for a partner tenant, with their current version's properties. */
  async function listTenantSecrets(): Promise<
    Array<{ tenantId: string; properties: SecretProperties }>
  > {
    const secrets: Array<{ tenantId: string; properties: SecretProperties }> = [];
    await call('list', async (abortSignal) => {
      for await (const p of (await secretClient()).listPropertiesOfSecrets({ abortSignal })) {
        const tenantId = p.name.slice(secretNamePrefix.length);
        if (p.name.startsWith(secretNamePrefix) && isGuid(tenantId))
          secrets.push({ tenantId, properties: p });
      }
    });
    return secrets;
  }

  return {
    readRefreshToken,
    disableVersion,
    waitOutThrottling,

    /**
     * The version Key Vault serves as current (null when not connected). `createdOn` has
     * one-second resolution, so the version list alone cannot say which of two versions
     * written in the same second is current. The value is dropped here, never returned.
     */
    async currentRefreshTokenVersion(partnerTenantId: string): Promise<string | null> {
      return (await readRefreshToken(partnerTenantId))?.version ?? null;
    },

    /**
     * The current version's properties (null when not connected): one read, where the version
     * list grows by a version a day with write-backs. The value is dropped here, never returned.
     */
    async currentRefreshTokenProperties(
      partnerTenantId: string,
    ): Promise<Omit<StoredRefreshToken, 'value'> | null> {
      const current = await readRefreshToken(partnerTenantId);
      if (!current) return null;
      const { value: _value, ...properties } = current;
      return properties;
    },

    /**
     * Stores the refresh token of a fresh consent as the new current version, then disables the
     * version it replaced (`disableReplaced`): the one served as current just before, or, when
     * the write recovered a disconnected tenant's secret, the one the recovery brought back (the
     * disconnected grant's). Disabled only once the write succeeded: a failed write after a
     * recovery deletes the recovered secret again (recover.ts), untouched.
     */
    async saveRefreshToken(
      partnerTenantId: string,
      refreshToken: string,
      meta: RefreshTokenMeta,
    ): Promise<SavedVersion> {
      const before = await versionBeforeConsent(partnerTenantId);
      const tags = tagsFor(meta, 'consent', now());
      const saved = await write(partnerTenantId, refreshToken, tags, 'recover');
      const replaced = saved.recoveredVersion ?? before.version;
      if (replaced) await disableReplaced(partnerTenantId, replaced, saved.version, 'consent');
      // Not known: the read before failed, or the secret was deleted then and someone else
      // recovered it before this write (recover.ts: written on top of their recovery).
      else if (before.unknown || saved.recovered)
        logEvent('warn', 'key vault: the version a consent replaced is not known; not disabled', {
          outcome: 'failure',
          tenant: partnerTenantId,
          errorCode: before.unknown?.code ?? 'recovered_elsewhere',
        });
      return { version: saved.version, createdAt: saved.createdAt };
    },

    /**
     * Writes a rotated refresh token back, unless the current version is no longer the one
     * that was redeemed (a newer consent happened meanwhile): then it returns `superseded`
     * and writes nothing. A disconnect in between (the secret is soft-deleted by the time of
     * the write) is `superseded` too: a rotation never recovers a deleted secret. Key Vault
     * has no conditional set, so nothing here stops a consent landing between the check and
     * the set; the token service closes that window: it runs this call, and a consent's save
     * or a disconnect's delete, one at a time per tenant (TokenService.changeConnection: a
     * queue in the process, plus the tenant's redemption lease with several instances). Only
     * while that lease cannot be had (database away, a holder past the wait) may a consent
     * still be followed by the old grant's rotated token.
     *
     * Once written, the redeemed version (`expectedCurrentVersion`) is disabled
     * (`disableReplaced`): one more Key Vault call per rotation.
     */
    async saveRotatedRefreshToken(
      partnerTenantId: string,
      refreshToken: string,
      condition: { expectedCurrentVersion: string },
    ): Promise<RotationResult> {
      const current = await readRefreshToken(partnerTenantId);
      if (!current || current.version !== condition.expectedCurrentVersion) {
        return { status: 'superseded', currentVersion: current?.version ?? null };
      }
      const tags = {
        ...current.tags,
        purpose: 'rotation',
        'rotated-at': new Date(now()).toISOString(),
      };
      const saved = await write(partnerTenantId, refreshToken, tags, 'leave');
      if (!saved) return { status: 'superseded', currentVersion: null };
      await disableReplaced(
        partnerTenantId,
        condition.expectedCurrentVersion,
        saved.version,
        'rotation',
      );
      return { status: 'saved', version: saved.version, createdAt: saved.createdAt };
    },

    /**
     * Every version, newest first, without values; none when no refresh token was ever stored.
     * Key Vault answers a name never written with an empty list (emulator/README.md cites the
     * recording), not 404; a 404 (a deleted secret's, on the emulator) means none stored too.
     */
    async listRefreshTokenVersions(partnerTenantId: string): Promise<RefreshTokenVersion[]> {
      const versions: RefreshTokenVersion[] = [];
      try {
        await call('list versions', async (abortSignal) => {
          const client = await secretClient();
          const name = secretNameFor(partnerTenantId);
          for await (const p of client.listPropertiesOfSecretVersions(name, { abortSignal }))
            versions.push(versionOf(p));
        });
      } catch (err) {
        if (err instanceof VaultError && err.code === 'vault_not_found') return [];
        throw err;
      }
      return versions.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
    },

    /**
     * Soft-deletes the secret (recoverable for the vault's retention period): done once Key
     * Vault answered the DELETE with success (soft-delete.ts); a failure of the SDK's look at the
     * deleted secret after it still counts for the store (a throttling wait is kept,
     * throttle-gate.ts).
     */
    async deleteRefreshToken(partnerTenantId: string): Promise<void> {
      const { followUpFailure } = await call('delete', async (abortSignal) =>
        softDeleteSecret(await secretClient(), secretNameFor(partnerTenantId), { abortSignal }),
      );
      if (followUpFailure) throttle.failed(toVaultError('delete', followUpFailure));
    },

    /**
     * One tenant's entry of `listConnectedTenants` (null when not connected) with one read:
     * a run for one tenant must not list the vault's every secret, whose limits every partner
     * shares. The value is read with it and dropped here.
     */
    async connectedTenant(partnerTenantId: string): Promise<ConnectedTenant | null> {
      const current = await readRefreshToken(partnerTenantId);
      if (!current) return null;
      return {
        tenantId: partnerTenantId,
        updatedAt: current.createdAt,
        expiresOn: current.expiresOn,
        tags: current.tags,
      };
    },

    /** Tenants with a current refresh-token secret. */
    async listConnectedTenants(): Promise<ConnectedTenant[]> {
      return (await listTenantSecrets())
        .filter(({ properties: p }) => p.enabled !== false)
        .map(({ tenantId, properties: p }) => ({
          tenantId,
          // The current version's creation: when its token was written. `updatedOn` also
          // moves when someone edits the secret's tags or attributes, token untouched.
          updatedAt: p.createdOn,
          expiresOn: p.expiresOn,
          tags: p.tags ?? {},
        }));
    },

    /**
     * Every partner tenant holding a refresh-token secret, and whether its current version is
     * enabled: a disabled current version connects nothing, but the versions before it may be
     * enabled still (the operator's clean-up, old-versions.ts).
     */
    async listTenantsWithSecrets(): Promise<Array<{ tenantId: string; enabled: boolean }>> {
      return (await listTenantSecrets()).map(({ tenantId, properties }) => ({
        tenantId,
        enabled: properties.enabled !== false,
      }));
    },
  };
}

export type RefreshTokenStore = ReturnType<typeof createRefreshTokenStore>;

/**
 * The store's Key Vault client, made at its first call. The Azure SDK (@azure/identity with
 * MSAL, @azure/keyvault-secrets: some 470 modules) then loads with the first call that needs
 * it, not with every module that reaches the store: the audit trail, the health page and the
 * token service do, so the SDK lay on the way to the first page a server serves, even one that
 * never calls Key Vault (the landing page). A failed load is not kept; the next call tries again.
 */
function lazySecretClient(options: {
  config: PortalConfig;
  client?: SecretClientLike;
}): () => Promise<SecretClientLike> {
  if (options.client) {
    const given = options.client;
    return async () => given;
  }
  let loading: Promise<SecretClientLike> | undefined;
  return () =>
    (loading ??= import('./client')
      .then(({ createSecretClient }) => createSecretClient(options.config))
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      }));
}

function tagsFor(meta: RefreshTokenMeta, purpose: string, nowMs: number): Record<string, string> {
  return {
    'minted-by': meta.upn,
    'minted-by-oid': meta.oid,
    'minted-at': new Date(nowMs).toISOString(),
    mfa: String(meta.mfa),
    'client-id': meta.clientId,
    'endpoint-version': meta.endpointVersion,
    purpose,
  };
}

function versionOf(p: SecretProperties): RefreshTokenVersion {
  const tags = p.tags ?? {};
  return {
    version: p.version ?? '',
    createdAt: p.createdOn,
    expiresOn: p.expiresOn,
    enabled: p.enabled !== false,
    mintedBy: tags['minted-by'],
    mintedByOid: tags['minted-by-oid'],
    purpose: tags.purpose,
    mfa: tags.mfa === undefined ? undefined : tags.mfa === 'true',
  };
}
