import { auditedCsvExport, auditExportNotStarted } from '@/lib/audit/export-events';
import { authorizeApi } from '@/lib/auth';
import {
  crossSiteExportRefusal,
  exportFileName,
  startedDownload,
  unexportedViewRefusal,
} from '@/lib/customers/api';
import { getConfig } from '@/lib/config';
import { failureResponse } from '@/lib/failure';
import { exportFailureResponse } from '@/lib/customers/export-failure';
import { takeExportSlot } from '@/lib/customers/export-slots';
import { exportStartedCookie, exportStopReason } from '@/lib/customers/stopped-export';
import { downloadSilenceBudgetMs } from '@/lib/downloads/idle';
import { asksForHeadersOnly, releasingWhenDone } from '@/lib/downloads/slots';
import { parseUserListQuery, userListHref } from '@/lib/customers/list-query';
import { customerReaderRoles, customerRequestFor } from '@/lib/customers/request';
import { matchesUserSearch } from '@/lib/customers/user-directory';

/**
 * The active users of one customer the list shows (its `q` and `field` search, parsed as the
 * page parses them; no search: everyone; any `view` but `active` is refused) as CSV, streamed
 * page by page from Partner Center: the response body pulls the next page only when the
 * download reads, so 50,000 users never sit in memory.
 * The first page is read before answering, so its failure is an HTTP error (a browser's click
 * goes back to the users page, which says why); a later one cuts the download (the browser
 * shows it failed; the audit trail, and the users page from it, say why: stopped-export.ts).
 * A person runs at most two exports at once (export-slots.ts); a third is refused like any
 * failure before the download. The download never stays silent past the front end's idle
 * timeout: each page gets what is left of it since the last chunk (lib/downloads/idle.ts).
 * Every attempt leaves an audit event: a download's when it ends, an attempt that ended before
 * its file started one saying why (`started: false`).
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const { searchParams } = new URL(request.url);
  const { q, field } = parseUserListQuery(Object.fromEntries(searchParams));
  // The list the export link is on: a failure before the file, or a sign-in, returns there.
  const usersPage = userListHref(`/customers/${encodeURIComponent(id)}/users`, { q, field }, 1);
  const auth = await authorizeApi(customerReaderRoles, { request, returnTo: usersPage });
  if (!auth.ok) return auth.response;
  const { client, correlationId, reader } = customerRequestFor(auth.user);
  // Before any slot or call: another site's request, or a view the export does not serve,
  // changes nothing.
  const config = getConfig();
  const refusal =
    crossSiteExportRefusal(request, config.publicUrl, correlationId) ??
    unexportedViewRefusal(searchParams, correlationId);
  // HEAD: the same checks and headers, without an export slot, a body or an audit event.
  const headersOnly = asksForHeadersOnly(request);
  const notStarted = (outcome: 'refused' | 'failure', reasonCode: string) => {
    if (headersOnly) return;
    auditExportNotStarted('customers.users-exported', auth.user, {
      outcome,
      reasonCode,
      correlationId,
      customerId: id,
    });
  };
  if (refusal) {
    notStarted('refused', refusal.code);
    return failureResponse(refusal);
  }
  const search = q.trim() ? { q, field } : undefined;
  const headersFor = (domain: string) => ({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${exportFileName(domain, new Date(), search)}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'MS-CorrelationId': correlationId,
  });
  let domain: string;
  let body: ReadableStream<Uint8Array>;
  let release = () => {};
  try {
    if (!headersOnly) release = takeExportSlot(auth.user);
    // Looked up first so an unknown customer or a disconnected tenant is a JSON error, not a broken download.
    domain = (await client.getCustomer(id)).domain;
    if (headersOnly) return new Response(null, { headers: headersFor(domain) });
    // Audited from its start: a failure before it is the not-started event below.
    body = auditedCsvExport(
      await startedDownload(
        client.customerUsersCsv(id, {
          include: search && ((user) => matchesUserSearch(user, search)),
          silenceBudgetMs: downloadSilenceBudgetMs(config.downloads.idleSeconds),
        }),
      ),
      {
        user: auth.user,
        customerId: id,
        correlationId,
        failureReason: (error) => exportStopReason(error, correlationId),
      },
    );
  } catch (error) {
    release();
    const reason = exportStopReason(error, correlationId);
    notStarted(reason === 'exports_busy' ? 'refused' : 'failure', reason);
    return exportFailureResponse(error, request, {
      user: auth.user,
      reader,
      correlationId,
      usersPage,
    });
  }
  return new Response(releasingWhenDone(body, release, request.signal), {
    headers: { ...headersFor(domain), 'Set-Cookie': exportStartedCookie(id) },
  });
}
