import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';
import { csvLine, utf8ByteOrderMark } from '@/lib/partner-center/csv';
import type { AuditEvent } from './events';
import type { AuditFilter } from './filter';
import { listAuditEvents } from './query';
import type { AuditScope } from './scope';

/**
 * The export's columns. Their headings are an interface: scripts and SIEM imports find a
 * column by its heading, so they keep the words they shipped with ("Correlation id"), though
 * the pages now write "ID" as Microsoft does (audit.test.ts holds the heading row).
 */
const columns: [heading: string, value: (e: AuditEvent) => string | null][] = [
  ['Time (UTC)', (e) => e.occurredAt.toISOString()],
  ['Action', (e) => e.action],
  ['Outcome', (e) => e.outcome],
  ['Reason', (e) => e.reasonCode],
  ['Partner tenant', (e) => e.partnerTenant],
  ['Actor UPN', (e) => e.actorUpn],
  ['Actor object id', (e) => e.actorOid],
  ['Actor tenant', (e) => e.actorTenant],
  ['Correlation id', (e) => e.correlationId],
  ['Client address', (e) => e.clientAddress],
  ['User agent', (e) => e.userAgent],
  ['Details', (e) => (Object.keys(e.details).length ? JSON.stringify(e.details) : null)],
  ['Event id', (e) => e.id],
];

/** How an export ended: every row sent, the database failed midway, or the download was stopped. */
export type AuditExportEnding = 'complete' | 'export_failed' | 'download_cancelled';

/**
 * The filtered list as CSV bytes, newest first, pulled page by page with the same seek
 * query as the page (the download's pace drives the reads). `onEnd` is told once, however
 * the export ends, with the rows sent: reading all but the last page and closing the
 * connection leaves a trace like a complete export.
 */
export function auditEventsCsv(
  db: Kysely<Database>,
  scope: AuditScope,
  filter: AuditFilter,
  onEnd?: (rows: number, ending: AuditExportEnding) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Parameters<typeof listAuditEvents>[3] = null;
  let started = false;
  let rows = 0;
  let ended = false;
  const end = (ending: AuditExportEnding) => {
    if (ended) return;
    ended = true;
    onEnd?.(rows, ending);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          // A byte-order mark first, as the users export: Excel then reads names as UTF-8.
          controller.enqueue(
            encoder.encode(utf8ByteOrderMark + csvLine(columns.map(([heading]) => heading))),
          );
          return;
        }
        let page: Awaited<ReturnType<typeof listAuditEvents>>;
        try {
          page = await listAuditEvents(db, scope, filter, cursor, 1_000);
        } catch (error) {
          end('export_failed');
          throw error;
        }
        if (page.events.length > 0) {
          rows += page.events.length;
          controller.enqueue(
            encoder.encode(
              page.events.map((e) => csvLine(columns.map(([, value]) => value(e)))).join(''),
            ),
          );
        }
        cursor = page.next;
        if (!cursor) {
          end('complete');
          controller.close();
        }
      },
      cancel() {
        end('download_cancelled');
      },
    },
    { highWaterMark: 0 },
  );
}
