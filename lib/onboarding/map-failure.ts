import 'server-only';
import { describeEntraFailure } from '@/lib/entra/catalogue';
import { EntraError } from '@/lib/entra/errors';
import { IdTokenError } from '@/lib/entra/id-token';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { OnboardingError, onboardingCatalogue, type OnboardingFailure } from './errors';

/**
 * Turns anything thrown during onboarding into an OnboardingError a person can act on:
 * Entra failures through lib/entra's AADSTS catalogue, Key Vault and Partner Center failures
 * by their codes, anything else as `unexpected` with the attempt's correlation id.
 */
export function toOnboardingError(err: unknown, correlationId?: string): OnboardingError {
  if (err instanceof OnboardingError) {
    return err.correlationId || !correlationId ? err : new OnboardingError({ ...err.toFailure(), correlationId }, err.origin);
  }
  if (err instanceof IdTokenError) {
    return new OnboardingError({ code: 'id_token_invalid', ...onboardingCatalogue.id_token_invalid, correlationId, detail: err.reason }, err);
  }
  if (err instanceof EntraError) return fromEntra(err, correlationId);
  if (err instanceof PartnerCenterError) return fromPartnerCenter(err);
  const vault = vaultFailure(err, correlationId);
  if (vault) return new OnboardingError(vault, err);
  return new OnboardingError({ code: 'unexpected', ...onboardingCatalogue.unexpected, correlationId }, err);
}

function fromEntra(err: EntraError, correlationId?: string): OnboardingError {
  const entry = describeEntraFailure(err);
  // Declined consent is named by its OAuth error (the AADSTS code varies: 65004, 65001...).
  const code = err.aadsts !== undefined && err.error !== 'access_denied' ? `AADSTS${err.aadsts}` : err.error;
  const detail = [err.aadsts === undefined ? err.error : `AADSTS${err.aadsts} (${err.error})`, err.description].filter(Boolean).join(': ');
  return new OnboardingError(
    { code, ...entry, correlationId: err.correlationId ?? correlationId, traceId: err.traceId, detail },
    err,
  );
}

const partnerCenterFixes: Record<PartnerCenterError['code'], Pick<OnboardingFailure, 'cause' | 'fix' | 'action'>> = {
  unauthorized: { cause: 'Partner Center did not accept the token of this consent.', fix: 'Re-consent with a partner admin agent account that completes MFA.', action: 're-consent' },
  forbidden: { cause: 'Partner Center refused the consenting account.', fix: 'Consent with an account that has the Admin agent role in Partner Center.', action: 're-consent' },
  throttled: { cause: 'Partner Center is busy (rate limit).', fix: 'Wait a minute, then run the check again.', action: 'retry' },
  unavailable: { cause: 'Partner Center could not be reached.', fix: 'Retry in a moment; check network access to PARTNER_CENTER_URL.', action: 'retry' },
  malformed_response: { cause: 'Partner Center sent a response the portal could not read.', fix: 'Check PARTNER_CENTER_URL points at Partner Center, then retry.', action: 'retry' },
  not_found: { cause: 'Partner Center does not know this partner tenant.', fix: 'Consent with an account of an enrolled CSP partner tenant.', action: 're-consent' },
  bad_request: { cause: 'Partner Center rejected the request.', fix: 'Retry; if it repeats, give the correlation id to support.', action: 'retry' },
};

function fromPartnerCenter(err: PartnerCenterError): OnboardingError {
  return new OnboardingError(
    {
      code: `partner_center_${err.code}`,
      ...partnerCenterFixes[err.code],
      correlationId: err.correlationId,
      detail: `${err.status ? `HTTP ${err.status} ` : ''}${err.description}${err.partnerCenterCode !== null ? ` (code ${err.partnerCenterCode})` : ''}`,
    },
    err,
  );
}

const vaultFixes: Record<string, Pick<OnboardingFailure, 'cause' | 'fix' | 'action'>> = {
  vault_unavailable: { cause: 'Key Vault could not be reached.', fix: 'Check KEY_VAULT_URL and network access to the vault, then retry.', action: 'retry' },
  vault_forbidden: { cause: 'Key Vault refused the portal\'s identity.', fix: 'Grant the portal identity "Key Vault Secrets Officer" (or get/set/list/delete secret permissions) on the vault.', action: 'fix-configuration' },
  vault_unauthorized: { cause: 'The portal could not authenticate to Key Vault.', fix: 'Check the portal\'s credential (KEY_VAULT_CREDENTIAL and the app registration secret or certificate).', action: 'fix-configuration' },
  vault_throttled: { cause: 'Key Vault is throttling requests.', fix: 'Wait a minute, then retry.', action: 'retry' },
};

/** lib/vault's VaultError by shape (`name` + `code`), so a cause/fix it carries wins. */
function vaultFailure(err: unknown, correlationId?: string): OnboardingFailure | undefined {
  if (!(err instanceof Error) || err.name !== 'VaultError') return undefined;
  const fields = err as Error & { code?: unknown; fix?: unknown; status?: unknown };
  const code = typeof fields.code === 'string' ? fields.code : 'vault_error';
  const known = vaultFixes[code] ?? { ...onboardingCatalogue.vault_failed };
  const fix = typeof fields.fix === 'string' ? fields.fix : known.fix;
  return { code, cause: known.cause, fix, action: known.action, correlationId, detail: err.message };
}
