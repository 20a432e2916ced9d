import { encodeCursor, filterToQuery, type AuditCursor, type AuditFilter } from './filter';

/**
 * The audit list's address for `filter`, at the page after `cursor` (none: the newest events).
 * Only the filter and the position: a one-off note in the address (`exportFailure`) is not
 * carried to the next page, nor to a retry.
 */
export function auditListHref(filter: AuditFilter, cursor: AuditCursor | null = null): string {
  return `/audit${auditListQuery(filter, cursor)}`;
}

/**
 * The list's query (`?action=…&cursor=…`, or nothing), which an event's page carries too, so
 * its "Audit" crumb leads back to the list the person came from, not the unfiltered newest.
 */
export function auditListQuery(filter: AuditFilter, cursor: AuditCursor | null = null): string {
  const query = new URLSearchParams(filterToQuery(filter));
  if (cursor) query.set('cursor', encodeCursor(cursor));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The CSV export of what `filter` shows. */
export function auditExportHref(filter: AuditFilter): string {
  const text = new URLSearchParams(filterToQuery(filter)).toString();
  return text ? `/api/audit/export?${text}` : '/api/audit/export';
}
