import type { PortalFailure } from './failure';
import { customerFailureOf, type CustomerReading } from './translate/customers';
import { healthFailureOf, type ProbedDependency } from './translate/health';
import { onboardingFailureOf } from './translate/onboarding';
import { tokenFailure } from './translate/tokens';

/**
 * Who asks decides whose words: the admin who connects, the sales agent, the token service,
 * the health report.
 */
export type FailureContext =
  | { for: 'tokens'; tenantId: string }
  | { for: 'onboarding'; correlationId?: string }
  | { for: 'customers'; correlationId: string; reading?: CustomerReading }
  | { for: 'health'; dependency: ProbedDependency };

/**
 * The one translator: anything thrown (a wire error such as EntraError, VaultError or
 * PartnerCenterError, or a PortalFailure already) as the PortalFailure the caller's reader
 * acts on. The wire error stays as its `cause`. Service layers call it once, at their edge.
 */
export function toFailure(err: unknown, context: FailureContext): PortalFailure {
  switch (context.for) {
    case 'tokens':
      return tokenFailure(context.tenantId, err);
    case 'onboarding':
      return onboardingFailureOf(err, context.correlationId);
    case 'customers':
      return customerFailureOf(err, context.correlationId, context.reading);
    case 'health':
      return healthFailureOf(err, context.dependency);
  }
}
