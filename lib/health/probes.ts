import 'server-only';
import type { PortalConfig } from '@/lib/config';
import { checkAppCredential } from '@/lib/entra';
import { partnerCenterForTenant } from '@/lib/partner-center';
import { discoveryFailure, discoveryMalformed, toFailure, type PortalFailure } from '@/lib/failure';
import type { ProbeOutcome } from './probe-cache';

const probeTimeoutMs = 5_000;

/** Entra probe: the portal's own client credential, checked as lib/entra/app-credential.ts says. */
export async function probeEntra(
  config: PortalConfig,
  fetchImpl: typeof fetch = fetch,
): Promise<ProbeOutcome> {
  try {
    const check = await checkAppCredential(config, { fetch: fetchImpl, timeoutMs: probeTimeoutMs });
    if (check.outcome === 'discovery-http') return outcomeOf(discoveryFailure(check.status));
    if (check.outcome === 'discovery-malformed') return outcomeOf(discoveryMalformed());
    return { state: 'ok', error: null };
  } catch (err) {
    return outcomeOf(toFailure(err, { for: 'health', dependency: 'entra' }));
  }
}

/**
 * Partner Center probe: `GET /v1/profiles/organization` with the tenant's token, once, no
 * retries (a probe measures, it does not insist). A token that cannot be had is not a
 * Partner Center failure: the probe is `skipped` and the tenant's card says why.
 */
export async function probePartnerCenter(tenantId: string): Promise<ProbeOutcome> {
  const client = partnerCenterForTenant(tenantId, {
    retry: { maxAttempts: 1, timeoutMs: probeTimeoutMs, maxRetryAfterMs: 0 },
  });
  try {
    await client.getOrganizationProfile();
    return { state: 'ok', error: null };
  } catch (err) {
    return outcomeOf(toFailure(err, { for: 'health', dependency: 'partner-center' }));
  }
}

/**
 * A probe's failure as the dependency's state: no token to probe with is `skipped`; busy
 * (429) or refusing this tenant (401/403) is `degraded`, not an outage; anything else `down`.
 */
export function outcomeOf(failure: PortalFailure): ProbeOutcome {
  const state =
    failure.code === 'token_unavailable'
      ? 'skipped'
      : [429, 401, 403].includes(failure.status)
        ? 'degraded'
        : 'down';
  return { state, error: { code: failure.code, message: failure.problem } };
}
