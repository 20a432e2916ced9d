import 'server-only';
import type { PortalConfig } from '@/lib/config';
import { checkAppCredential } from '@/lib/entra';
import { isPartnerCenterError, partnerCenterForTenant } from '@/lib/partner-center';
import { discoveryFailure, discoveryMalformed, PortalFailure, toFailure } from '@/lib/failure';
import { retrying, type RetryTime } from '@/lib/retry';
import type { ProbeOutcome } from './probe-cache';
import { withDeadline } from '@/lib/clock/deadline';
import { partnerCenterProbeBoundMs, probeCallTimeoutMs } from './probe-timing';

/**
 * Entra probe: the portal's own client credential, checked as lib/entra/app-credential.ts says.
 * A quick outage answer (5xx, unreachable) is confirmed by one more check after a short pause
 * (lib/retry, two attempts) before Entra is called down: a probe's verdict stands for the
 * whole probe interval, and a fault soak saw one injected 500 turn /api/health into a 503 for
 * those 30 s. A timeout is not asked again (the report would wait twice as long), nor is a
 * 429 (Entra asked for less).
 */
export async function probeEntra(
  config: PortalConfig,
  fetchImpl: typeof fetch = fetch,
  time: RetryTime = realTime,
): Promise<ProbeOutcome> {
  try {
    await retrying(
      async () => {
        const failure = await entraCheckFailure(config, fetchImpl);
        if (failure) throw failure;
      },
      {
        limits: {
          baseDelayMs: entraConfirmPauseMs,
          maxDelayMs: entraConfirmPauseMs,
          maxAttempts: 2,
        },
        time,
        classify: (failure) => ({
          retry: failure instanceof PortalFailure && worthConfirming(failure),
        }),
      },
    );
    return { state: 'ok', error: null };
  } catch (err) {
    const failure =
      err instanceof PortalFailure ? err : toFailure(err, { for: 'health', dependency: 'entra' });
    return outcomeOf(failure);
  }
}

const entraConfirmPauseMs = 500;

const realTime: RetryTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

function worthConfirming(failure: PortalFailure): boolean {
  return failure.transient && failure.status !== 429 && failure.code !== 'timeout';
}

/** One check of the app credential: null when Entra issued a token, else why not. */
async function entraCheckFailure(
  config: PortalConfig,
  fetchImpl: typeof fetch,
): Promise<PortalFailure | null> {
  try {
    const check = await checkAppCredential(config, {
      fetch: fetchImpl,
      timeoutMs: probeCallTimeoutMs,
    });
    if (check.outcome === 'discovery-http') return discoveryFailure(check.status);
    if (check.outcome === 'discovery-malformed') return discoveryMalformed();
    return null;
  } catch (err) {
    return toFailure(err, { for: 'health', dependency: 'entra' });
  }
}

/**
 * Partner Center probe: `GET /v1/profiles/organization` with the tenant's token, once, no
 * retries (a probe measures, it does not insist). A token that cannot be had is not a
 * Partner Center failure: the probe is `skipped` and the tenant's card says why. It answers
 * within `withinMs`: what the health service's probe has left of `partnerCenterProbeBoundMs`
 * after choosing the tenant (service.ts).
 */
export async function probePartnerCenter(
  tenantId: string,
  withinMs: number = partnerCenterProbeBoundMs,
): Promise<ProbeOutcome> {
  const client = partnerCenterForTenant(tenantId, {
    retry: { maxAttempts: 1, timeoutMs: probeCallTimeoutMs, maxRetryAfterMs: 0 },
  });
  const probing = client.getOrganizationProfile().then(
    (): ProbeOutcome => ({ state: 'ok', error: null }),
    (err: unknown) => outcomeOf(toFailure(err, { for: 'health', dependency: 'partner-center' })),
  );
  // The call has its deadline, but getting the token does not: it may wait for another
  // instance's redemption, or redeem with retries. /api/health and every home page wait for
  // this probe, so past its bound it says it had no token in time (the token still arrives).
  return withDeadline(probing, withinMs, () => ({
    state: 'skipped',
    error: {
      code: 'token_unavailable',
      message: `No access token within ${partnerCenterProbeBoundMs / 1000} s to call Partner Center with.`,
    },
  }));
}

/**
 * A probe's failure as the dependency's state: no token to probe with is `skipped`; busy
 * (429) or Partner Center answering the probed tenant's token with a 4xx is `degraded`, not
 * an outage; anything else (no answer, a timeout, a 5xx) `down`.
 */
export function outcomeOf(failure: PortalFailure): ProbeOutcome {
  const state =
    failure.code === 'token_unavailable'
      ? 'skipped'
      : failure.status === 429 || answeredAboutTenant(failure)
        ? 'degraded'
        : 'down';
  return { state, error: { code: failure.code, message: failure.problem } };
}

/**
 * Partner Center's 4xx (a refusal, "tenant not found", a bad request) is about the tenant whose
 * token the probe used, so it must not read as an outage to every partner; a 408 is a timeout.
 */
function answeredAboutTenant(failure: PortalFailure): boolean {
  if (!isPartnerCenterError(failure.cause)) return false;
  const { status } = failure.cause;
  return status >= 400 && status < 500 && status !== 408;
}
