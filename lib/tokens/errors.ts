import {
  notAdmittedFailure,
  notConnectedFailure,
  toFailure,
  type PortalFailure,
} from '@/lib/failure';

/**
 * The token service's entry to the failure model (lib/failure): every failure it hands out is
 * a PortalFailure with code `needs_reconsent`, `configuration_error`, `not_connected`,
 * `not_admitted` or `token_unavailable`, the AADSTS code when Entra gave one and the Entra or
 * Key Vault error as its cause. `transient` on the failure decides the service's retries.
 */
export function tokenFailure(tenantId: string, err: unknown): PortalFailure {
  return toFailure(err, { for: 'tokens', tenantId });
}

export function notConnected(tenantId: string): PortalFailure {
  return notConnectedFailure(tenantId);
}

export function notAdmitted(tenantId: string): PortalFailure {
  return notAdmittedFailure(tenantId);
}

export { reconsentCodes, configurationCodes, type TokenFailureCode } from '@/lib/failure';
