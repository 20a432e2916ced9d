import 'server-only';
import { describeAadsts, describeEntraFailure } from '@/lib/entra/catalogue';
import { EntraError } from '@/lib/entra/errors';
import { IdTokenError } from '@/lib/entra/id-token';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { describePartnerCenterRefusal } from '@/lib/partner-center/refusals';
import { TokenServiceError } from '@/lib/tokens/errors';
import { VaultError } from '@/lib/vault/errors';
import { OnboardingError, onboardingCatalogue, type OnboardingFailure } from './errors';

/**
 * Turns anything thrown during onboarding into an OnboardingError a person can act on:
 * Entra failures through lib/entra's AADSTS catalogue, Key Vault and Partner Center failures
 * by their codes, anything else as `unexpected` with the attempt's correlation id.
 */
export function toOnboardingError(err: unknown, correlationId?: string): OnboardingError {
  if (err instanceof OnboardingError) {
    return err.correlationId || !correlationId
      ? err
      : new OnboardingError({ ...err.toFailure(), correlationId }, err.origin);
  }
  if (err instanceof IdTokenError) {
    return new OnboardingError(
      {
        code: 'id_token_invalid',
        ...onboardingCatalogue.id_token_invalid,
        correlationId,
        detail: err.reason,
      },
      err,
    );
  }
  if (err instanceof EntraError) return fromEntra(err, correlationId);
  if (err instanceof PartnerCenterError) return fromPartnerCenter(err);
  if (err instanceof TokenServiceError) {
    const detail = err.aadsts !== undefined ? `AADSTS${err.aadsts} (${err.code})` : err.code;
    const entry = err.aadsts !== undefined ? describeAadsts(err.aadsts) : undefined;
    const words = entry ? { title: entry.title, owner: entry.owner, steps: entry.steps } : {};
    return new OnboardingError(
      {
        code: err.code,
        cause: err.reason,
        fix: err.fix,
        action: err.action,
        ...words,
        correlationId: err.correlationId ?? correlationId,
        detail,
      },
      err,
    );
  }
  const vault = vaultFailure(err, correlationId);
  if (vault) return new OnboardingError(vault, err);
  return new OnboardingError(
    { code: 'unexpected', ...onboardingCatalogue.unexpected, correlationId },
    err,
  );
}

function fromEntra(err: EntraError, correlationId?: string): OnboardingError {
  const entry = describeEntraFailure(err);
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
  return new OnboardingError(
    {
      code,
      ...entry,
      correlationId: err.correlationId ?? correlationId,
      traceId: err.traceId,
      detail,
    },
    err,
  );
}

const partnerCenterFixes: Record<
  PartnerCenterError['code'],
  Pick<OnboardingFailure, 'cause' | 'fix' | 'action'>
> = {
  unauthorized: {
    cause: 'Partner Center did not accept the token of this consent.',
    fix: 'Re-consent with a partner admin agent account that completes MFA.',
    action: 're-consent',
  },
  forbidden: {
    cause: 'Partner Center refused the consenting account.',
    fix: 'Consent with an account that has the Admin agent role in Partner Center.',
    action: 're-consent',
  },
  throttled: {
    cause: 'Partner Center is busy (rate limit).',
    fix: 'Wait a minute, then run the check again.',
    action: 'retry',
  },
  unavailable: {
    cause: 'Partner Center could not be reached.',
    fix: 'Retry in a moment; check network access to PARTNER_CENTER_URL.',
    action: 'retry',
  },
  malformed_response: {
    cause: 'Partner Center sent a response the portal could not read.',
    fix: 'Check PARTNER_CENTER_URL points at Partner Center, then retry.',
    action: 'retry',
  },
  not_found: {
    cause: 'Partner Center does not know this partner tenant.',
    fix: 'Consent with an account of an enrolled CSP partner tenant.',
    action: 're-consent',
  },
  bad_request: {
    cause: 'Partner Center rejected the request.',
    fix: 'Retry; if it repeats, give the correlation id to support.',
    action: 'retry',
  },
};

function fromPartnerCenter(err: PartnerCenterError): OnboardingError {
  const refusal = describePartnerCenterRefusal(err);
  const words = refusal
    ? {
        code: `partner_center_${refusal.key.replace(/-/g, '_')}`,
        title: refusal.title,
        cause: refusal.cause,
        fix: refusal.fix,
        action: refusal.action,
        owner: refusal.owner,
        steps: refusal.steps,
      }
    : {
        code: `partner_center_${err.code}`,
        ...partnerCenterFixes[err.code],
        owner: 'partner-center' as const,
      };
  return new OnboardingError(
    {
      ...words,
      correlationId: err.correlationId,
      detail: `${err.status ? `HTTP ${err.status} ` : ''}${err.description}${err.partnerCenterCode !== null ? ` (code ${err.partnerCenterCode})` : ''}`,
    },
    err,
  );
}

/** lib/vault's VaultError already carries a one-line cause and fix; keep them. */
function vaultFailure(err: unknown, correlationId?: string): OnboardingFailure | undefined {
  if (!(err instanceof VaultError)) return undefined;
  const action =
    err.code === 'vault_forbidden' ||
    err.code === 'vault_credential' ||
    err.code === 'vault_conflict'
      ? 'fix-configuration'
      : 'retry';
  const status = err.details.status !== undefined ? ` HTTP ${err.details.status}` : '';
  const detail = `Key Vault ${err.details.operation}${status}${err.details.vaultCode ? ` ${err.details.vaultCode}` : ''}`;
  return { code: err.code, cause: err.cause, fix: err.fix, action, correlationId, detail };
}
