import 'server-only';
import { isAdmittedTenant } from '@/lib/auth/admission';
import { systemClock, type Clock } from '@/lib/clock';
import type { PortalConfig } from '@/lib/config';
import type { TokenAuditEvent } from '@/lib/audit/trail';
import { withTokenServiceSpans } from '@/lib/telemetry/tracing';
import type { ConnectedTenant } from '@/lib/vault/store';
import {
  createRefreshTokenCredential,
  type AccessToken,
  type RefreshTokenCredential,
  type RetryPolicy,
  type TokenRedeemer,
  type TokenVault,
} from './credential';
import { createCycler } from './cycler';
import { idleness, keepAliveOutcome, type KeepAliveOutcome } from './keep-alive';
import { createTokenObserver } from './observer';
import type { RedemptionLease } from './redemption-lease';
import { isTenantVerdict } from './shared-verdicts';
import type { TenantTokenState } from './state';
import { createTenantQueue } from './tenant-queue';
import { notAdmitted } from './errors';

export type { RetryPolicy, TokenRedeemer, TokenVault } from './credential';

export interface TokenServiceDeps {
  config: PortalConfig;
  vault: TokenVault;
  entra: TokenRedeemer;
  /**
   * Time (lib/clock): the host's for lifetimes Entra states and retry budgets, the cloud's for
   * what the vault stamped and for the health page, the cache's for cached tokens (the
   * cloud's in the local profile, so moving the emulator's clock ages them). Default: the host's.
   */
  clock?: Clock;
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
  /**
   * Several instances: told of a tenant's state after each redemption of its current connection
   * and each failure that is a verdict on it, not an outage (a copy, no token value), for the
   * others' health pages and alerts (shared-verdicts.ts, `isTenantVerdict`).
   */
  onVerdict?: (state: TenantTokenState) => void;
}

/** A token is handed out with at least this much life left by default (TokenServiceDeps.minRemainingMs). */
export const defaultMinRemainingMs = 30_000;

/**
 * A token Partner Center refused (401) is replaced only once this old (since its redemption,
 * on whichever instance). A token refused minutes after its redemption was refused for something every
 * token of the same refresh token carries (no MFA claim, Partner Center code 10001; a grant
 * Partner Center does not accept), which another redemption cannot fix: replacing it anyway
 * would cost an Entra redemption per page view. Five minutes keeps a lasting refusal to at most
 * 12 redemptions an hour per tenant and instance, while a token refused later in its 60 to 90
 * minute life (Entra's default access-token lifetime; revoked, or a key rolled over) is
 * replaced at the first refusal. Microsoft's own clients renew on expiry alone (Partner Center
 * .NET SDK, PartnerServiceProxy.ValidateCredentialsAsync; 401 is never retried there,
 * RetryableHttpCall) or re-send once after a 401 challenge (Azure core-rest-pipeline
 * bearerTokenAuthenticationPolicy, CAE claims); this bound is the portal's own.
 */
export const minAgeToReplaceRejectedMs = 5 * 60_000;

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const defaultRetry: RetryPolicy = {
  budgetMs: 10_000,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  backgroundCooldownMs: 30_000,
};
const keyOf = (tenantId: string, resource: string) => `${tenantId}\n${resource}`;
const tenantOf = (key: string) => key.slice(0, key.indexOf('\n'));

/**
 * The token service: access tokens per tenant+resource, put together like Azure's token
 * cycler. The cycler (cycler.ts) caches them, shares one refresh per key and refreshes in the
 * background `refreshSkewSeconds` before expiry; each tenant's credential (credential.ts)
 * redeems the refresh token, retries, writes the rotated one back and replays a definitive
 * failure; the observer (observer.ts) records it all for the health page, the audit trail and
 * the metrics. Every dependency is injected.
 */
