import type { ConnectedTenant, RotationResult } from '@/lib/vault/store';
import { PortalFailure } from '@/lib/failure';

export interface KeepAliveOutcome {
  tenantId: string;
  /**
   * `not-admitted`: the tenant left PARTNER_TENANTS while its secret stays in Key Vault; the
   * portal no longer redeems it, so Entra retires it after 90 days unused.
   */
  outcome: 'skipped' | 'refreshed' | 'superseded' | 'failed' | 'not-admitted';
  /** How long the stored refresh token had been idle, in whole seconds. */
  idleSeconds: number;
  /** Vault version written by the write-back (refreshed only). */
  version?: string;
  error?: { code: string; aadsts?: number; reason: string };
}

/**
 * The keep-alive's rules (the token service runs it, one tenant after another): a tenant whose
 * stored refresh token has been idle for `idleMs` is redeemed and its rotated token written
 * back, so Entra's 90-day inactivity limit never hits. Several processes may run it at once:
 * the conditional write-back makes the loser a no-op. `now` is the cloud's time, the clock
 * Key Vault stamps versions with.
 */
export function idleness(tenant: ConnectedTenant, now: number, idleMs: number) {
  const idleSeconds = Math.floor((now - (tenant.updatedAt?.getTime() ?? 0)) / 1000);
  return { idleSeconds, due: idleSeconds * 1000 >= idleMs };
}

/** The outcome of a tenant that was due, from its write-back's result or the failure. */
export function keepAliveOutcome(
  tenantId: string,
  idleSeconds: number,
  result: { writeBack: RotationResult | undefined } | { error: unknown },
): KeepAliveOutcome {
  if ('writeBack' in result) return outcomeOf(tenantId, idleSeconds, result.writeBack);
  const err = result.error;
  const error =
    err instanceof PortalFailure
      ? { code: err.code, aadsts: err.aadsts, reason: err.problem }
      : { code: 'keep_alive_failed', reason: 'The keep-alive redemption failed.' };
  return { tenantId, outcome: 'failed', idleSeconds, error };
}

function outcomeOf(
  tenantId: string,
  idleSeconds: number,
  result: RotationResult | undefined,
): KeepAliveOutcome {
  if (result?.status === 'saved')
    return { tenantId, outcome: 'refreshed', idleSeconds, version: result.version };
  if (result?.status === 'superseded') return { tenantId, outcome: 'superseded', idleSeconds };
  return {
    tenantId,
    outcome: 'failed',
    idleSeconds,
    error: {
      code: 'write_back_failed',
      reason: 'The rotated refresh token could not be written to Key Vault.',
    },
  };
}
