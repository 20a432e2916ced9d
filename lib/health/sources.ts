import 'server-only';
import { probeAuditDatabase } from '@/lib/audit/health';
import type { PortalConfig } from '@/lib/config';
import type { RefreshTokenStore } from '@/lib/vault';
import type { TenantTokenState } from '@/lib/tokens/state';
import type { StoredSecretFacts, TokenStateFacts } from './facts';
import { probeEntra, probePartnerCenter } from './probes';
import type { HealthSources, StoredTenant } from './service';

export interface DefaultSourceDeps {
  config: PortalConfig;
  vault: Pick<RefreshTokenStore, 'listConnectedTenants' | 'listRefreshTokenVersions'>;
  /** Every tenant state the token service holds (in memory). */
  tokenStates: () => Iterable<TenantTokenState>;
}

/** Wires the health module to lib/vault, lib/tokens, lib/entra and lib/partner-center. */
export function defaultHealthSources(deps: DefaultSourceDeps): HealthSources {
  return {
    listStoredTenants: () => listStoredTenants(deps.vault),
    readTokenStates: () => new Map([...deps.tokenStates()].map((s) => [s.tenantId, toTokenStateFacts(s)])),
    probeEntra: () => probeEntra(deps.config),
    probePartnerCenter: (tenantId) => probePartnerCenter(tenantId),
    probeDatabase: probeAuditDatabase,
  };
}

/**
 * The Key Vault probe's real calls: one list of secrets, then the version list of each
 * connected tenant (metadata only: the list APIs never return values).
 */
export async function listStoredTenants(vault: DefaultSourceDeps['vault']): Promise<StoredTenant[]> {
  const connected = await vault.listConnectedTenants();
  return Promise.all(
    connected.map(async (tenant) => {
      const versions = await vault.listRefreshTokenVersions(tenant.tenantId);
      const current = versions.find((v) => v.enabled) ?? versions[0];
      const tags = tenant.tags;
      const secret: StoredSecretFacts = {
        version: current?.version ?? '',
        createdAt: (current?.createdAt ?? tenant.updatedAt)?.getTime() ?? 0,
        mintedBy: tags['minted-by'] ?? current?.mintedBy ?? null,
        mintedAt: parseTime(tags['minted-at']),
        mfa: tags.mfa === undefined ? (current?.mfa ?? null) : tags.mfa === 'true',
      };
      return { tenantId: tenant.tenantId, secret };
    }),
  );
}

/** The token service's state in the health module's terms (drops counters and internals). */
export function toTokenStateFacts(state: TenantTokenState): TokenStateFacts {
  return {
    needsReconsent: state.status === 'needs-reconsent',
    lastRedemptionAt: state.lastRedemptionAt,
    accessTokenExpiresAt: state.accessTokenExpiresAt,
    nextRefreshAt: state.nextRefreshAt,
    consecutiveFailures: state.consecutiveFailures,
    lastError: state.lastError ? { ...state.lastError } : null,
  };
}

function parseTime(value: string | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
