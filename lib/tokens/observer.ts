import 'server-only';
import type { TokenAuditEvent } from '@/lib/audit/trail';
import { recordCacheLookup, recordRedemption } from '@/lib/telemetry/metrics';
import type { PortalFailure } from '@/lib/failure';
import {
  emptyState,
  publicState,
  recordFailure,
  recordSuccess,
  type TenantTokenState,
} from './state';

/** How often a replayed verdict refreshes its time (and so is shared again). */
const replayRefreshMs = 60_000;

export interface TokenObserverOptions {
  /** The refresh window, so the state can say when the next refresh is due. */
  refreshWindowMs: number;
  /** Told of failed and recovered redemptions and of write-backs (no token values). */
  onAuditEvent?: (event: TokenAuditEvent) => void;
}

/**
 * What the token service did, recorded for the health page (per-tenant state and counters),
 * the audit trail and the metrics. It only listens: nothing it records changes what the
 * cycler or the credential do. Times are on the cloud's clock (see state.ts).
 */
export function createTokenObserver(options: TokenObserverOptions) {
  const states = new Map<string, TenantTokenState>();
  const stateFor = (tenantId: string) => {
    let state = states.get(tenantId);
    if (!state) states.set(tenantId, (state = emptyState(tenantId)));
    return state;
  };

  return {
    lookup(tenantId: string, hit: boolean): void {
      if (hit) stateFor(tenantId).counters.cacheHits += 1;
      recordCacheLookup(hit ? 'hit' : 'miss');
    },
    /** A redemption succeeded at `at`; its access token has `lifetimeMs` left. */
    redeemed(tenantId: string, at: number, lifetimeMs: number): void {
      const state = stateFor(tenantId);
      const failuresBefore = state.consecutiveFailures;
      if (failuresBefore > 0)
        options.onAuditEvent?.({ kind: 'redemption-recovered', tenantId, failuresBefore });
      recordSuccess(state, at, lifetimeMs, options.refreshWindowMs);
      recordRedemption('success');
    },
    /**
     * A refresh failed for good; `replayed` when it repeats a verdict already told. Whether
     * the tenant's state changed (a replay of the verdict the state already shows does not).
     */
    failed(
      tenantId: string,
      failure: PortalFailure,
      details: { at: number; keyVaultVersion: string | null; replayed: boolean },
    ): boolean {
      // A replayed verdict is no new redemption: counted and audited once, when Entra said it.
      // Counted again, every page view of a tenant that needs re-consent would lengthen its
      // failure streak (health, alerts) and the failure metric. It still says the stored token
      // is the dead one as of now: its time moves, at most once a minute, so the verdict stays
      // the newest the other instances read (a verdict another one shared since would
      // otherwise stand in its place). Another failure in between here: shown again.
      if (details.replayed) {
        const state = stateFor(tenantId);
        const shown = state.lastError;
        const same =
          shown?.code === failure.code &&
          shown.correlationId === (failure.correlationId ?? null) &&
          shown.aadsts === (failure.aadsts ?? null);
        if (!same) {
          recordFailure(state, failure, details.at);
          return true;
        }
        if (details.at - (shown.at ?? 0) < replayRefreshMs) return false;
        shown.at = details.at;
        return true;
      }
      options.onAuditEvent?.({
        kind: 'redemption-failed',
        tenantId,
        code: failure.code,
        aadsts: failure.aadsts,
        correlationId: failure.correlationId,
        keyVaultVersion: details.keyVaultVersion,
      });
      recordFailure(stateFor(tenantId), failure, details.at);
      recordRedemption('failure', failure.code);
      return true;
    },
    wroteBack(tenantId: string, at: number, version: string, previousVersion: string): void {
      const state = stateFor(tenantId);
      state.lastWriteBack = { at, version };
      state.counters.writeBacks += 1;
      options.onAuditEvent?.({
        kind: 'rotated',
        tenantId,
        keyVaultVersion: version,
        previousKeyVaultVersion: previousVersion,
      });
    },
    /** The health page's view of one tenant (null when never touched). Never a token value. */
    state(tenantId: string): TenantTokenState | null {
      const state = states.get(tenantId);
      return state ? publicState(state) : null;
    },
    states(): TenantTokenState[] {
      return [...states.values()].map(publicState);
    },
    forget(tenantId: string): void {
      states.delete(tenantId);
    },
  };
}

export type TokenObserver = ReturnType<typeof createTokenObserver>;
