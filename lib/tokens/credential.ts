import 'server-only';
import type { Clock } from '@/lib/clock';
import type { PortalConfig } from '@/lib/config';
import type { TokenSet } from '@/lib/entra';
import { retrying } from '@/lib/retry';
import type { RefreshTokenStore, RotationResult } from '@/lib/vault/store';
import { changedFailure, type PortalFailure } from '@/lib/failure';
import { EntraError } from '@/lib/entra/errors';
import { logEvent } from '@/lib/log';
import { notConnected, tokenFailure } from './errors';
import type { TokenObserver } from './observer';
import type { LeaseStillHeld, RedemptionLease } from './redemption-lease';

export type TokenVault = Pick<
  RefreshTokenStore,
  'readRefreshToken' | 'saveRotatedRefreshToken' | 'listConnectedTenants' | 'connectedTenant'
>;
export interface TokenRedeemer {
  redeemRefreshToken(
    refreshToken: string,
    target: { tenantId: string; resource: string },
  ): Promise<TokenSet>;
}
export interface RetryPolicy {
  /** Total time a refresh may spend retrying transient failures. */
  budgetMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** After a failed background refresh, wait this long before the next background attempt. */
  backgroundCooldownMs: number;
}

/** An access token; `expiresAt` on the clock caches age on (`Clock.cacheNow`). */
export interface AccessToken {
  accessToken: string;
  expiresAt: number;
  /** One another instance redeemed: how long ago (the cache ages it from then). */
  ageMs?: number;
}

export interface CredentialDeps {
  config: PortalConfig;
  vault: TokenVault;
  entra: TokenRedeemer;
  clock: Clock;
  observer: TokenObserver;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Several instances: one redemption per tenant at a time, its token shared (redemption-lease.ts). */
  redemptionLease?: RedemptionLease;
  /** Keeps a started write-back until it settles (flushWriteBacks). */
  track: <T>(writeBack: Promise<T>) => Promise<T>;
  /**
   * Runs a write-back's version check and write with no consent or disconnect of the tenant
   * in between (TokenService.changeConnection): Key Vault has no conditional set.
   */
  exclusiveOfConnectionChanges: <T>(checkAndWrite: () => Promise<T>) => Promise<T>;
}

export interface Redemption {
  token: AccessToken;
  /** The rotation write-back this redemption started (or none). */
  writeBack: Promise<RotationResult | undefined>;
}

/**
 * How long a re-consent verdict is replayed from memory alone. Past it, the next redemption
 * reads Key Vault's current version again: a version written there without the portal (a
 * secret restored in Azure's portal) is found within this, a consent through any instance at
 * once (it drops the credential: TokenService.changeConnection, and `changedElsewhere` on the
 * others). Without it every page view of a tenant that needs re-consent cost a Key Vault read
 * (and the lease's database steps) to replay the same verdict. As long as a replay's time may
 * stand unrefreshed (observer.ts), so the verdict's time still moves once a minute.
 */
export const verdictRecheckMs = 60_000;

/**
 * One partner tenant's refresh-token credential: reads the refresh token from Key Vault,
 * redeems it at Entra (retrying transient failures within the budget, lib/retry), writes the
 * rotated refresh token back (conditionally, and never overlapping a consent's save or a
 * disconnect's delete, so a newer consent is never clobbered) and,
 * with several instances, redeems under the tenant's lease. A definitive failure (re-consent)
 * is remembered per resource with the vault version it came from and replayed, without asking
 * Entra again, until a new consent changes the version (or the service drops the credential);
 * for `verdictRecheckMs` after Key Vault last showed that version, without reading it either.
 * Per resource: a consent missing for one resource (AADSTS65001) says nothing about the
 * others the same grant serves.
 */
