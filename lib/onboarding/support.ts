import 'server-only';
import { EntraError } from '@/lib/entra/errors';
import { logEvent } from '@/lib/log';
import { PortalFailure } from '@/lib/failure';

/**
 * Entra's error form_post (`error`, `error_description`) as an EntraError, so the AADSTS
 * catalogue applies. Only the description's first line is kept: it names the AADSTS code
 * and never carries a token.
 */
export function entraErrorFromCallback(error: string, description?: string): EntraError {
  const firstLine = description?.split(/\r?\n/)[0]?.slice(0, 300);
  const aadsts = /AADSTS(\d+)/.exec(description ?? '')?.[1];
  const correlationId = /Correlation ID: ([0-9a-f-]{36})/i.exec(description ?? '')?.[1];
  const traceId = /Trace ID: ([0-9a-f-]{36})/i.exec(description ?? '')?.[1];
  return new EntraError({
    error,
    status: 400,
    aadsts: aadsts ? Number(aadsts) : undefined,
    description: firstLine,
    correlationId,
    traceId,
  });
}

/** One log line per failure: code and ids only (no detail text, never a token). */
export function logOnboardingFailure(step: string, failure: PortalFailure): void {
  logEvent('warn', `onboarding ${step} failed`, {
    outcome: 'failure',
    route: '/onboarding',
    step,
    errorCode: failure.code,
    correlationId: failure.correlationId,
    entraTraceId: failure.traceId,
  });
}
