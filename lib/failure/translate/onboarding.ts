import { describeEntraFailure } from '@/lib/entra/catalogue';
import { EntraError } from '@/lib/entra/errors';
import { IdTokenError } from '@/lib/entra/id-token';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { describePartnerCenterRefusal, refusalCode } from '@/lib/partner-center/refusals';
import { VaultError } from '@/lib/vault/errors';
import { changedFailure, PortalFailure, type FailureIds } from '../failure';
import { onboardingEntries, type OnboardingCode } from '../catalogue/onboarding';
import { partnerCenterEntries } from '../catalogue/partner-center';
import { vaultEntries } from '../catalogue/vault';

/** A failure from onboarding's own catalogue, with optional ids, collapsed detail and cause. */
export function onboardingFailure(
  code: OnboardingCode,
  ids: Pick<FailureIds, 'correlationId' | 'traceId' | 'detail'> = {},
  cause?: unknown,
): PortalFailure {
  return new PortalFailure({ code, ...onboardingEntries[code], ...ids, cause });
}

/**
 * Anything thrown during onboarding as a failure a partner admin can act on: Entra failures
 * through the AADSTS catalogue, Key Vault and Partner Center failures by their codes, anything
 * else as `unexpected` with the attempt's correlation id.
 */
export function onboardingFailureOf(err: unknown, correlationId?: string): PortalFailure {
  if (err instanceof PortalFailure) {
    return err.correlationId || !correlationId ? err : changedFailure(err, { correlationId });
  }
  if (err instanceof IdTokenError)
    return onboardingFailure('id_token_invalid', { correlationId, detail: err.reason }, err);
  if (err instanceof EntraError) return fromEntra(err, correlationId);
  if (err instanceof PartnerCenterError) return fromPartnerCenter(err);
  if (err instanceof VaultError) return fromVault(err, correlationId);
  return onboardingFailure('unexpected', { correlationId }, err);
}

function fromEntra(err: EntraError, correlationId?: string): PortalFailure {
  const { cause: problem, ...entry } = describeEntraFailure(err);
  // Declined consent is named by its OAuth error (the AADSTS code varies: 65004, 65001...);
  // "admin approval needed" (90094) arrives as access_denied too but needs someone else.
  const code =
    err.aadsts !== undefined && (err.error !== 'access_denied' || err.aadsts === 90094)
      ? `AADSTS${err.aadsts}`
      : err.error;
  const detail = [
    err.aadsts === undefined ? err.error : `AADSTS${err.aadsts} (${err.error})`,
    err.description,
  ]
    .filter(Boolean)
    .join(': ');
  return new PortalFailure({
    code,
    problem,
    ...entry,
    status: 502,
    transient: err.transient,
    aadsts: err.aadsts,
    correlationId: err.correlationId ?? correlationId,
    traceId: err.traceId,
    detail,
    cause: err,
  });
}

function fromPartnerCenter(err: PartnerCenterError): PortalFailure {
  const refusal = describePartnerCenterRefusal(err);
  const words = refusal
    ? {
        code: refusalCode(refusal),
        title: refusal.title,
        problem: refusal.cause,
        fix: refusal.fix,
        action: refusal.action,
        owner: refusal.owner,
        steps: refusal.steps,
        status: 403,
      }
    : {
        code: `partner_center_${err.code}`,
        ...partnerCenterEntries[err.code],
        owner: 'partner-center' as const,
      };
  return new PortalFailure({
    ...words,
    correlationId: err.correlationId,
    requestId: err.requestId ?? undefined,
    detail: `${err.status ? `HTTP ${err.status} ` : ''}${err.description}${err.partnerCenterCode !== null ? ` (code ${err.partnerCenterCode})` : ''}`,
    cause: err,
  });
}

/** lib/vault's VaultError already carries a one-line problem and fix; keep them. */
function fromVault(err: VaultError, correlationId?: string): PortalFailure {
  const status = err.details.status !== undefined ? ` HTTP ${err.details.status}` : '';
  return new PortalFailure({
    code: err.code,
    ...vaultEntries[err.code],
    problem: err.problem,
    fix: err.fix,
    retryAfterSeconds: err.details.retryAfterSeconds,
    correlationId,
    detail: `Key Vault ${err.details.operation}${status}${err.details.vaultCode ? ` ${err.details.vaultCode}` : ''}`,
    cause: err,
  });
}
