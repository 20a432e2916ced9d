import type { Metadata } from 'next';
import { z } from 'zod';
import { AuditEmptyState } from '@/components/audit/empty-trail';
import { AuditEventTable } from '@/components/audit/event-table';
import { AuditFilterForm } from '@/components/audit/filter-form';
import { AuditPager } from '@/components/audit/list-pager';
import { AuditListSubtitle } from '@/components/audit/list-subtitle';
import { AuditUnavailablePanel } from '@/components/audit/unavailable-panel';
import { PageHeading } from '@/components/customers/page-heading';
import { ExportLink } from '@/components/ui/export-link';
import {
  AuditQueryError,
  filterToQuery,
  parseAuditQuery,
  readAuditPage,
  type AuditCursor,
  type AuditFilter,
  type AuditPage,
} from '@/lib/audit';
import { auditExportFailureCodes, auditExportFailureWords } from '@/lib/audit/export-request';
import { auditExportHref, auditListHref, auditListQuery } from '@/lib/audit/list-links';
import { requireAuditReader } from '@/lib/audit/reader';
import { auditScopeLine } from '@/lib/audit/scope';
import { knownPartnerNames, partnerDisplayName } from '@/lib/partner-name';
import { ownPartnerLabel } from '@/lib/partner-name/own-partner';
import { pageTitles } from '@/components/page-titles';

export const metadata: Metadata = { title: 'Audit' };

type RawSearchParams = Record<string, string | string[] | undefined>;
// Why an export came back instead of downloading (lib/audit/export-request.ts); else nothing.
const exportFailureSchema = z.enum(auditExportFailureCodes).optional().catch(undefined);

/** Who did what with the partner's keys: newest first, filtered, seek-paged, exportable. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const { user, scope } = await requireAuditReader('/audit');
  const raw = await searchParams;
  let filter: AuditFilter = {};
  let cursor: AuditCursor | null = null;
  let refused: string | null = null;
  let unavailable = false;
  let page: AuditPage | null = null;
  try {
    ({ filter, cursor } = parseAuditQuery(raw));
    page = await readAuditPage(scope, filter, cursor);
  } catch (error) {
    if (error instanceof AuditQueryError) refused = error.message;
    else {
      console.warn(
        `[audit] page could not be read: ${error instanceof Error ? error.name : 'error'}`,
      );
      unavailable = true;
    }
  }
  // A platform operator's table names each event's partner tenant where a name is known.
  const tenantNames =
    page && scope.kind === 'all'
      ? await knownPartnerNames(
          page.events.flatMap((e) => (e.partnerTenant ? [e.partnerTenant] : [])),
          user.tid,
        )
      : undefined;
  // A partner's own users read it under their partner's name; only their own tenant is named.
  const ownPartner =
    scope.kind === 'tenant' ? ownPartnerLabel(user, await partnerDisplayName(user.tid)) : null;
  const exportFailure = exportFailureSchema.parse(
    Array.isArray(raw.exportFailure) ? raw.exportFailure[0] : raw.exportFailure,
  );
  // The export's name says whether it holds the trail or the filters' matches.
  const filtered = Object.keys(filterToQuery(filter)).length > 0;
  const firstRaw = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={[]}
        title={pageTitles.audit}
        subtitle={<AuditListSubtitle scope={auditScopeLine(scope, ownPartner)} />}
        actions={
          // Offered only beside a page of the trail: a refused filter leaves `filter` empty
          // (exporting then would hand over the whole trail), and with the database away the
          // export could only come back refused. Nor when the filters match nothing at all:
          // the file would hold a header row. (An empty older page still has newer events.)
          page &&
          (page.events.length > 0 || cursor !== null) && (
            // Every event the filters match, from the newest, whichever page is on screen. An
            // export refused before its file starts (two running already, the database gone
            // since this page) comes back to this page with its reason (components/ui/export-link.tsx).
            <ExportLink
              href={auditExportHref(filter)}
              filtered={filtered}
              detail={
                filtered
                  ? 'every event these filters match, not only this page'
                  : 'every event in this trail, not only this page'
              }
            />
          )
        }
      />
      {/* What stopped the person's last click, or the whole page, comes before the filters,
          which on a phone may fill the first screen. */}
      {exportFailure && (
        <p
          role="alert"
          data-testid="audit-export-failure"
          className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          The export did not start
          {/* The outage's card below says why, once. */}
          {unavailable && exportFailure === 'audit_unavailable'
            ? ', for the reason below.'
            : `. ${auditExportFailureWords[exportFailure].problem}`}
        </p>
      )}
      {/* Trying again reads the same filters at the same position, without the one-off notes. */}
      {unavailable && <AuditUnavailablePanel retryHref={auditListHref(filter, cursor)} />}
      <AuditFilterForm filter={filter} raw={firstRaw} />
      {/* A refused filter's reason is about the fields above it. */}
      {refused && (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          {refused}
        </p>
      )}
      {page &&
        (page.events.length === 0 ? (
          <AuditEmptyState filter={filter} older={cursor !== null} />
        ) : (
          <AuditEventTable
            events={page.events}
            tenantNames={tenantNames}
            listQuery={auditListQuery(filter, cursor)}
          />
        ))}
      {page && (
        <AuditPager
          shown={page.events.length}
          newestHref={cursor ? auditListHref(filter) : null}
          olderHref={page.next ? auditListHref(filter, page.next) : null}
        />
      )}
    </div>
  );
}
