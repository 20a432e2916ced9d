import 'server-only';
import { partnerCenterForTenant } from '@/lib/partner-center';
import { getTokenState } from '@/lib/tokens';
import { defaultRefreshTokenStore } from '@/lib/vault';
import { createPartnerNameCache, type PartnerNameCache } from './cache';

export { partnerLabel } from './cache';

// Ten minutes: a company renames itself rarely; thirty seconds for "no name yet".
const ttlMs = 10 * 60_000;
const failureTtlMs = 30_000;
// The header waits for this at most: one attempt, no retries, never a page held up by a slow Partner Center.
const lookupTimeoutMs = 2_000;

const holder = globalThis as typeof globalThis & { __partnerPortalPartnerNames?: PartnerNameCache };

function cache(): PartnerNameCache {
  holder.__partnerPortalPartnerNames ??= createPartnerNameCache({
    lookup,
    now: Date.now,
    ttlMs,
    failureTtlMs,
  });
  return holder.__partnerPortalPartnerNames;
}

/**
 * One organization-profile call with the tenant's token. A tenant the token service has not
 * met yet (just consented, or a fresh process) is first looked up in Key Vault (metadata
 * only): no stored refresh token, no redemption attempt.
 */
async function lookup(tenantId: string): Promise<string | null> {
  const known = getTokenState(tenantId);
  if (
    (!known || known.status === 'unknown') &&
    (await defaultRefreshTokenStore().listRefreshTokenVersions(tenantId)).length === 0
  )
    return null;
  const client = partnerCenterForTenant(tenantId, {
    retry: { maxAttempts: 1, timeoutMs: lookupTimeoutMs },
  });
  const profile = await client.getOrganizationProfile({
    signal: AbortSignal.timeout(lookupTimeoutMs),
  });
  return profile.companyName ?? null;
}

/**
 * The partner's display name from its Partner Center organization profile, or null (show the
 * tenant id). A tenant the token service knows to be not connected or in need of re-consent
 * is not asked about: opening a page must not add a redemption attempt, and a failure, to its
 * record. One in need of re-consent (or whose portal configuration is refused) is still the
 * same company: it keeps the name this instance last learned. A disconnected one has none
 * (disconnect forgets it).
 */
export function partnerDisplayName(tenantId: string): Promise<string | null> {
  const status = getTokenState(tenantId)?.status;
  if (status === 'not-connected') return Promise.resolve(null);
  if (status === 'needs-reconsent' || status === 'configuration-error')
    return Promise.resolve(cache().peek(tenantId));
  return cache().get(tenantId);
}

/** After consent or disconnect: the next page asks again. */
export function forgetPartnerName(tenantId: string): void {
  cache().forget(tenantId);
}

/**
 * Health cards titled with the partner's name where one is known (else health's own label).
 * Only the viewer's own tenant may be looked up. A platform operator's view names the other
 * partners only as far as their own users' pages already learned it: a look-up redeems that
 * partner's refresh token, calls Partner Center as its admin and renews its 90-day window,
 * which would hide a broken keep-alive from everyone watching this page.
 */
export async function withPartnerNames<T extends { tenantId: string; displayName: string }>(
  tenants: readonly T[],
  viewerTenantId: string,
): Promise<T[]> {
  const viewer = viewerTenantId.toLowerCase();
  return Promise.all(
    tenants.map(async (t) => {
      const name =
        t.tenantId.toLowerCase() === viewer
          ? await partnerDisplayName(t.tenantId)
          : cache().peek(t.tenantId);
      return { ...t, displayName: name ?? t.displayName };
    }),
  );
}
