import 'server-only';
import type { PortalConfig } from '@/lib/config';
import type { TokenSet } from '@/lib/entra';
import type { TokenAuditEvent } from '@/lib/audit/trail';
import type { RefreshTokenStore, RotationResult } from '@/lib/vault/store';
import { recordCacheLookup, recordRedemption } from '@/lib/telemetry/metrics';
import { withTokenServiceSpans } from '@/lib/telemetry/tracing';
import type { PortalFailure } from '@/lib/failure';
import { notConnected, tokenFailure } from './errors';
import { runKeepAlive, type KeepAliveOutcome } from './keep-alive';
import type { RedemptionLease } from './redemption-lease';
import {
  emptyState,
  publicState,
  recordFailure,
  recordSuccess,
  type InternalTenantState,
  type TenantTokenState,
} from './state';

export type TokenVault = Pick<
  RefreshTokenStore,
  'readRefreshToken' | 'saveRotatedRefreshToken' | 'listConnectedTenants'
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
export interface TokenServiceDeps {
  config: PortalConfig;
  vault: TokenVault;
  entra: TokenRedeemer;
  /** The host's clock: access-token lifetimes, retry budgets (default `Date.now`). */
  clock?: { now(): number };
  /**
   * The cloud's clock, for ages of what the cloud stamped (Key Vault `created`/`updated`) and
   * for redemption times the health page counts the 90-day window from (default: `clock`).
   */
  cloudClock?: { now(): number };
  /**
   * The clock cached access tokens age on (default: `clock`). Production keeps the host's,
   * which follows Microsoft's; the local profile passes the cloud clock, so moving the
   * emulator's clock ages cached tokens as that much real time would.
   */
  cacheClock?: { now(): number };
  /** Brings `cacheClock` up to date before each cache lookup (cheap when it already is). */
  syncCacheClock?: () => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  /** In [0,1): jitter source (tests pass a fixed one). */
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** A token is handed out only with at least this much life left, so it cannot expire in flight. */
  minRemainingMs?: number;
  /** Told of failed and recovered redemptions and of write-backs, for the audit trail (no token values). */
  onAuditEvent?: (event: TokenAuditEvent) => void;
  /** Several instances: one redemption per tenant at a time, its token shared (redemption-lease.ts). */
  redemptionLease?: RedemptionLease;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}
