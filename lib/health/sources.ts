import 'server-only';
import { probeAuditDatabase } from '@/lib/audit/health';
import type { PortalConfig } from '@/lib/config';
import { VaultError, type RefreshTokenStore } from '@/lib/vault';
import type { TenantTokenState } from '@/lib/tokens/state';
import type { SharedTokenVerdict, SharedTokenVerdicts } from '@/lib/tokens/shared-verdicts';
import type { SharedTokenFacts, StoredSecretFacts, TokenStateFacts } from './facts';
import { guardsOnLocalMemory } from '@/lib/db/guard-availability';
import { withLocalGuards } from './local-guards';
import { probeEntra, probePartnerCenter } from './probes';
import type { HealthSources, StoredTenant } from './service';

export interface DefaultSourceDeps {
  config: PortalConfig;
  vault: Pick<RefreshTokenStore, 'listConnectedTenants' | 'currentRefreshTokenProperties'>;
  /** Every tenant state the token service holds (in memory). */
  tokenStates: () => Iterable<TenantTokenState>;
  /** Several instances: the verdicts the others shared (null: this is the only instance). */
  sharedVerdicts?: SharedTokenVerdicts | null;
}

/** Wires the health module to lib/vault, lib/tokens, lib/entra and lib/partner-center. */
export function defaultHealthSources(deps: DefaultSourceDeps): HealthSources {
  const shared = deps.sharedVerdicts;
  return {
    listStoredTenants: () => listStoredTenants(deps.vault),
    readTokenStates: () =>
      new Map([...deps.tokenStates()].map((s) => [s.tenantId, toTokenStateFacts(s)])),
    ...(shared && {
      readSharedTokenStates: async () => sharedTokenFacts(await shared.readAll()),
    }),
    probeEntra: () => probeEntra(deps.config),
    probePartnerCenter: (tenantId, withinMs) => probePartnerCenter(tenantId, withinMs),
    probeDatabase: async () => withLocalGuards(await probeAuditDatabase(), guardsOnLocalMemory()),
  };
}

/**
 * The Key Vault probe's real calls: one list of secrets, then per connected tenant one read of
 * the version Key Vault serves as current (its value dropped in lib/vault). Not the version
 * list: a write-back a day makes it hundreds long within a year, pages of 25, on every probe of
 * every instance, against the vault's limits the token service needs.
 */
export async function listStoredTenants(
  vault: DefaultSourceDeps['vault'],
): Promise<StoredTenant[]> {
  const connected = await vault.listConnectedTenants();
  const stored = await Promise.all(
    connected.map(async (tenant) => {
      const current = await vault
        .currentRefreshTokenProperties(tenant.tenantId)
        .catch(deletedSinceListed);
      if (!current) return null;
      // The list's tags are the current version's too; the read is the later of the two.
      const tags = { ...tenant.tags, ...current.tags };
      const secret: StoredSecretFacts = {
        version: current.version,
        createdAt: current.createdAt.getTime(),
        mintedBy: tags['minted-by'] ?? null,
        mintedAt: parseTime(tags['minted-at']),
        mfa: tags.mfa === undefined ? null : tags.mfa === 'true',
      };
      return { tenantId: tenant.tenantId, secret };
    }),
  );
  return stored.filter((tenant) => tenant !== null);
}

/**
 * A secret deleted (its tenant disconnected) between the list and its version read: that
 * tenant is gone, the vault is not failing. Any other error fails the listing.
 */
function deletedSinceListed(err: unknown): null {
  if (err instanceof VaultError && err.code === 'vault_not_found') return null;
  throw err;
}

/** The verdicts other instances shared, as the health module's facts. */
export function sharedTokenFacts(
  verdicts: Map<string, SharedTokenVerdict>,
): Map<string, SharedTokenFacts> {
  return new Map(
    [...verdicts].map(([tenantId, v]): [string, SharedTokenFacts] => [
      tenantId,
      {
        at: v.at,
        needsReconsent: v.status === 'needs-reconsent',
        lastRedemptionAt: v.lastRedemptionAt,
        consecutiveFailures: v.consecutiveFailures,
        lastError: v.lastError ? { ...v.lastError } : null,
      },
    ]),
  );
}

/** The token service's state in the health module's terms (drops counters and internals). */
export function toTokenStateFacts(state: TenantTokenState): TokenStateFacts {
  return {
    needsReconsent: state.status === 'needs-reconsent',
    lastRedemptionAt: state.lastRedemptionAt,
    lastWriteBackAt: state.lastWriteBack?.at ?? null,
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