export function createTokenService(deps: TokenServiceDeps) {
  const { config, vault } = deps;
  const clock = deps.clock ?? systemClock;
  const retry = { ...defaultRetry, ...deps.retry };
  const refreshWindowMs = config.tokens.refreshSkewSeconds * 1000;
  const observer = createTokenObserver({ refreshWindowMs, onAuditEvent: deps.onAuditEvent });
  const cycler = createCycler<AccessToken>({
    now: () => clock.cacheNow(),
    refreshWindowMs,
    minRemainingMs: deps.minRemainingMs ?? defaultMinRemainingMs,
    backgroundCooldownMs: retry.backgroundCooldownMs,
    onLookup: (key, hit) => observer.lookup(tenantOf(key), hit),
  });
  const pendingWriteBacks = new Set<Promise<unknown>>();
  /** In this process, per tenant: write-backs' check-and-write and connection changes, one at a time. */
  const connectionQueue = createTenantQueue();
  const credentials = new Map<string, RefreshTokenCredential>();
  const credentialFor = (tenantId: string) => {
    let credential = credentials.get(tenantId);
    if (!credential)
      credentials.set(
        tenantId,
        (credential = createRefreshTokenCredential(tenantId, {
          config,
          vault,
          entra: deps.entra,
          clock,
          // A redemption that a consent or disconnect overtook (forgetLocally dropped this
          // credential) succeeded for the old connection: its success must not make the tenant
          // look healthy again. Failures and write-backs still happened and are still told.
          // Only the current credential's verdicts are shared with the other instances.
          observer: {
            ...observer,
            redeemed: (...args) => {
              if (credentials.get(tenantId) !== credential) return;
              observer.redeemed(...args);
              shareVerdict(tenantId);
            },
            failed: (...args) => {
              // A replayed verdict the state already shows: nothing new to tell the others.
              const changed = observer.failed(...args);
              // Only a verdict on the tenant's connection: an outage or this instance's own
              // path to a dependency stays with it (isTenantVerdict).
              const [, failure] = args;
              if (changed && isTenantVerdict(failure) && credentials.get(tenantId) === credential)
                shareVerdict(tenantId);
              return changed;
            },
          },
          retry,
          sleep: deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
          random: deps.random ?? Math.random,
          redemptionLease: deps.redemptionLease,
          track,
          exclusiveOfConnectionChanges: (checkAndWrite) =>
            connectionQueue.run(tenantId, checkAndWrite),
        })),
      );
    return credential;
  };

  /** Tells the other instances the tenant's state after a redemption or a verdict on it. */
  function shareVerdict(tenantId: string): void {
    const state = observer.state(tenantId);
    if (state && deps.onVerdict) deps.onVerdict(state);
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    pendingWriteBacks.add(promise);
    void promise.finally(() => pendingWriteBacks.delete(promise));
    return promise;
  }

  /** Drops what this instance holds of a tenant's connection: cached tokens, verdicts, state. */
  function forgetLocally(tenantId: string): void {
    cycler.forget((key) => tenantOf(key) === tenantId);
    observer.forget(tenantId);
    // A new credential starts without the old one's remembered verdict.
    credentials.delete(tenantId);
  }

  /** A consent or disconnect on another instance: this one's tokens of the tenant are the old connection's. */
  async function followChangesElsewhere(tenantId: string): Promise<void> {
    if (await deps.redemptionLease?.changedElsewhere(tenantId)) forgetLocally(tenantId);
  }

  function assertTenant(tenantId: string): string {
    if (!guidPattern.test(tenantId)) throw new TypeError('partner tenant id must be a GUID');
    return tenantId.toLowerCase();
  }

  /**
   * A tenant the portal may redeem for: admitted (lib/auth/admission.ts). One removed from
   * PARTNER_TENANTS keeps its secret in Key Vault until someone deletes it, but its people lost
   * their sessions: nothing of the portal's own (the keep-alive, the health probe) may go on
   * using or renewing a delegated-admin credential to a partner it no longer serves.
   */
  function assertAdmitted(partnerTenantId: string): string {
    const tenantId = assertTenant(partnerTenantId);
    if (!isAdmittedTenant(tenantId, config)) throw notAdmitted(tenantId);
    return tenantId;
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
      const tenantId = assertAdmitted(partnerTenantId);
      await clock.sync();
      await followChangesElsewhere(tenantId);
      const credential = credentialFor(tenantId);
      const token = await cycler.get(
        keyOf(tenantId, resource),
        async () => (await credential.redeem(resource)).token,
      );
      return token.accessToken;
    },

    /**
     * After Partner Center refused `rejectedAccessToken` (401): the token to send the call once
     * more with, or null when the refusal stands. The cache drops the refused token only while
     * it still holds it and the token is `minAgeToReplaceRejectedMs` old, so many requests
     * refused with one token cause one redemption, which they share (with several instances the
     * refused token is passed over in the shared table too); a token the cache already holds
     * instead (someone replaced it) is handed out as it is.
     */
    async replaceRejectedAccessToken(
      partnerTenantId: string,
      resource: string,
      rejectedAccessToken: string,
    ): Promise<string | null> {
      const tenantId = assertAdmitted(partnerTenantId);
      await clock.sync();
      await followChangesElsewhere(tenantId);
      const key = keyOf(tenantId, resource);
      cycler.forgetIf(
        key,
        (token, ageMs) =>
          token.accessToken === rejectedAccessToken && ageMs >= minAgeToReplaceRejectedMs,
      );
      const credential = credentialFor(tenantId);
      // A refused token too young to drop is still cached and comes back: the refusal stands.
      const token = await cycler.get(
        key,
        async () => (await credential.redeem(resource, { rejected: rejectedAccessToken })).token,
      );
      return token.accessToken === rejectedAccessToken ? null : token.accessToken;
    },

    /**
     * Redeems idle connected tenants and writes their rotated tokens back (rules in
     * keep-alive.ts), one tenant after another to keep the load on Entra and the vault flat;
     * `tenantId` limits the run to that one partner tenant (a run started from a session).
     */
    async runKeepAlive(options: { tenantId?: string } = {}): Promise<KeepAliveOutcome[]> {
      // One tenant's run reads that tenant's secret only, not the whole vault's listing.
      const tenants = options.tenantId
        ? [await vault.connectedTenant(assertTenant(options.tenantId))].filter(
            (t): t is ConnectedTenant => t !== null,
          )
        : await vault.listConnectedTenants();
      const idleMs = config.tokens.keepAliveIdleSeconds * 1000;
      const resource = config.partnerCenter.resource;
      const outcomes: KeepAliveOutcome[] = [];
      for (const tenant of tenants) {
        const { idleSeconds, due } = idleness(tenant, clock.cloudNow(), idleMs);
        if (!isAdmittedTenant(tenant.tenantId, config)) {
          outcomes.push({ tenantId: tenant.tenantId, outcome: 'not-admitted', idleSeconds });
          continue;
        }
        if (!due) {
          outcomes.push({ tenantId: tenant.tenantId, outcome: 'skipped', idleSeconds });
          continue;
        }
        try {
          const tenantId = assertTenant(tenant.tenantId);
          await followChangesElsewhere(tenantId);
          const credential = credentialFor(tenantId);
          const redeemed = await credential.redeem(resource, { keepAlive: true });
          // A consent or disconnect meanwhile dropped the credential (forgetLocally): the token
          // is the old connection's, and caching it now would serve it after the change.
          if (credentials.get(tenantId) === credential)
            cycler.put(keyOf(tenantId, resource), redeemed.token);
          const writeBack = await redeemed.writeBack;
          outcomes.push(keepAliveOutcome(tenant.tenantId, idleSeconds, { writeBack }));
        } catch (error) {
          outcomes.push(keepAliveOutcome(tenant.tenantId, idleSeconds, { error }));
        }
      }
      return outcomes;
    },

    /** The health page's view of one tenant (null when never touched). Never a token value. */
    getTokenState(partnerTenantId: string): TenantTokenState | null {
      return observer.state(partnerTenantId.toLowerCase());
    },
    listTokenStates(): TenantTokenState[] {
      return observer.states();
    },
    /**
     * Runs `change` (a consent's save, a disconnect's delete) with no rotation of the tenant
     * between its version check and its write: Key Vault has no conditional set, so a save
     * landing there would be buried under the old grant's rotated token. In this process the
     * tenant's queue; with several instances first the tenant's redemption lease (a bounded
     * wait, then on regardless, redemption-lease.ts). `change` must not use this service
     * (a rotation queued behind it may be what it would wait for). Call `invalidate` after.
     */
    async changeConnection<T>(partnerTenantId: string, change: () => Promise<T>): Promise<T> {
      const tenantId = assertTenant(partnerTenantId);
      const inThisProcess = () => connectionQueue.run(tenantId, change);
      return deps.redemptionLease
        ? deps.redemptionLease.whileHeld(tenantId, inThisProcess)
        : inThisProcess();
    },
    /**
     * Forgets cached tokens and verdicts of a tenant (after re-consent or disconnect), here at
     * once and, with several instances, on the others at their next use of the tenant.
     */
    invalidate(partnerTenantId: string): void {
      const tenantId = partnerTenantId.toLowerCase();
      forgetLocally(tenantId);
      void deps.redemptionLease?.forget(tenantId);
    },
    /**
     * Asks Entra once more with the stored refresh token, past the re-consent verdict every
     * instance replays for its Key Vault version until a new consent: for a refusal the
     * partner clears in their own Entra ID (lib/failure's `recheckableCodes`), after which the
     * same grant works again. Only this instance asks; a wait Entra asked for still holds.
     * Refused, its new verdict stands here and the others keep theirs (telling them would make
     * each ask Entra again for the same refusal). Accepted, the others are told as after a
     * consent, so they drop their verdicts; the first of them to need a token then redeems
     * under the lease (the change drops the shared token this one just stored). Throws the
     * failure when Entra still refuses.
     */
    async recheckConnection(
      partnerTenantId: string,
      resource: string = config.partnerCenter.resource,
    ): Promise<void> {
      const tenantId = assertAdmitted(partnerTenantId);
      await clock.sync();
      await followChangesElsewhere(tenantId);
      const credential = credentialFor(tenantId);
      credential.forgetVerdict(resource);
      await cycler.get(
        keyOf(tenantId, resource),
        async () => (await credential.redeem(resource)).token,
      );
      await deps.redemptionLease?.forget(tenantId);
    },
    /** Resolves when every started write-back has finished (tests, graceful shutdown). */
    async flushWriteBacks(): Promise<void> {
      await Promise.allSettled([...pendingWriteBacks]);
    },
  });
}

export type TokenService = ReturnType<typeof createTokenService>;
