import type { FailureOwner } from '@/lib/entra/catalogue';
import type { Advice, DependencyName, DependencyState } from './types';
import { verdictTime } from '@/lib/tokens/shared-verdicts';

/**
 * What the health module needs to know about one tenant, in epoch milliseconds. The
 * adapters in `sources.ts` fill it from lib/vault and lib/tokens; tests write it by hand.
 */
export interface TenantFacts {
  tenantId: string;
  /** The current refresh-token secret's metadata (never its value); null when none is stored. */
  secret: StoredSecretFacts | null;
  /** The vault could not be read: `secret` is the last one seen, or null if never seen. */
  secretStale: boolean;
  /** The token service's in-memory state; null when it never touched this tenant. */
  token: TokenStateFacts | null;
  /**
   * The latest verdict another instance shared on this tenant (null: none; absent: not read).
   * Said apart from `token` only where this instance's own view falls short: cut off from Key
   * Vault, it can tell the connection's state only as another instance last saw it (its own
   * failures there are its path's, not the connection's: status.ts).
   */
  shared?: SharedTokenFacts | null;
  /**
   * False for a tenant no longer admitted (not the home tenant, not in PARTNER_TENANTS) whose
   * secret is still stored: the portal neither uses nor renews it (lib/tokens). Absent: admitted.
   */
  admitted?: false;
}

export interface StoredSecretFacts {
  version: string;
  /** When this version was written (consent or rotation). */
  createdAt: number;
  mintedBy: string | null;
  mintedAt: number | null;
  mfa: boolean | null;
}

/**
 * Another instance's verdict on a tenant (shared through the database): the token facts but
 * those of that instance's own cached token, with the time of the event it reflects.
 */
export interface SharedTokenFacts extends Omit<
  TokenStateFacts,
  'accessTokenExpiresAt' | 'nextRefreshAt'
> {
  at: number;
}

/**
 * This instance's token facts with what other instances learned since: for each tenant the
 * newer verdict (re-consent needed, the failure streak, the last good redemption) wins; this
 * instance's own cached-token times stay (none when it never touched the tenant).
 *
 * A verdict from before the consent that minted the tenant's stored refresh token (`secrets`:
 * its `mintedAt`, which rotations keep) is the replaced connection's and does not count. The
 * database stops serving it once the consent's connection change is written, but that write
 * does not wait for the consent (TokenService.invalidate), and a report may read first.
 */
export function withSharedVerdicts(
  local: Map<string, TokenStateFacts>,
  shared: Map<string, SharedTokenFacts> | null,
  secrets: ReadonlyMap<string, Pick<StoredSecretFacts, 'mintedAt'>> = new Map(),
): Map<string, TokenStateFacts> {
  if (!shared) return local;
  const merged = new Map(local);
  for (const [tenantId, verdict] of shared) {
    if (predatesConsent(verdict.at, secrets.get(tenantId))) continue;
    const own = local.get(tenantId);
    if (own && verdictTime(own) >= verdict.at) continue;
    const { at: _at, ...facts } = verdict;
    merged.set(tenantId, {
      ...facts,
      accessTokenExpiresAt: own?.accessTokenExpiresAt ?? null,
      nextRefreshAt: own?.nextRefreshAt ?? null,
      lastWriteBackAt: own?.lastWriteBackAt ?? null,
    });
  }
  return merged;
}

/**
 * This instance's own token facts without the verdicts a later consent replaced. Another
 * instance's consent reaches this one's token service only when it next uses the tenant, so
 * until then its memory still says "needs re-consent" (or holds a failure streak) about the
 * grant that is gone, and its health page, alerts and probe choice would keep saying so. A
 * verdict older than the consent that minted the stored refresh token (its `mintedAt`, which
 * rotations keep) is dropped; the cached-token times and the last good redemption stay.
 */
export function sinceLastConsent(
  local: Map<string, TokenStateFacts>,
  secrets: ReadonlyMap<string, Pick<StoredSecretFacts, 'mintedAt'>>,
): Map<string, TokenStateFacts> {
  const current = new Map(local);
  for (const [tenantId, own] of local) {
    const failedAt = own.lastError?.at ?? null;
    if (failedAt === null || !predatesConsent(failedAt, secrets.get(tenantId))) continue;
    current.set(tenantId, {
      ...own,
      needsReconsent: false,
      consecutiveFailures: 0,
      lastError: null,
    });
  }
  return current;
}

/**
 * A tenant's token facts as they stand: this instance's own (`sinceLastConsent`) merged with
 * what other instances shared (`withSharedVerdicts`), neither counting from before the consent
 * that minted the stored refresh token (`secrets`).
 */
export function currentTokenFacts(
  local: Map<string, TokenStateFacts>,
  shared: Map<string, SharedTokenFacts> | null,
  secrets: ReadonlyMap<string, Pick<StoredSecretFacts, 'mintedAt'>>,
): Map<string, TokenStateFacts> {
  return withSharedVerdicts(sinceLastConsent(local, secrets), shared, secrets);
}

/** Whether an event at `at` came before the consent that minted the stored secret (unknown: no). */
export function predatesConsent(
  at: number,
  secret: Pick<StoredSecretFacts, 'mintedAt'> | undefined,
): boolean {
  const mintedAt = secret?.mintedAt ?? null;
  return mintedAt !== null && at < mintedAt;
}

export interface TokenStateFacts {
  /** The token service's verdict that only a new consent helps. */
  needsReconsent: boolean;
  lastRedemptionAt: number | null;
  /**
   * When this instance last wrote a rotated refresh token back: the stored token's writing,
   * known here before Key Vault's next listing shows the version (status.ts). Absent: none.
   */
  lastWriteBackAt?: number | null;
  accessTokenExpiresAt: number | null;
  nextRefreshAt: number | null;
  consecutiveFailures: number;
  lastError: {
    code: string;
    aadsts: number | null;
    at: number | null;
    correlationId: string | null;
    cause: string;
    fix: string;
    action: Advice['action'];
    /** Whose setting the fix changes, when the failure says (a vault's: the portal's). */
    owner?: FailureOwner;
  } | null;
}

/**
 * The latest probe of each dependency, as far as tenant statuses care. `cutOffHere`: this
 * instance found it down while another instance reached it (instances.ts): the fault is this
 * instance's own path, not the dependency's.
 */
export type DependencyVerdicts = Record<
  Exclude<DependencyName, 'database'>,
  { state: DependencyState; code: string | null; message: string | null; cutOffHere?: boolean }
>;
