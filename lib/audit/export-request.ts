import 'server-only';
import type { PortalUser } from '@/lib/auth/user';
import { PortalFailure, failureResponse, type FailureWords } from '@/lib/failure';
import { downloadsBusyWords } from '@/lib/downloads/kinds';
import { DownloadsBusyError, asksForHeadersOnly, releasingWhenDone } from '@/lib/downloads/slots';
import { isSameOrigin } from '@/lib/security/origin';
import { takeAuditExportSlot } from './export-slots';
import { AuditQueryError, parseAuditQuery } from './filter';
import { exportAuditCsv } from './index';
import { recordAuditLater } from './record';
import { auditExportNotStarted } from './export-events';
import type { AuditScope } from './scope';

/** Why an audit export was refused before its download (besides a bad filter). */
export const auditExportFailureCodes = ['exports_busy', 'audit_unavailable', 'cross_site'] as const;
export type AuditExportFailureCode = (typeof auditExportFailureCodes)[number];

/** Their words (README, "Audit trail"). */
export const auditExportFailureWords = {
  exports_busy: {
    problem: downloadsBusyWords('audit-export'),
    action: 'retry',
    status: 429,
    // An export takes seconds to minutes: a script is told to come back shortly, not at once.
    retryAfterSeconds: 30,
  },
  audit_unavailable: {
    problem: 'The audit trail cannot be read right now (database unavailable). Try again shortly.',
    action: 'retry',
    status: 503,
  },
  cross_site: {
    problem:
      "An export asked for by another site's page is refused: use Export all or Export matches on the portal's audit page.",
    action: 'none',
    status: 403,
  },
} satisfies Record<AuditExportFailureCode, FailureWords>;

/** The filter's parameters, carried back to the list when a browser's export is refused. */
const filterKeys = ['action', 'outcome', 'actor', 'from', 'to'] as const;

/**
 * `GET /api/audit/export` for a signed-in reader with their scope: the filtered list as CSV,
 * streamed newest first. A person runs a bounded number at once per instance (lib/downloads/kinds.ts); the
 * slot comes back when the download ends, fails or is cancelled. A failure before the download
 * sends a browser's click back to the list, which says why (`exportFailure`); scripts get the
 * JSON error with its status and `Retry-After`.
 * Only from the portal's own pages, a typed address or bookmark, or a script (no browser
 * headers): another site's link or form would send the Lax session cookie with it, and every
 * export writes an `audit.exported` event and holds one of the person's slots while it runs.
 */
export async function auditExportResponse(
  request: Request,
  user: PortalUser,
  scope: AuditScope,
  publicUrl: string,
): Promise<Response> {
  const query = new URL(request.url).searchParams;
  if (!isSameOrigin(request, publicUrl, { allowTypedUrl: true }))
    return refusal('cross_site', request, query, user);
  let release = () => {};
  let body: ReadableStream<Uint8Array>;
  try {
    const { filter } = parseAuditQuery(query);
    if (asksForHeadersOnly(request)) return new Response(null, { headers: csvHeaders });
    release = takeAuditExportSlot(user);
    const record = recordAuditLater();
    body = await exportAuditCsv(scope, filter, (rows, ending) =>
      record({
        action: 'audit.exported',
        outcome: ending === 'complete' ? 'success' : 'failure',
        reasonCode: ending === 'complete' ? null : ending,
        partnerTenant: user.tid,
        actor: user,
        details: { rows },
      }),
    );
  } catch (error) {
    release();
    if (error instanceof AuditQueryError) return refusal(error, request, query, user);
    const code = error instanceof DownloadsBusyError ? 'exports_busy' : 'audit_unavailable';
    return refusal(code, request, query, user, error);
  }
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
  return new Response(releasingWhenDone(body, release, request.signal), {
    headers: { ...csvHeaders, 'Content-Disposition': `attachment; filename="audit-${stamp}.csv"` },
  });
}

const csvHeaders = {
  'Content-Type': 'text/csv; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Why an export did not start: a bad filter (the list names it itself), or a coded reason.
 * The attempt is on record (a `HEAD` asked for headers only, and is not an attempt).
 */
function refusal(
  reason: AuditQueryError | AuditExportFailureCode,
  request: Request,
  query: URLSearchParams,
  user: PortalUser,
  cause?: unknown,
): Response {
  if (!asksForHeadersOnly(request))
    auditExportNotStarted('audit.exported', user, {
      outcome: reason === 'audit_unavailable' ? 'failure' : 'refused',
      reasonCode: typeof reason === 'string' ? reason : 'bad_request',
    });
  // A browser's click would save the JSON, or show "Failed - Server problem": it goes back to
  // the list with the same filter, which names a bad filter itself and the other reasons below.
  if (request.headers.get('sec-fetch-mode') === 'navigate') {
    const back = new URLSearchParams();
    for (const key of filterKeys) {
      const value = query.get(key);
      if (value !== null) back.set(key, value);
    }
    if (typeof reason === 'string') back.set('exportFailure', reason);
    const search = back.toString();
    return new Response(null, {
      status: 303,
      headers: { location: `/audit${search ? `?${search}` : ''}`, 'cache-control': 'no-store' },
    });
  }
  if (typeof reason !== 'string')
    return failureResponse(
      new PortalFailure({
        code: 'bad_request',
        problem: reason.message,
        action: 'none',
        status: 400,
      }),
    );
  return failureResponse(
    new PortalFailure({ code: reason, ...auditExportFailureWords[reason], cause }),
  );
}
