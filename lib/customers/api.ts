import 'server-only';
import type { PortalRole } from '@/lib/auth/roles';
import { withDeadline } from '@/lib/clock/deadline';
import {
  PortalFailure,
  changedFailure,
  failureResponse,
  failureView,
  fixFor,
  reconsentFailureCodes,
  toFailure,
  type CustomerReading,
  type FailureReader,
} from '@/lib/failure';
import { isSameOrigin } from '@/lib/security/origin';
import { reconsentPromptWords } from './reconsent-words';

/** Who called the customer API: whose words a failure is answered in, as the pages word it. */
export interface CustomerApiCaller {
  correlationId: string;
  /** A platform operator or a partner's user (lib/customers/request.ts's `reader`). */
  reader: FailureReader;
  user: { roles: readonly PortalRole[] };
}

/**
 * The one place that turns a failed customer API call into a JSON response (lib/failure's
 * failureResponse): 404 unknown, 409 when the tenant must be (re)connected, 5xx for Partner
 * Center trouble — always with the correlation id, never with internals. Unexpected errors
 * are rethrown (Next answers 500). The words are the page's for the same failure and reader
 * (`pageWords`): a script was told "Partner Center access is briefly unavailable" where the
 * page said Key Vault asked for 12 s, and "not connected" where it said the consent had expired.
 */
export function customerApiFailure(
  error: unknown,
  caller: CustomerApiCaller,
  reading: CustomerReading = 'customers',
): Response {
  const failure = toFailure(error, {
    for: 'customers',
    correlationId: caller.correlationId,
    reading,
  });
  if (failure.code === 'unexpected') throw error;
  return failureResponse(changedFailure(failure, pageWords(failure, caller)));
}

/**
 * What a customer page shows `caller` for `failure`, as the JSON's `message` and `fix`: the
 * re-consent prompt's heading, cause and next step for a tenant without a working grant, else
 * the failure panel's heading and text, and its fix worded for the reader (lib/failure's
 * `fixFor`: a partner's caller never gets the operator's steps). No title is left, so the
 * message is all of it.
 */
function pageWords(
  failure: PortalFailure,
  caller: CustomerApiCaller,
): { title: undefined; problem: string; fix: string | undefined } {
  const isAdmin = caller.user.roles.includes('admin');
  if (reconsentFailureCodes.has(failure.code)) {
    const reason = failure.code === 'needs_reconsent' ? 'needs-reconsent' : 'not-connected';
    const prompt = reconsentPromptWords(reason, isAdmin);
    return { title: undefined, problem: `${prompt.title}. ${prompt.cause}`, fix: prompt.next };
  }
  const view = fixFor(failureView(failure), caller.reader);
  const problem =
    view.title && view.title !== view.problem ? `${view.title}. ${view.problem}` : view.problem;
  return { title: undefined, problem, fix: view.fix };
}

/**
 * The users export's refusal of a `view` it does not export, or null to go on. The export
 * streams a customer's active users only (the deleted view is a filter on the list's walk, not
 * on the export's paging), so `view=deleted`, or any value but `active`, is refused with a 400
 * rather than answered with the active users under a name that does not say so. Checked on
 * every `view` parameter: a repeated one must not slip a second value past the first.
 */
export function unexportedViewRefusal(
  searchParams: URLSearchParams,
  correlationId: string,
): PortalFailure | null {
  if (searchParams.getAll('view').every((view) => view === 'active')) return null;
  return new PortalFailure({
    code: 'export_view_unsupported',
    title: 'Only active users can be exported',
    problem:
      'The users export lists a customer\u2019s active users only; deleted users cannot be exported. Leave out `view`, or send `view=active`.',
    action: 'none',
    status: 400,
    correlationId,
  });
}

/**
 * The users export's refusal of a request another site's page made, or null to go on: a link
 * or form elsewhere would send the Lax session cookie, and every export calls Partner Center,
 * writes an audit event and holds one of the person's two export slots while it runs. The
 * portal's own pages, a typed address or bookmark, and scripts (no browser headers) go on.
 */
export function crossSiteExportRefusal(
  request: Request,
  publicUrl: string,
  correlationId: string,
): PortalFailure | null {
  if (isSameOrigin(request, publicUrl, { allowTypedUrl: true })) return null;
  return new PortalFailure({
    code: 'cross_site',
    title: 'Exports start from the portal',
    problem:
      "An export asked for by another site's page is refused: use Export all or Export matches on the portal's users page.",
    action: 'none',
    status: 403,
    correlationId,
  });
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

/**
 * A download's body once its first two chunks (the CSV header and the first page of users)
 * are read, waiting up to `waitMs` for them: a failure there (throttled, refused, consent
 * lost) still becomes an HTTP error with its status, words and Retry-After, where it used to
 * be a 200 file holding only the header row. Past the wait the download starts with what was
 * read (the header), so the browser lists the file while the first page is still coming and a
 * later failure cuts a response that has sent bytes: the browser marks the download failed.
 * (A response cut before its first byte is a connection Chrome may silently try again.)
 * @throws what the body failed with while it was waited for.
 */
export async function startedDownload(
  body: ReadableStream<Uint8Array>,
  waitMs = 5_000,
): Promise<ReadableStream<Uint8Array>> {
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  const readHead = async (): Promise<boolean> => {
    for (let chunk = 0; chunk < 2; chunk += 1) {
      const next = await reader.read();
      if (next.done) return true;
      head.push(next.value);
    }
    return false;
  };
  const reading = readHead();
  // Past the wait the download starts anyway; a failure then errors the body (see pull).
  reading.catch(() => undefined);
  await withDeadline(reading, waitMs, () => false);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // What the head has read goes out at once; the reader is read again only once the
        // head's reads are over (one read at a time).
        if (head.length === 0) {
          const ended = await reading;
          if (head.length === 0) {
            if (ended) return controller.close();
            const next = await reader.read();
            return next.done ? controller.close() : controller.enqueue(next.value);
          }
        }
        controller.enqueue(head.shift()!);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
