import { describeEntraFailure, EntraError, type EntraFailureAction } from '@/lib/entra';
import { VaultError } from '@/lib/vault/errors';
import { errorBrand } from '@/lib/errors/brand';

/**
 * AADSTS codes after which only a new consent helps, including the partner's own Entra
 * settings that end a grant: sign-in frequency, block policy, assignment, disabled account,
 * expired password.
 */
export const reconsentCodes: ReadonlySet<number> = new Set([
  700082, 70008, 50173, 700007, 50076, 50079, 70043, 53003, 50105, 50057, 50055,
]);
/** AADSTS codes that mean the portal's own credential is wrong. */
export const configurationCodes: ReadonlySet<number> = new Set([7000215, 7000222]);

export type TokenErrorCode =
  'needs_reconsent' | 'configuration_error' | 'not_connected' | 'token_unavailable';

/** How the service treats a failure: stop and ask for re-consent, stop and fix config, or retry. */
export type FailureClass = 'reconsent' | 'configuration' | 'not-connected' | 'transient' | 'other';

const tokenServiceErrorBrand = errorBrand('TokenServiceError');

/**
 * Why no access token could be had for a tenant. Names the AADSTS code (when Entra gave one),
 * the cause and the fix; never a token value.
 */
export class TokenServiceError extends Error {
  /** Holds across module copies (lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): value is TokenServiceError {
    return tokenServiceErrorBrand.has(value);
  }
  readonly [tokenServiceErrorBrand.symbol] = true;
  readonly code: TokenErrorCode;
  readonly tenantId: string;
  readonly aadsts?: number;
  readonly correlationId?: string;
  readonly fix: string;
  readonly action: EntraFailureAction;
  /** The one-line explanation (not the ES2022 error chain, which is dropped on purpose). */
  readonly reason: string;

  constructor(
    tenantId: string,
    code: TokenErrorCode,
    details: {
      reason: string;
      fix: string;
      action: EntraFailureAction;
      aadsts?: number;
      correlationId?: string;
    },
  ) {
    const aadsts = details.aadsts !== undefined ? ` (AADSTS${details.aadsts})` : '';
    super(
      `No Partner Center token for tenant ${tenantId}${aadsts}: ${details.reason} ${details.fix}`,
    );
    this.name = 'TokenServiceError';
    this.code = code;
    this.tenantId = tenantId;
    this.aadsts = details.aadsts;
    this.correlationId = details.correlationId;
    this.reason = details.reason;
    this.fix = details.fix;
    this.action = details.action;
  }
}

/** Sorts a redemption failure into the class that decides retry and tenant status. */
export function classifyFailure(err: unknown): FailureClass {
  if (err instanceof EntraError) {
    if (err.aadsts !== undefined && reconsentCodes.has(err.aadsts)) return 'reconsent';
    if (err.aadsts !== undefined && configurationCodes.has(err.aadsts)) return 'configuration';
    if (err.error === 'invalid_grant' || err.error === 'interaction_required') return 'reconsent';
    if (err.error === 'invalid_client' || err.error === 'unauthorized_client')
      return 'configuration';
    return err.transient ? 'transient' : 'other';
  }
  if (err instanceof VaultError) return err.code === 'vault_unavailable' ? 'transient' : 'other';
  if (err instanceof TokenServiceError && err.code === 'not_connected') return 'not-connected';
  return 'other';
}

/** Turns any failure into the TokenServiceError every waiter receives. */
export function toTokenServiceError(tenantId: string, err: unknown): TokenServiceError {
  if (err instanceof TokenServiceError) return err;
  const kind = classifyFailure(err);
  if (err instanceof VaultError) {
    return new TokenServiceError(tenantId, 'token_unavailable', {
      reason: err.cause,
      fix: err.fix,
      action: err.code === 'vault_unavailable' ? 'retry' : 'fix-configuration',
    });
  }
  const described = describeEntraFailure(err);
  const entra =
    err instanceof EntraError ? { aadsts: err.aadsts, correlationId: err.correlationId } : {};
  const code: TokenErrorCode =
    kind === 'reconsent'
      ? 'needs_reconsent'
      : kind === 'configuration'
        ? 'configuration_error'
        : 'token_unavailable';
  const action =
    kind === 'reconsent'
      ? 're-consent'
      : kind === 'configuration'
        ? 'fix-configuration'
        : described.action;
  return new TokenServiceError(tenantId, code, {
    reason: described.cause,
    fix: described.fix,
    action,
    ...entra,
  });
}

export function notConnected(tenantId: string): TokenServiceError {
  return new TokenServiceError(tenantId, 'not_connected', {
    reason: 'Partner Center is not connected for this tenant (no refresh token in Key Vault).',
    fix: 'An admin connects Partner Center in onboarding.',
    action: 'grant-consent',
  });
}
