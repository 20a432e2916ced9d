import 'server-only';
import { failureResponse, toFailure } from '@/lib/failure';

/**
 * The one place that turns a failed customer API call into a JSON response (lib/failure's
 * failureResponse): 404 unknown, 409 when the tenant must be (re)connected, 5xx for Partner
 * Center trouble — always with the correlation id, never with internals. Unexpected errors
 * are rethrown (Next answers 500).
 */
export function customerApiFailure(error: unknown, correlationId: string): Response {
  const failure = toFailure(error, { for: 'customers', correlationId });
  if (failure.code === 'unexpected') throw error;
  return failureResponse(failure);
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
