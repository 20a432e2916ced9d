import type { ConnectedTenant, RotationResult } from '@/lib/vault/store';
import { PortalFailure } from '@/lib/failure';

export interface KeepAliveOutcome {
  tenantId: string;
  outcome: 'skipped' | 'refreshed' | 'superseded' | 'failed';
  /** How long the stored refresh token had been idle, in whole seconds. */
  idleSeconds: number;
  /** Vault version written by the write-back (refreshed only). */
  version?: string;
  error?: { code: string; aadsts?: number; reason: string };
}

interface KeepAliveDeps {
  listConnectedTenants(): Promise<ConnectedTenant[]>;
  idleMs: number;
  now(): number;
  /** Redeems the tenant's refresh token and returns its (forced) write-back. */
  redeemAndWriteBack(tenantId: string): Promise<RotationResult | undefined>;
}

/**
 * Redeems every connected tenant whose stored refresh token is older than the idle age, and
 * writes the rotated token back, so Entra's 90-day inactivity limit never hits. Several
 * processes may run it at once: the conditional write-back makes the loser a no-op.
 * Tenants run one after another to keep the load on Entra and the vault flat.
 */
export async function runKeepAlive(deps: KeepAliveDeps): Promise<KeepAliveOutcome[]> {
  const outcomes: KeepAliveOutcome[] = [];
  for (const tenant of await deps.listConnectedTenants()) {
    const idleSeconds = Math.floor((deps.now() - (tenant.updatedAt?.getTime() ?? 0)) / 1000);
    if (idleSeconds * 1000 < deps.idleMs) {
      outcomes.push({ tenantId: tenant.tenantId, outcome: 'skipped', idleSeconds });
      continue;
    }
    try {
      const result = await deps.redeemAndWriteBack(tenant.tenantId);
      if (result?.status === 'saved')
        outcomes.push({
          tenantId: tenant.tenantId,
          outcome: 'refreshed',
          idleSeconds,
          version: result.version,
        });
      else if (result?.status === 'superseded')
        outcomes.push({ tenantId: tenant.tenantId, outcome: 'superseded', idleSeconds });
      else
        outcomes.push({
          tenantId: tenant.tenantId,
          outcome: 'failed',
          idleSeconds,
          error: {
            code: 'write_back_failed',
            reason: 'The rotated refresh token could not be written to Key Vault.',
          },
        });
    } catch (err) {
      const error =
        err instanceof PortalFailure
          ? { code: err.code, aadsts: err.aadsts, reason: err.problem }
          : { code: 'keep_alive_failed', reason: 'The keep-alive redemption failed.' };
      outcomes.push({ tenantId: tenant.tenantId, outcome: 'failed', idleSeconds, error });
    }
  }
  return outcomes;
}
