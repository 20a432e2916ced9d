import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';
import { csvLine } from '@/lib/partner-center/csv';
import type { AuditEvent } from './events';
import type { AuditFilter } from './filter';
import { listAuditEvents } from './query';
import type { AuditScope } from './scope';

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

/**
 * The filtered list as CSV bytes, newest first, pulled page by page with the same seek
 * query as the page (the download's pace drives the reads). `onDone` gets the row count.
 */
export function auditEventsCsv(
  db: Kysely<Database>,
  scope: AuditScope,
  filter: AuditFilter,
  onDone?: (rows: number) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Parameters<typeof listAuditEvents>[3] = null;
  let started = false;
  let rows = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvLine(columns.map(([heading]) => heading))));
          return;
        }
        const page = await listAuditEvents(db, scope, filter, cursor, 1_000);
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
          onDone?.(rows);
          controller.close();
        }
      },
    },
    { highWaterMark: 0 },
  );
}
