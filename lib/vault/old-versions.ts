import 'server-only';
import { toVaultError, type VaultErrorCode } from './errors';
import type { RefreshTokenStore, RefreshTokenVersion } from './store';

/**
 * The operator's clean-up of refresh-token versions left enabled (`npm run
 * vault:disable-old-versions`). Since the store disables the version a consent or a rotation
 * replaces, one version per tenant is enabled; a vault written before that keeps every earlier
 * version enabled, and each is a live credential to anyone who may read the vault's secrets
 * (Entra revokes no refresh token when another is minted or redeemed).
 *
 * Only versions created in an earlier second than the one Key Vault serves as current are
 * disabled. `createdOn` has one-second resolution, and another instance may write while this
 * runs: a version of the same second or later may be newer than the current one read here, so
 * it is left, and said so. The current version is never touched, and nothing is read but ids
 * and dates (the current value is dropped by the store).
 */

export type OldVersionsStore = Pick<
  RefreshTokenStore,
  | 'listTenantsWithSecrets'
  | 'currentRefreshTokenProperties'
  | 'listRefreshTokenVersions'
  | 'disableVersion'
  | 'waitOutThrottling'
>;

export interface VersionFact {
  version: string;
  createdAt?: Date;
}

/** Why an enabled version other than the current one is left enabled. */
export type LeftReason = 'same-second' | 'newer' | 'undated';

export interface TenantVersionsCleanUp {
  tenantId: string;
  /** The version Key Vault serves; null when the tenant was disconnected meanwhile. */
  current: VersionFact | null;
  /**
   * The current version is disabled (the tenant is not connected; it needs a new consent):
   * Key Vault serves it to no one, so it was found as the newest version listed.
   */
  currentDisabled?: true;
  /** Enabled versions created before the current one: disabled, or to be with `apply`. */
  older: VersionFact[];
  left: Array<VersionFact & { reason: LeftReason }>;
  alreadyDisabled: number;
  /** With `apply`: the versions of `older` Key Vault disabled, and those it refused. */
  disabled: VersionFact[];
  failed: Array<VersionFact & { code: VaultErrorCode }>;
  /** Reading the tenant's versions failed: nothing was changed for it. */
  readFailure?: VaultErrorCode;
}

/** Key Vault's `created` is a Unix time in seconds. */
const secondOf = (date?: Date) => (date ? Math.floor(date.getTime() / 1000) : undefined);

/** Sorts one tenant's versions against its current one; a pure function of what was read. */
export function sortVersions(
  current: VersionFact,
  versions: RefreshTokenVersion[],
): Pick<TenantVersionsCleanUp, 'older' | 'left' | 'alreadyDisabled'> {
  const older: VersionFact[] = [];
  const left: TenantVersionsCleanUp['left'] = [];
  let alreadyDisabled = 0;
  const currentSecond = secondOf(current.createdAt);
  for (const { version, createdAt, enabled } of versions) {
    if (version === current.version) continue;
    if (!enabled) {
      alreadyDisabled += 1;
      continue;
    }
    const second = secondOf(createdAt);
    if (second === undefined || currentSecond === undefined)
      left.push({ version, createdAt, reason: 'undated' });
    else if (second < currentSecond) older.push({ version, createdAt });
    else
      left.push({ version, createdAt, reason: second > currentSecond ? 'newer' : 'same-second' });
  }
  return { older, left, alreadyDisabled };
}

/**
 * Finds (and with `apply`, disables) every connected tenant's older enabled versions, or only
 * `tenantIds`' when given. One tenant at a time, one call at a time: the vault's limits are
 * shared with the running portal. A throttling vault's stated wait is sat out (the store's
 * gate); a version Key Vault refuses is reported and the next one tried.
 */
export async function cleanUpOldVersions(
  store: OldVersionsStore,
  options: { apply: boolean; tenantIds?: string[] },
): Promise<TenantVersionsCleanUp[]> {
  const tenantIds =
    options.tenantIds ??
    (await store.waitOutThrottling(() => store.listTenantsWithSecrets())).map((t) => t.tenantId);
  const results: TenantVersionsCleanUp[] = [];
  for (const tenantId of tenantIds) {
    const result: TenantVersionsCleanUp = {
      tenantId,
      current: null,
      older: [],
      left: [],
      alreadyDisabled: 0,
      disabled: [],
      failed: [],
    };
    results.push(result);
    try {
      const current = await readCurrent(store, tenantId);
      if (current === null) continue;
      if (current === 'disabled') result.currentDisabled = true;
      const versions = await store.waitOutThrottling(() =>
        store.listRefreshTokenVersions(tenantId),
      );
      result.current = current === 'disabled' ? newestOf(versions) : current;
      if (!result.current) continue;
      Object.assign(result, sortVersions(result.current, versions));
    } catch (err) {
      result.readFailure = toVaultError('read versions', err).code;
      continue;
    }
    if (!options.apply) continue;
    for (const old of result.older) {
      try {
        await store.waitOutThrottling(() => store.disableVersion(tenantId, old.version));
        result.disabled.push(old);
      } catch (err) {
        result.failed.push({ ...old, code: toVaultError('disable', err).code });
      }
    }
  }
  return results;
}

