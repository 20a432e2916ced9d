import { describeAadsts, describeEntraFailure } from '@/lib/entra/catalogue';
import { EntraError } from '@/lib/entra/errors';
import { VaultError } from '@/lib/vault/errors';
import { PortalFailure } from '../failure';
import {
  configurationCodes,
  entraThrottleWaitSeconds,
  reconsentCodes,
  throttlingCodes,
  tokenEntries,
  tokenStatus,
  type TokenFailureCode,
} from '../catalogue/tokens';
import { vaultEntries } from '../catalogue/vault';

/** The token service's code for an Entra failure: what decides retry and tenant status. */
function entraCode(err: EntraError): TokenFailureCode {
  if (err.aadsts !== undefined && throttlingCodes.has(err.aadsts)) return 'token_unavailable';
  if (err.aadsts !== undefined && reconsentCodes.has(err.aadsts)) return 'needs_reconsent';
  if (err.aadsts !== undefined && configurationCodes.has(err.aadsts)) return 'configuration_error';
  if (err.error === 'invalid_grant' || err.error === 'interaction_required')
    return 'needs_reconsent';
  if (err.error === 'invalid_client' || err.error === 'unauthorized_client')
    return 'configuration_error';
  // Without a code, an error the catalogue leaves to the portal's operators (`invalid_request`):
  // asking again sends the same request, so it is not retried as an outage.
  if (err.aadsts === undefined && describeEntraFailure(err).action === 'fix-configuration')
    return 'configuration_error';
  return 'token_unavailable';
}

/**
 * Why no access token could be had for a tenant: the AADSTS code (when Entra gave one), the
 * problem, the fix and whose it is, the Entra or Key Vault error as the cause; never a token value.
 * Only outages are transient (the service retries those within its budget).
 */
export function tokenFailure(tenantId: string, err: unknown): PortalFailure {
  if (err instanceof PortalFailure) return err;
  if (err instanceof VaultError) {
    const entry = vaultEntries[err.code];
    return new PortalFailure({
      code: 'token_unavailable',
      problem: err.problem,
      fix: err.fix,
      // Whose fix it is goes with it: the portal's vault and identity are its operator's, and
      // a partner's reader is told so instead of the steps (lib/failure/reader.ts).
      owner: entry.owner,
      action: entry.action === 'fix-configuration' ? 'fix-configuration' : 'retry',
      status: tokenStatus.token_unavailable,
      transient: entry.transient,
      // A throttling vault's wait: the token service's retry and the API's Retry-After keep it.
      retryAfterSeconds: err.details.retryAfterSeconds,
      tenantId,
      detail: 'token_unavailable',
      cause: err,
    });
  }
  const described = describeEntraFailure(err);
  const entra = err instanceof EntraError ? err : undefined;
  const code = entra ? entraCode(entra) : 'token_unavailable';
  const action =
    code === 'needs_reconsent'
      ? 're-consent'
      : code === 'configuration_error'
        ? 'fix-configuration'
        : described.action;
  const aadsts = entra?.aadsts;
  const known = aadsts !== undefined ? describeAadsts(aadsts) : undefined;
  // Entra throttling: the wait it stated, or the one it is known to state.
  const throttled = aadsts !== undefined && throttlingCodes.has(aadsts);
  const retryAfterSeconds =
    entra?.retryAfterSeconds ?? (throttled ? entraThrottleWaitSeconds : undefined);
  return new PortalFailure({
    code,
    problem: described.cause,
    fix: described.fix,
    action,
    status: tokenStatus[code],
    transient: code === 'token_unavailable' && (entra?.transient === true || throttled),
    retryAfterSeconds,
    // Whose fix it is, for every Entra failure the catalogue words (an OAuth error without an
    // AADSTS code too: `invalid_client`'s fix is the portal's credential); the heading and the
    // steps only for a catalogued AADSTS code.
    ...(entra ? { owner: described.owner } : {}),
    ...(known ? { title: known.title, owner: known.owner, steps: known.steps } : {}),
    tenantId,
    aadsts,
    correlationId: entra?.correlationId,
    detail: aadsts !== undefined ? `AADSTS${aadsts} (${code})` : code,
    cause: err,
  });
}

/** The tenant left PARTNER_TENANTS: the portal no longer uses its stored connection. */
export function notAdmittedFailure(tenantId: string): PortalFailure {
  return new PortalFailure({
    code: 'not_admitted',
    ...tokenEntries.not_admitted,
    tenantId,
    detail: 'not_admitted',
  });
}

/** No refresh token in Key Vault for the tenant. */
export function notConnectedFailure(tenantId: string): PortalFailure {
  return new PortalFailure({
    code: 'not_connected',
    ...tokenEntries.not_connected,
    tenantId,
    detail: 'not_connected',
  });
}
