import 'server-only';
import { getDatabase } from '@/lib/db';
import { auditEventsCsv, type AuditExportEnding } from './csv';
import type { AuditFilter, AuditCursor } from './filter';
import { getAuditEvent, listAuditEvents, type AuditPage } from './query';
import type { AuditScope } from './scope';
import type { AuditEvent } from './events';

export { recordAudit, recordAuditLater, defaultAuditWriter } from './record';
export { auditScopeFor, auditReaderRoles, type AuditScope } from './scope';
export {
  auditActions,
  auditOutcomes,
  signInRefusalReasons,
  type AuditAction,
  type AuditOutcome,
  type AuditEvent,
  type AuditEventInput,
} from './events';
export {
  parseAuditQuery,
  encodeCursor,
  filterToQuery,
  AuditQueryError,
  type AuditFilter,
  type AuditCursor,
} from './filter';
export { purgeExpiredAuditEvents } from './retention';
export { probeAuditDatabase } from './health';
export type { AuditPage } from './query';

/** One page of the reader's events from the app's database (see query.ts). */
export async function readAuditPage(
  scope: AuditScope,
  filter: AuditFilter,
  cursor: AuditCursor | null,
  limit = 50,
): Promise<AuditPage> {
  return listAuditEvents((await getDatabase()).db, scope, filter, cursor, limit);
}

export async function readAuditEvent(scope: AuditScope, id: string): Promise<AuditEvent | null> {
  return getAuditEvent((await getDatabase()).db, scope, id);
}

/** The filtered list as a CSV stream (opens the database first, so a failure is an error response). */
export async function exportAuditCsv(
  scope: AuditScope,
  filter: AuditFilter,
  onEnd?: (rows: number, ending: AuditExportEnding) => void,
): Promise<ReadableStream<Uint8Array>> {
  return auditEventsCsv((await getDatabase()).db, scope, filter, onEnd);
}