/**
 * The version Key Vault serves, null without one, or `disabled`: a disabled current version
 * refuses reads (403 SecretDisabled), while the versions before it may be enabled, each a live
 * refresh token no page uses.
 */
async function readCurrent(
  store: OldVersionsStore,
  tenantId: string,
): Promise<VersionFact | null | 'disabled'> {
  try {
    const current = await store.waitOutThrottling(() =>
      store.currentRefreshTokenProperties(tenantId),
    );
    return current && { version: current.version, createdAt: current.createdAt };
  } catch (err) {
    if (toVaultError('read', err).code === 'vault_secret_disabled') return 'disabled';
    throw err;
  }
}

/**
 * The current version of a secret whose current version is disabled: Key Vault's current
 * version is the one written last, the newest listed. Null when none is dated or two share the
 * newest second (which is current cannot be told: every version of that second is then left).
 */
function newestOf(versions: RefreshTokenVersion[]): VersionFact | null {
  const dated = versions.filter((v) => v.createdAt !== undefined);
  if (dated.length === 0) return null;
  const newest = Math.max(...dated.map((v) => secondOf(v.createdAt)!));
  const candidates = dated.filter((v) => secondOf(v.createdAt) === newest);
  if (candidates.length !== 1) return null;
  return { version: candidates[0]!.version, createdAt: candidates[0]!.createdAt };
}

const leftWords: Record<LeftReason, string> = {
  'same-second': 'created in the same second as the current one: which came first cannot be told',
  newer: 'created after the current one was read: another write',
  undated: 'Key Vault gave no creation time',
};

const olderVersions = (count: number) => `${count} older version${count === 1 ? '' : 's'}`;

const when = (fact: VersionFact) => fact.createdAt?.toISOString() ?? 'no creation time';

/** What the command prints: per tenant, what it found and did, by version id and date only. */
export function describeCleanUp(results: TenantVersionsCleanUp[], apply: boolean): string[] {
  if (results.length === 0) return ['No partner tenant has a refresh token in Key Vault.'];
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`Partner tenant ${r.tenantId}:`);
    if (r.readFailure) {
      lines.push(`  could not read its versions (${r.readFailure}); nothing changed.`);
      continue;
    }
    if (!r.current) {
      lines.push(
        r.currentDisabled
          ? '  its current version is disabled, and which version that is cannot be told (two were created in the same second, or none is dated); nothing changed.'
          : '  not connected (no current refresh token); nothing changed.',
      );
      continue;
    }
    lines.push(
      r.currentDisabled
        ? `  current version ${r.current.version} (${when(r.current)}) is disabled: the tenant is not connected until an Admin consents again`
        : `  current version ${r.current.version} (${when(r.current)}), left enabled`,
    );
    if (r.alreadyDisabled > 0) lines.push(`  ${olderVersions(r.alreadyDisabled)} already disabled`);
    if (r.older.length === 0) lines.push('  no older version is enabled');
    else if (!apply)
      lines.push(
        `  ${olderVersions(r.older.length)} enabled, to disable with --apply:`,
        ...r.older.map((v) => `    ${v.version} (${when(v)})`),
      );
    else {
      lines.push(
        `  disabled ${r.disabled.length} of ${olderVersions(r.older.length)}:`,
        ...r.disabled.map((v) => `    ${v.version} (${when(v)}) disabled`),
        ...r.failed.map((v) => `    ${v.version} (${when(v)}) NOT disabled: ${v.code}`),
      );
    }
    for (const v of r.left)
      lines.push(`  left enabled: ${v.version} (${when(v)}), ${leftWords[v.reason]}`);
  }
  return lines;
}

/** True when something could not be read or disabled: the command then exits with 1. */
export const cleanUpFailed = (results: TenantVersionsCleanUp[]) =>
  results.some((r) => r.readFailure !== undefined || r.failed.length > 0);
