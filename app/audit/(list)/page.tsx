import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { AuditEventTable } from '@/components/audit/event-table';
import { AuditFilterForm } from '@/components/audit/filter-form';
import { PageHeading } from '@/components/customers/page-heading';
import {
  AuditQueryError,
  encodeCursor,
  filterToQuery,
  parseAuditQuery,
  readAuditPage,
  type AuditFilter,
  type AuditPage,
} from '@/lib/audit';
import { auditExportFailureCodes, auditExportFailureWords } from '@/lib/audit/export-request';
import { describeScope, requireAuditReader } from '@/lib/audit/reader';
import { knownPartnerNames } from '@/lib/partner-name';
import { pageTitles } from '@/components/page-titles';

export const metadata: Metadata = { title: 'Audit' };

type RawSearchParams = Record<string, string | string[] | undefined>;
// Why an export came back instead of downloading (lib/audit/export-request.ts); else nothing.
const exportFailureSchema = z.enum(auditExportFailureCodes).optional().catch(undefined);
const buttonClass =
  'inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50';

/** Who did what with the partner's keys: newest first, filtered, seek-paged, exportable. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const { user, scope } = await requireAuditReader('/audit');
  const raw = await searchParams;
  let filter: AuditFilter = {};
  let problem: string | null = null;
  let page: AuditPage | null = null;
  try {
    const query = parseAuditQuery(raw);
    filter = query.filter;
    page = await readAuditPage(scope, filter, query.cursor);
  } catch (error) {
    if (!(error instanceof AuditQueryError))
      console.warn(
        `[audit] page could not be read: ${error instanceof Error ? error.name : 'error'}`,
      );
    problem =
      error instanceof AuditQueryError
        ? error.message
        : 'The audit trail cannot be read right now: the database is not answering. Events are kept and written when it is back; try again shortly.';
  }
  // A platform operator's table names each event's partner tenant where a name is known.
  const tenantNames =
    page && scope.kind === 'all'
      ? await knownPartnerNames(
          page.events.flatMap((e) => (e.partnerTenant ? [e.partnerTenant] : [])),
          user.tid,
        )
      : undefined;
  const filterQuery = new URLSearchParams(filterToQuery(filter)).toString();
  const exportHref = `/api/audit/export${filterQuery ? `?${filterQuery}` : ''}`;
  const exportFailure = exportFailureSchema.parse(
    Array.isArray(raw.exportFailure) ? raw.exportFailure[0] : raw.exportFailure,
  );
  const firstRaw = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={[]}
        title={pageTitles.audit}
        subtitle={
          <>
            Sign-ins, consents, token events, keep-alive runs and exports of {describeScope(scope)}.
            Times are UTC.
          </>
        }
        actions={
          // Offered only beside a page of the trail: a refused filter leaves `filter` empty
          // (exporting then would hand over the whole trail), and with the database away the
          // export could only come back refused.
          page && (
            // No `download` attribute: an export refused before its file starts (two running
            // already, the database gone since this page) comes back to this page with its
            // reason instead of ending as a failed download.
            <a href={exportHref} className={buttonClass}>
              Export CSV
            </a>
          )
        }
      />
      <AuditFilterForm filter={filter} raw={firstRaw} />
      {exportFailure && (
        <p
          role="alert"
          data-testid="audit-export-failure"
          className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          The export did not start. {auditExportFailureWords[exportFailure].problem}
        </p>
      )}
      {problem && (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          {problem}
        </p>
      )}
      {page &&
        (page.events.length === 0 ? (
          <p
            className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600"
            data-testid="audit-empty"
          >
            No events match these filters.
          </p>
        ) : (
          <AuditEventTable events={page.events} tenantNames={tenantNames} />
        ))}
      {page && (
        <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-600">{page.events.length} shown, newest first</p>
          <div className="flex gap-2">
            {raw.cursor && (
              <Link href={`/audit${filterQuery ? `?${filterQuery}` : ''}`} className={buttonClass}>
                Newest
              </Link>
            )}
            {page.next && (
              <Link
                href={`/audit?${new URLSearchParams({ ...filterToQuery(filter), cursor: encodeCursor(page.next) }).toString()}`}
                className={buttonClass}
                rel="next"
              >
                Older →
              </Link>
            )}
          </div>
        </nav>
      )}
    </div>
  );
}
