import type { FailureOwner } from '@/lib/entra/catalogue';
import type { FailureAction, PortalFailure } from '@/lib/failure';

export type TenantTokenStatus =
  'unknown' | 'healthy' | 'degraded' | 'needs-reconsent' | 'configuration-error' | 'not-connected';

/**
 * What the health page shows per partner tenant. Epoch milliseconds on the cloud's clock
 * (`Clock.cloudNow`, lib/clock), like the vault's own stamps, so the page can compare them;
 * never a token value.
 */
export interface TenantTokenState {
  tenantId: string;
  status: TenantTokenStatus;
  lastRedemptionAt: number | null;
  lastWriteBack: { at: number; version: string } | null;
  accessTokenExpiresAt: number | null;
  nextRefreshAt: number | null;
  consecutiveFailures: number;
  lastError: {
    code: string;
    aadsts: number | null;
    at: number;
    correlationId: string | null;
    cause: string;
    fix: string;
    action: FailureAction;
    /**
     * Whose setting the fix is (`portal`: only its operator can make it), so a partner's report
     * words it as theirs to wait for (lib/health/report-scope.ts). Absent when the failure did
     * not say, and in verdicts stored or shared before it was kept.
     */
    owner?: FailureOwner;
  } | null;
  counters: { redemptions: number; cacheHits: number; failures: number; writeBacks: number };
}

export function emptyState(tenantId: string): TenantTokenState {
  return {
    tenantId,
    status: 'unknown',
    lastRedemptionAt: null,
    lastWriteBack: null,
    accessTokenExpiresAt: null,
    nextRefreshAt: null,
    consecutiveFailures: 0,
    lastError: null,
    counters: { redemptions: 0, cacheHits: 0, failures: 0, writeBacks: 0 },
  };
}

/** `at` on the cloud's clock; `lifetimeMs` is what is left of the new access token. */
export function recordSuccess(
  state: TenantTokenState,
  at: number,
  lifetimeMs: number,
  skewMs: number,
): void {
  state.status = 'healthy';
  state.lastRedemptionAt = at;
  state.accessTokenExpiresAt = at + lifetimeMs;
  state.nextRefreshAt = at + lifetimeMs - skewMs;
  state.consecutiveFailures = 0;
  state.counters.redemptions += 1;
}

export function recordFailure(state: TenantTokenState, err: PortalFailure, at: number): void {
  state.consecutiveFailures += 1;
  state.counters.failures += 1;
  state.lastError = {
    code: err.code,
    aadsts: err.aadsts ?? null,
    at,
    correlationId: err.correlationId ?? null,
    cause: err.problem,
    fix: err.fix ?? '',
    action: err.action,
    ...(err.owner ? { owner: err.owner } : {}),
  };
  state.status =
    err.code === 'needs_reconsent'
      ? 'needs-reconsent'
      : err.code === 'configuration_error'
        ? 'configuration-error'
        : err.code === 'not_connected'
          ? 'not-connected'
          : 'degraded';
}

/** A copy the caller cannot change, safe to hand to pages and JSON endpoints. */
export function publicState(state: TenantTokenState): TenantTokenState {
  return structuredClone(state);
}