export function createRefreshTokenCredential(tenantId: string, deps: CredentialDeps) {
  const { config, vault, entra, clock, observer } = deps;
  /** Per resource: the verdict, the vault version it holds for, when the vault last showed it. */
  const verdicts = new Map<
    string,
    { failure: PortalFailure; version: string | null; shownAt: number }
  >();
  /**
   * A wait Entra asked for (a 429's `Retry-After`, or its loop detection: lib/failure's
   * `throttlingCodes`) that outlasted the retry budget: until it passes no redemption of the
   * tenant asks Entra, for any resource; callers get the failure with the wait left. Asking
   * again at once would only prolong it.
   */
  let entraWait: { until: number; failure: PortalFailure } | null = null;

  function waitingForEntra(): PortalFailure | null {
    const left = entraWait ? entraWait.until - clock.now() : 0;
    if (!entraWait || left <= 0) {
      entraWait = null;
      return null;
    }
    return changedFailure(entraWait.failure, { retryAfterSeconds: Math.ceil(left / 1000) });
  }

  /** One redemption: vault read, Entra exchange, maybe a write-back. */
  async function redeemOnce(
    resource: string,
    forceWriteBack: boolean,
    seen: { version: string | null },
    stillHeld: LeaseStillHeld,
  ): Promise<Redemption> {
    const stored = await vault.readRefreshToken(tenantId);
    if (!stored) throw notConnected(tenantId);
    seen.version = stored.version;
    const verdict = verdicts.get(resource);
    if (verdict && verdict.version === stored.version) {
      verdict.shownAt = clock.now();
      throw verdict.failure;
    }
    const tokens = await entra.redeemRefreshToken(stored.value, { tenantId, resource });
    const cloudTime = clock.cloudNow();
    verdicts.delete(resource);
    // Entra states a lifetime; the cache counts it down on its own clock.
    const lifetimeMs = tokens.expiresAt - clock.now();
    observer.redeemed(tenantId, cloudTime, lifetimeMs);
    const due =
      cloudTime - stored.createdAt.getTime() >= config.tokens.writeBackIntervalSeconds * 1000;
    const writeBack =
      tokens.refreshToken && (forceWriteBack || due)
        ? deps.track(writeBackRotated(tokens.refreshToken, stored.version, stillHeld))
        : Promise.resolve(undefined);
    return {
      token: { accessToken: tokens.accessToken, expiresAt: clock.cacheNow() + lifetimeMs },
      writeBack,
    };
  }

  async function writeBackRotated(
    refreshToken: string,
    expectedCurrentVersion: string,
    stillHeld: LeaseStillHeld,
  ): Promise<RotationResult | undefined> {
    try {
      const result = await deps.exclusiveOfConnectionChanges(async () => {
        // Another instance's consent may have taken a lease this redemption outlasted: then
        // nothing is written (lost is only this rotation: the stored token stays valid). Held,
        // the lease is extended by its full length, more than the version read, the write and the
        // replaced version's disable below take at most (the vault's call timeout each).
        if (!(await stillHeld())) {
          logEvent('warn', 'token service: the redemption outlasted its lease; not written back', {
            outcome: 'failure',
            tenant: tenantId,
            errorCode: 'lease_lapsed',
          });
          return undefined;
        }
        return vault.saveRotatedRefreshToken(tenantId, refreshToken, { expectedCurrentVersion });
      });
      if (!result) return undefined;
      if (result.status === 'saved')
        observer.wroteBack(tenantId, clock.cloudNow(), result.version, expectedCurrentVersion);
      return result;
    } catch (err) {
      // A failed write-back loses nothing yet: the stored token stays valid for its own 90 days
      // (which /health counts down), and the next redemption past the interval tries again. Said in the log, though: a vault refusing writes (no `set` permission) would
      // otherwise show only when keep-alive next finds the tenant idle, days later.
      logEvent('warn', 'key vault: the rotated refresh token was not written back', {
        outcome: 'failure',
        tenant: tenantId,
        errorCode: errorCodeOf(err),
      });
      return undefined;
    }
  }

  /**
   * Redeems, retrying transient failures within the budget (lib/retry, equal jitter). A
   * throttling vault's wait is kept instead: the retry waits that long, or gives up at once
   * when the wait would overrun the budget (the failure then names the wait).
   */
  async function redeemWithRetry(
    resource: string,
    forceWriteBack: boolean,
    stillHeld: LeaseStillHeld,
  ) {
    const waiting = waitingForEntra();
    if (waiting) throw waiting;
    const seen = { version: null as string | null };
    try {
      return await retrying(() => redeemOnce(resource, forceWriteBack, seen, stillHeld), {
        limits: deps.retry,
        time: { now: () => clock.now(), sleep: deps.sleep, random: deps.random },
        classify: (err) => {
          const failure = tokenFailure(tenantId, err);
          if (!failure.transient) return { retry: false };
          const wait = failure.retryAfterSeconds;
          return { retry: true, retryAfterMs: wait === undefined ? null : wait * 1000 };
        },
      });
    } catch (err) {
      const failure = tokenFailure(tenantId, err);
      if (failure.cause instanceof EntraError && failure.retryAfterSeconds !== undefined)
        entraWait = { until: clock.now() + failure.retryAfterSeconds * 1000, failure };
      const replayed = err === verdicts.get(resource)?.failure;
      observer.failed(tenantId, failure, {
        at: clock.cloudNow(),
        keyVaultVersion: seen.version,
        replayed,
      });
      // Only a new verdict replaces the remembered one: a vault outage or a timeout in between
      // says nothing about the stored token, and the verdict is tied to its version anyway.
      if (failure.code === 'needs_reconsent' && !replayed)
        verdicts.set(resource, { failure, version: seen.version, shownAt: clock.now() });
      throw failure;
    }
  }

  /**
   * The remembered verdict, replayed without Key Vault, Entra or the lease while the vault
   * showed its version less than `verdictRecheckMs` ago. Told to the observer as the replay
   * through the vault is, so a failure shown in between gives way to it again.
   */
  function recentVerdict(resource: string): PortalFailure | null {
    const verdict = verdicts.get(resource);
    if (!verdict || clock.now() - verdict.shownAt >= verdictRecheckMs) return null;
    observer.failed(tenantId, verdict.failure, {
      at: clock.cloudNow(),
      keyVaultVersion: verdict.version,
      replayed: true,
    });
    return verdict.failure;
  }

  return {
    tenantId,
    /**
     * Forgets the re-consent verdict remembered for `resource`, so the next redemption asks
     * Entra again (a check after the partner changed their Entra ID); a wait Entra asked for
     * still holds.
     */
    forgetVerdict(resource: string): void {
      verdicts.delete(resource);
    },
    /**
     * A newly redeemed access token for `resource`, or, under the lease, one another instance
     * just shared. `keepAlive` always redeems, always writes back, and waits for the write-back.
     * `rejected`: a token Partner Center refused, never to be taken from the shared table.
     */
    async redeem(
      resource: string,
      options: { keepAlive?: boolean; rejected?: string } = {},
    ): Promise<Redemption> {
      const keepAlive = options.keepAlive === true;
      // The keep-alive, rare, looks at the vault whatever it last showed.
      const replay = keepAlive ? null : recentVerdict(resource);
      if (replay) throw replay;
      let writeBack: Redemption['writeBack'] = Promise.resolve(undefined);
      const run = async (stillHeld: LeaseStillHeld = async () => true) => {
        const redeemed = await redeemWithRetry(resource, keepAlive, stillHeld);
        writeBack = redeemed.writeBack;
        // Under a lease the write-back finishes before the lease is given back.
        if (deps.redemptionLease || keepAlive) await writeBack;
        return redeemed.token;
      };
      const token = await (deps.redemptionLease
        ? deps.redemptionLease.obtain(tenantId, resource, run, {
            force: keepAlive,
            rejected: options.rejected,
          })
        : run());
      return { token, writeBack };
    },
  };
}

export type RefreshTokenCredential = ReturnType<typeof createRefreshTokenCredential>;

/** A stable code of what failed (Key Vault's or the portal's), never its message. */
function errorCodeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unexpected';
}
