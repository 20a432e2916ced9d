import 'server-only';
import { getDatabase } from '@/lib/db';
import { partnerCenterForTenant } from '@/lib/partner-center';
import { getTokenState } from '@/lib/tokens';
import { defaultRefreshTokenStore } from '@/lib/vault';
import { createPartnerNameCache, type PartnerNameCache } from './cache';
import { keepPartnerName, keptPartnerNames } from './store';

export { partnerLabel } from './cache';

// Ten minutes: a company renames itself rarely; thirty seconds for "no name yet".
const ttlMs = 10 * 60_000;
const failureTtlMs = 30_000;
// The header waits for this at most: one attempt, no retries, never a page held up by a slow Partner Center.
const lookupTimeoutMs = 2_000;

/**
 * One of each per process, not per copy of this module: route bundles load it apart, and a
 * disconnect's server action must reach what the pages remember.
 */
const holder = globalThis as typeof globalThis & {
  __partnerPortalPartnerNames?: PartnerNameCache;
  __partnerPortalKeptNoneAt?: Map<string, number>;
};

function cache(): PartnerNameCache {
  holder.__partnerPortalPartnerNames ??= createPartnerNameCache({
    lookup,
    // A fresh instance whose first look-up fails still names the company as another one
    // learned it.
    whenLookupFails: async (tenantId) =>
      (await keptNames([tenantId])).get(tenantId.toLowerCase()) ?? null,
    now: Date.now,
    ttlMs,
    failureTtlMs,
  });
  return holder.__partnerPortalPartnerNames;
}

/**
 * One organization-profile call with the tenant's token. A tenant the token service has not
 * met yet (just consented, or a fresh process) is first looked up in Key Vault (metadata
 * only): no stored refresh token, no redemption attempt, and no new name (an answer, not a
 * failed look-up; `partnerDisplayName` then keeps the one last learned).
 */
async function lookup(tenantId: string): Promise<string | null> {
  const known = getTokenState(tenantId);
  if ((!known || known.status === 'unknown') && !(await refreshTokenStored(tenantId))) return null;
  const client = partnerCenterForTenant(tenantId, {
    retry: { maxAttempts: 1, timeoutMs: lookupTimeoutMs },
  });
  const profile = await client.getOrganizationProfile({
    signal: AbortSignal.timeout(lookupTimeoutMs),
  });
  return profile.companyName ?? null;
}

/** Whether Key Vault holds the tenant's refresh token: a secret never written, or deleted, is not. */
async function refreshTokenStored(tenantId: string): Promise<boolean> {
  return (await defaultRefreshTokenStore().listRefreshTokenVersions(tenantId)).length > 0;
}

/**
 * The partner's display name from its Partner Center organization profile, or null (show the
 * sign-in domain or tenant id). A tenant the token service knows to be not connected or in
 * need of re-consent is not asked about: opening a page must not add a redemption attempt, and
 * a failure, to its record. Whatever the connection's state, it is still the same company: a
 * tenant that cannot be asked (disconnected, needing re-consent, refused) keeps the name last
 * learned, by this instance or (through the database) another, so the header does not turn
 * into the sign-in domain after a disconnect while other pages still name the company.
 *
 * Callers pass the reader's own tenant (`knownPartnerNames` guards the others): a name is only
 * ever the tenant's own, and only its own users and platform operators read it.
 */
export async function partnerDisplayName(tenantId: string): Promise<string | null> {
  const status = getTokenState(tenantId)?.status;
  if (
    status === 'not-connected' ||
    status === 'needs-reconsent' ||
    status === 'configuration-error'
  )
    return lastLearnedName(tenantId);
  const before = cache().peek(tenantId);
  const name = await cache().get(tenantId);
  if (name) {
    // News to this instance: every other one may need it when the tenant can no longer be asked.
    if (name !== before) void keep(tenantId, name);
    return name;
  }
  // A look-up that answered without a name (no refresh token stored, a blank profile): the
  // name last learned still names the company, and stays in memory until the next look-up.
  const last = before ?? (await lastLearnedName(tenantId));
  if (last) cache().seed(tenantId, last);
  return last;
}