interface CacheEntry {
  tenantId: string;
  resource: string;
  token?: CachedToken;
  inflight?: Promise<CachedToken>;
  backgroundNotBefore: number;
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const defaultRetry: RetryPolicy = {
  budgetMs: 10_000,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  backgroundCooldownMs: 30_000,
};

/**
 * The token service (issue 5): access tokens per tenant+resource from an in-process cache,
 * one shared in-flight refresh per key, background refresh `refreshSkewSeconds` before
 * expiry, conditional write-back of rotated refresh tokens, failure classification and a
 * per-tenant state for the health page. Every dependency is injected.
 */
export function createTokenService(deps: TokenServiceDeps) {
  const { config, vault, entra } = deps;
  const clock = deps.clock ?? { now: Date.now };
  const cloudClock = deps.cloudClock ?? clock;
  const cacheClock = deps.cacheClock ?? clock;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const retry = { ...defaultRetry, ...deps.retry };
  const minRemainingMs = deps.minRemainingMs ?? 30_000;
  const skewMs = config.tokens.refreshSkewSeconds * 1000;
  const entries = new Map<string, CacheEntry>();
  const states = new Map<string, InternalTenantState>();
  /** The last definitive failure per tenant, replayed while the same vault version is current. */
  const verdicts = new Map<string, PortalFailure>();
  const pendingWriteBacks = new Set<Promise<unknown>>();

  const stateFor = (tenantId: string) => {
    let state = states.get(tenantId);
    if (!state) states.set(tenantId, (state = emptyState(tenantId)));
    return state;
  };
  const entryFor = (tenantId: string, resource: string) => {
    const key = `${tenantId}\n${resource}`;
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = { tenantId, resource, backgroundNotBefore: 0 }));
    return entry;
  };

  /** One redemption: vault read, Entra exchange, cache update, maybe a write-back. */
  async function redeemOnce(
    entry: CacheEntry,
    forceWriteBack: boolean,
    seen: { version: string | null },
  ) {
    const stored = await vault.readRefreshToken(entry.tenantId);
    if (!stored) throw notConnected(entry.tenantId);
    seen.version = stored.version;
    const verdict = verdicts.get(entry.tenantId);
    if (verdict && stateFor(entry.tenantId).failedVersion === stored.version) throw verdict;
    const tokens = await entra.redeemRefreshToken(stored.value, {
      tenantId: entry.tenantId,
      resource: entry.resource,
    });
    const cloudTime = cloudClock.now();
    verdicts.delete(entry.tenantId);
    const failuresBefore = stateFor(entry.tenantId).consecutiveFailures;
    if (failuresBefore > 0)
      deps.onAuditEvent?.({
        kind: 'redemption-recovered',
        tenantId: entry.tenantId,
        failuresBefore,
      });
    // Entra states a lifetime; the cache counts it down on its own clock.
    const lifetimeMs = tokens.expiresAt - clock.now();
    entry.token = { accessToken: tokens.accessToken, expiresAt: cacheClock.now() + lifetimeMs };
    recordSuccess(stateFor(entry.tenantId), cloudTime, lifetimeMs, skewMs);
    const due =
      cloudTime - stored.createdAt.getTime() >= config.tokens.writeBackIntervalSeconds * 1000;
    const writeBack =
      tokens.refreshToken && (forceWriteBack || due)
        ? track(writeBackRotated(entry.tenantId, tokens.refreshToken, stored.version))
        : Promise.resolve(undefined);
    return { token: entry.token, writeBack };
  }

  async function writeBackRotated(
    tenantId: string,
    refreshToken: string,
    expectedCurrentVersion: string,
  ): Promise<RotationResult | undefined> {
    try {
      const result = await vault.saveRotatedRefreshToken(tenantId, refreshToken, {
        expectedCurrentVersion,
      });
      if (result.status === 'saved') {
        const state = stateFor(tenantId);
        state.lastWriteBack = { at: cloudClock.now(), version: result.version };
        state.counters.writeBacks += 1;
        deps.onAuditEvent?.({
          kind: 'rotated',
          tenantId,
          keyVaultVersion: result.version,
          previousKeyVaultVersion: expectedCurrentVersion,
        });
      }
      return result;
    } catch {
      // A failed write-back loses nothing: the stored token stays valid; the next redemption retries.
      return undefined;
    }
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    pendingWriteBacks.add(promise);
    void promise.finally(() => pendingWriteBacks.delete(promise));
    return promise;
  }

  /** Redeems with exponential backoff and equal jitter (half fixed, half random) on transient failures, within the budget. */
  async function redeemWithRetry(entry: CacheEntry, forceWriteBack = false) {
    const started = clock.now();
    const seen = { version: null as string | null };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const redeemed = await redeemOnce(entry, forceWriteBack, seen);
        recordRedemption('success');
        return redeemed;
      } catch (err) {
        const delay =
          Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt) * (0.5 + random() / 2);
        const failure = tokenFailure(entry.tenantId, err);
        const retryable = failure.transient && clock.now() - started + delay <= retry.budgetMs;
        if (retryable) {
          await sleep(delay);
          continue;
        }
        // A replayed verdict is no new redemption: audited once, when Entra said it.
        if (err !== verdicts.get(entry.tenantId))
          deps.onAuditEvent?.({
            kind: 'redemption-failed',
            tenantId: entry.tenantId,
            code: failure.code,
            aadsts: failure.aadsts,
            correlationId: failure.correlationId,
            keyVaultVersion: seen.version,
          });
        recordFailure(stateFor(entry.tenantId), failure, cloudClock.now(), seen.version);
        if (failure.code === 'needs_reconsent') verdicts.set(entry.tenantId, failure);
        recordRedemption('failure', failure.code);
        throw failure;
      }
    }
  }

  /** Starts, or joins, the single in-flight refresh of this key. */
  function refresh(entry: CacheEntry): Promise<CachedToken> {
    const redeem = async () => {
      const redeemed = await redeemWithRetry(entry);
      // Under a lease, the write-back finishes before the lease is given back.
      if (deps.redemptionLease) await redeemed.writeBack;
      return redeemed.token;
    };
    entry.inflight ??= (
      deps.redemptionLease
        ? deps.redemptionLease.obtain(entry.tenantId, entry.resource, redeem)
        : redeem()
    )
      .then((token) => (entry.token = token))
      .finally(() => {
        entry.inflight = undefined;
      });
    return entry.inflight;
  }

  function assertTenant(tenantId: string): string {
    if (!guidPattern.test(tenantId)) throw new TypeError('partner tenant id must be a GUID');
    return tenantId.toLowerCase();
  }

  return withTokenServiceSpans({
    /**
     * A valid access token for the tenant and resource (Partner Center by default). Served
     * from cache while it has life left; in the last `refreshSkewSeconds` a background refresh
     * starts and callers keep the current token; only an expired or absent token makes callers
     * wait, and all of them wait on the same refresh.
     */
    async getAccessToken(
      partnerTenantId: string,
      resource: string = config.partnerCenter.resource,
    ): Promise<string> {
      const entry = entryFor(assertTenant(partnerTenantId), resource);
      await deps.syncCacheClock?.();
      const now = cacheClock.now();
      const cached = entry.token;
      if (cached && now < cached.expiresAt - minRemainingMs) {
        stateFor(entry.tenantId).counters.cacheHits += 1;
        recordCacheLookup('hit');
        if (
          now >= cached.expiresAt - skewMs &&
          !entry.inflight &&
          now >= entry.backgroundNotBefore
        ) {
          refresh(entry).catch(() => {
            entry.backgroundNotBefore = cacheClock.now() + retry.backgroundCooldownMs;
          });
        }
        return cached.accessToken;
      }
      recordCacheLookup('miss');
      return (await refresh(entry)).accessToken;
    },

    /**
     * Redeems idle connected tenants and writes their rotated tokens back (see keep-alive.ts);
     * `tenantId` limits the run to that one partner tenant (a run started from a session).
     */
    runKeepAlive(options: { tenantId?: string } = {}): Promise<KeepAliveOutcome[]> {
      const only = options.tenantId?.toLowerCase();
      return runKeepAlive({
        listConnectedTenants: async () =>
          (await vault.listConnectedTenants()).filter(
            (t) => !only || t.tenantId.toLowerCase() === only,
          ),
        idleMs: config.tokens.keepAliveIdleSeconds * 1000,
        now: () => cloudClock.now(),
        redeemAndWriteBack: async (tenantId) => {
          const entry = entryFor(assertTenant(tenantId), config.partnerCenter.resource);
          let writeBack: Promise<RotationResult | undefined> = Promise.resolve(undefined);
          const redeem = async () => {
            const redeemed = await redeemWithRetry(entry, true);
            writeBack = redeemed.writeBack;
            await writeBack;
            return redeemed.token;
          };
          await (deps.redemptionLease
            ? deps.redemptionLease.obtain(entry.tenantId, entry.resource, redeem, { force: true })
            : redeem());
          return writeBack;
        },
      });
    },

    /** The health page's view of one tenant (null when never touched). Never a token value. */
    getTokenState(partnerTenantId: string): TenantTokenState | null {
      const state = states.get(partnerTenantId.toLowerCase());
      return state ? publicState(state) : null;
    },
    listTokenStates(): TenantTokenState[] {
      return [...states.values()].map(publicState);
    },
    /** Forgets cached tokens and verdicts of a tenant (after re-consent or disconnect). */
    invalidate(partnerTenantId: string): void {
      const tenantId = partnerTenantId.toLowerCase();
      for (const [key, entry] of entries) if (entry.tenantId === tenantId) entries.delete(key);
      verdicts.delete(tenantId);
      states.delete(tenantId);
      void deps.redemptionLease?.forget(tenantId);
    },
    /** Resolves when every started write-back has finished (tests, graceful shutdown). */
    async flushWriteBacks(): Promise<void> {
      await Promise.allSettled([...pendingWriteBacks]);
    },
  });
}

export type TokenService = ReturnType<typeof createTokenService>;
