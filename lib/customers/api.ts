import 'server-only';
import { NextResponse } from 'next/server';
import { classifyFailure } from './failure';

const statusForCode: Record<string, number> = {
  throttled: 503,
  unavailable: 502,
  malformed_response: 502,
  unauthorized: 502,
  forbidden: 403,
  bad_request: 400,
};

/**
 * The one place that turns a failed customer API call into a JSON response: 404 unknown,
 * 409 when the tenant must be (re)connected, 5xx for Partner Center trouble — always with the
 * correlation id, never with internals. Unexpected errors are rethrown (Next answers 500).
 */
export function customerApiFailure(error: unknown, correlationId: string): NextResponse {
  const outcome = classifyFailure(error, correlationId);
  if (!outcome) throw error;
  if (outcome.kind === 'not-found') {
    return NextResponse.json(
      { error: 'not_found', message: 'No such customer or user.', correlationId },
      { status: 404 },
    );
  }
  if (outcome.kind === 'reconsent') {
    return NextResponse.json(
      {
        error: outcome.reason.replace('-', '_'),
        message:
          'Partner Center is not connected for your partner tenant; an admin must consent on /onboarding.',
        correlationId,
      },
      { status: 409 },
    );
  }
  const code = (error as { code?: string }).code ?? 'unavailable';
  return NextResponse.json(
    {
      error: code,
      message: outcome.view.title,
      correlationId: outcome.view.correlationId,
      requestId: outcome.view.requestId,
    },
    { status: statusForCode[code] ?? 502 },
  );
}

/** `users-contoso.onmicrosoft.com-2026-03-12.csv`: only safe characters reach the header. */
export function exportFileName(
  domain: string,
  now: Date,
  search?: { field: 'name' | 'upn'; q: string },
): string {
  const safe = domain.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 80) || 'customer';
  const q = search?.q
    .trim()
    .replace(/[^A-Za-z0-9.@-]/g, '_')
    .slice(0, 40);
  const filter = q ? `-${search?.field === 'upn' ? 'upn' : 'name'}-starting-${q}` : '';
  return `users-${safe}${filter}-${now.toISOString().slice(0, 10)}.csv`;
}