/** The name this instance last learned for the tenant, else the one another instance kept. */
async function lastLearnedName(tenantId: string): Promise<string | null> {
  return (
    cache().peek(tenantId) ?? (await keptNames([tenantId])).get(tenantId.toLowerCase()) ?? null
  );
}

/** Keeps a name for every instance; a database that does not answer only loses that. */
async function keep(tenantId: string, name: string): Promise<void> {
  try {
    await keepPartnerName((await getDatabase()).db, tenantId, name);
  } catch {
    // The name is still in this instance's memory; the next look-up here tries again.
  }
}

/**
 * When this instance last found no kept name for a tenant, by lower-case id: asked again only
 * after `failureTtlMs`, so a tenant nobody has named costs its pages no database read each.
 */
function keptNoneAt(): Map<string, number> {
  holder.__partnerPortalKeptNoneAt ??= new Map();
  return holder.__partnerPortalKeptNoneAt;
}

/**
 * The names other instances kept for `tenantIds`, taken into this instance's memory so each is
 * read from the database once; none when the database does not answer.
 */
async function keptNames(tenantIds: readonly string[]): Promise<Map<string, string>> {
  const now = Date.now();
  const ask = tenantIds
    .map((id) => id.toLowerCase())
    .filter((id) => now - (keptNoneAt().get(id) ?? -Infinity) >= failureTtlMs);
  if (ask.length === 0) return new Map();
  let kept: Map<string, string>;
  try {
    kept = await keptPartnerNames((await getDatabase()).db, ask);
  } catch {
    return new Map();
  }
  for (const id of ask) {
    const name = kept.get(id);
    if (name) {
      cache().seed(id, name);
      keptNoneAt().delete(id);
    } else keptNoneAt().set(id, now);
  }
  return kept;
}

/** After consent or disconnect: the next page asks again. */
export function forgetPartnerName(tenantId: string): void {
  keptNoneAt().delete(tenantId.toLowerCase());
  cache().forget(tenantId);
}

/**
 * The names known for `tenantIds`, by lower-case id (tenants without one are left out). Only
 * the viewer's own tenant may be looked up. A platform operator's view names the other
 * partners only as far as their own users' pages already learned it (on any instance): a
 * look-up redeems that partner's refresh token, calls Partner Center as its admin and renews
 * its 90-day window, which would hide a broken keep-alive from everyone watching the page.
 */
export async function knownPartnerNames(
  tenantIds: readonly string[],
  viewerTenantId: string,
): Promise<Map<string, string>> {
  const viewer = viewerTenantId.toLowerCase();
  // Each tenant once, by lower-case id, keeping the id as given for the viewer's own look-up.
  const given = new Map<string, string>();
  for (const id of tenantIds) if (!given.has(id.toLowerCase())) given.set(id.toLowerCase(), id);
  const others = [...given.keys()].filter((id) => id !== viewer && cache().peek(id) === null);
  const kept = others.length > 0 ? await keptNames(others) : new Map<string, string>();
  const names = new Map<string, string>();
  for (const [id, asGiven] of given) {
    const name =
      id === viewer
        ? await partnerDisplayName(asGiven)
        : (cache().peek(id) ?? kept.get(id) ?? null);
    if (name) names.set(id, name);
  }
  return names;
}

/** Health cards titled with the partner's name where one is known (else health's own label). */
export async function withPartnerNames<T extends { tenantId: string; displayName: string }>(
  tenants: readonly T[],
  viewerTenantId: string,
): Promise<T[]> {
  const names = await knownPartnerNames(
    tenants.map((t) => t.tenantId),
    viewerTenantId,
  );
  return tenants.map((t) => ({
    ...t,
    displayName: names.get(t.tenantId.toLowerCase()) ?? t.displayName,
  }));
}
