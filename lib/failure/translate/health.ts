import { describeEntraFailure } from '@/lib/entra/catalogue';
import { EntraError } from '@/lib/entra/errors';
import { isPartnerCenterError, type PartnerCenterError } from '@/lib/partner-center/errors';
import { describePartnerCenterRefusal, refusalCode } from '@/lib/partner-center/refusals';
import { PortalFailure } from '../failure';
import { healthEntries } from '../catalogue/health';

/** The dependency a health probe measured. */
export type ProbedDependency = 'entra' | 'partner-center';

/** A probe's failure in the health report's words; see catalogue/health.ts for the statuses. */
export function healthFailureOf(err: unknown, dependency: ProbedDependency): PortalFailure {
  return dependency === 'entra' ? entraProbeFailure(err) : partnerCenterProbeFailure(err);
}

/** Entra's discovery document answered with an HTTP error (`status`). */
export function discoveryFailure(status: number): PortalFailure {
  return new PortalFailure({
    code: 'discovery_failed',
    problem: `Entra discovery answered HTTP ${status}.`,
    action: 'retry',
    status: status === 429 ? 429 : 502,
    transient: status === 429 || status >= 500,
  });
}

export function discoveryMalformed(): PortalFailure {
  const entry = healthEntries['entra.discovery_malformed'];
  return new PortalFailure({ code: 'discovery_malformed', ...entry });
}

function entraProbeFailure(err: unknown): PortalFailure {
  if (err instanceof EntraError) {
    const { cause, title: _title, steps: _steps, ...entry } = describeEntraFailure(err);
    const aadsts = err.aadsts !== undefined ? `AADSTS${err.aadsts}: ` : '';
    return new PortalFailure({
      code: err.error,
      problem: `${aadsts}${cause}`,
      ...entry,
      status: err.status === 429 ? 429 : 502,
      transient: err.transient,
      aadsts: err.aadsts,
      correlationId: err.correlationId,
      cause: err,
    });
  }
  const timedOut =
    err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
  const code = timedOut ? 'timeout' : 'network';
  return new PortalFailure({ code, ...healthEntries[`entra.${code}`], cause: err });
}

function partnerCenterProbeFailure(err: unknown): PortalFailure {
  if (!isPartnerCenterError(err)) {
    // A token that cannot be had is not a Partner Center failure: the tenant's card says why.
    const entry = healthEntries['partner-center.token_unavailable'];
    return new PortalFailure({ code: 'token_unavailable', ...entry, cause: err });
  }
  const ids = {
    correlationId: err.correlationId,
    requestId: err.requestId ?? undefined,
    cause: err,
  };
  if (err.code === 'throttled') {
    const wait = err.retryAfter ? ` Retry after ${err.retryAfter} s.` : '';
    return new PortalFailure({
      code: 'throttled',
      problem: `Partner Center is throttling (HTTP 429).${wait}`,
      action: 'retry',
      status: 429,
      transient: true,
      ...ids,
    });
  }
  if (err.code === 'unauthorized' || err.code === 'forbidden') return refused(err, ids);
  return new PortalFailure({
    code: err.code,
    problem: `Partner Center answered${err.status ? ` HTTP ${err.status}` : ' nothing'}: ${err.description}`,
    action: 'retry',
    status: 502,
    transient: err.code === 'unavailable',
    ...ids,
  });
}

/**
 * A refusal of this tenant's token, not an outage of Partner Center; named when the partner's
 * own set-up causes it (no Admin agent role, MFA enforcement, account).
 */
function refused(err: PartnerCenterError, ids: object): PortalFailure {
  const status = err.code === 'unauthorized' ? 401 : 403;
  const refusal = describePartnerCenterRefusal(err);
  const code = err.partnerCenterCode !== null ? `, code ${err.partnerCenterCode}` : '';
  if (refusal)
    return new PortalFailure({
      code: refusalCode(refusal),
      title: refusal.title,
      problem: `${refusal.title}: ${refusal.cause} (HTTP ${err.status}${code})`,
      fix: refusal.fix,
      action: refusal.action,
      owner: refusal.owner,
      steps: refusal.steps,
      status,
      ...ids,
    });
  return new PortalFailure({
    code: err.code,
    problem: `Partner Center refused the tenant's access token (HTTP ${err.status}): ${err.description}`,
    action: 're-consent',
    status,
    ...ids,
  });
}
