import 'server-only';
import type { PortalConfig } from '@/lib/config';
import { checkAppCredential, describeEntraFailure, EntraError } from '@/lib/entra';
import { isPartnerCenterError, partnerCenterForTenant } from '@/lib/partner-center';
import { describePartnerCenterRefusal, refusalCode } from '@/lib/partner-center/refusals';
import type { ProbeOutcome } from './probe-cache';

const probeTimeoutMs = 5_000;

/** Entra probe: the portal's own client credential, checked as lib/entra/app-credential.ts says. */
export async function probeEntra(
  config: PortalConfig,
  fetchImpl: typeof fetch = fetch,
): Promise<ProbeOutcome> {
  try {
    const check = await checkAppCredential(config, { fetch: fetchImpl, timeoutMs: probeTimeoutMs });
    if (check.outcome === 'discovery-http')
      return down(
        'discovery_failed',
        `Entra discovery answered HTTP ${check.status}.`,
        check.status === 429,
      );
    if (check.outcome === 'discovery-malformed')
      return down('discovery_malformed', 'Entra discovery returned an unreadable document.');
    return { state: 'ok', error: null };
  } catch (err) {
    if (err instanceof EntraError) {
      const aadsts = err.aadsts !== undefined ? `AADSTS${err.aadsts}: ` : '';
      return down(err.error, `${aadsts}${describeEntraFailure(err).cause}`, err.status === 429);
    }
    const timedOut =
      err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    return down(
      timedOut ? 'timeout' : 'network',
      timedOut ? 'Entra did not answer in time.' : 'Entra could not be reached.',
    );
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
    if (isPartnerCenterError(err)) {
      if (err.code === 'throttled') {
        const wait = err.retryAfter ? ` Retry after ${err.retryAfter} s.` : '';
        return {
          state: 'degraded',
          error: { code: 'throttled', message: `Partner Center is throttling (HTTP 429).${wait}` },
        };
      }
      if (err.code === 'unauthorized' || err.code === 'forbidden') {
        // A refusal of this tenant's token, not an outage of Partner Center; named when the
        // partner's own set-up causes it (no Admin agent role, MFA enforcement, account).
        const refusal = describePartnerCenterRefusal(err);
        const code = err.partnerCenterCode !== null ? `, code ${err.partnerCenterCode}` : '';
        if (refusal)
          return {
            state: 'degraded',
            error: {
              code: refusalCode(refusal),
              message: `${refusal.title}: ${refusal.cause} (HTTP ${err.status}${code})`,
            },
          };
        return {
          state: 'degraded',
          error: {
            code: err.code,
            message: `Partner Center refused the tenant's access token (HTTP ${err.status}): ${err.description}`,
          },
        };
      }
      return down(
        err.code,
        `Partner Center answered${err.status ? ` HTTP ${err.status}` : ' nothing'}: ${err.description}`,
      );
    }
    return {
      state: 'skipped',
      error: {
        code: 'token_unavailable',
        message: 'No access token could be had for the probe; see the tenant.',
      },
    };
  }
}

function down(code: string, message: string, throttled = false): ProbeOutcome {
  return { state: throttled ? 'degraded' : 'down', error: { code, message } };
}
