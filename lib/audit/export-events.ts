import 'server-only';
import { MemoryWindows } from '@/lib/security/memory-windows';
import { guidSchema } from '@/lib/validation/schemas';
import { recordAudit, recordAuditLater } from './record';
import { actorOf, type Actor } from './trail';

/*
 * The audit trail's events of users and audit exports: a download's, written when it ends
 * with the rows it sent, and an attempt's that ended before its file started.
 */

/**
 * Passes a CSV download through, counting its data rows; the event is written when the
 * download ends (complete, failed or cancelled by the browser), with the row count. A failure's
 * reason is `failureReason(error)` (the caller's failure code, so the trail and the users page
 * say why the file stopped), `export_failed` without one; a cancel's `download_cancelled`.
 */
export function auditedCsvExport(
  body: ReadableStream<Uint8Array>,
  event: {
    user: Actor;
    customerId: string;
    correlationId: string;
    failureReason?: (error: unknown) => string;
  },
): ReadableStream<Uint8Array> {
  let newlines = 0;
  let recorded = false;
  const later = recordAuditLater();
  const record = (outcome: 'success' | 'failure', reasonCode: string | null) => {
    if (recorded) return;
    recorded = true;
    later({
      action: 'customers.users-exported',
      outcome,
      partnerTenant: event.user.tid,
      actor: actorOf(event.user),
      reasonCode,
      correlationId: event.correlationId,
      details: { customerId: event.customerId, rows: Math.max(0, newlines - 1) },
    });
  };
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            record('success', null);
            controller.close();
            return;
          }
          for (const byte of value) if (byte === 10) newlines += 1;
          controller.enqueue(value);
        } catch (error) {
          record('failure', event.failureReason?.(error) ?? 'export_failed');
          controller.error(error);
        }
      },
      cancel(reason) {
        record('failure', 'download_cancelled');
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Export attempts that ended before their file started, recorded per person, kind of export
 * and reason: the first 10 a minute on each instance. Another site's page can send a signed-in
 * person's browser to the export address as often as it likes (refused `cross_site`), and a
 * script can ask past its slots (`exports_busy`): a row per attempt would let either grow the
 * table as fast as it asks.
 */
const exportsNotStartedRecorded = new MemoryWindows({
  points: 10,
  durationMs: 60_000,
  maxKeys: 10_000,
});

/**
 * A users or audit export that ended before its file started: `refused` by the portal (another
 * site's request, no free slot, a view or filter it does not serve) or a `failure` of what it
 * reads (Partner Center, the token, the trail's database), with the code the person was shown.
 * `started: false` tells it from an export that stopped mid-file (`rows` is then what was sent).
 */
export function auditExportNotStarted(
  action: 'customers.users-exported' | 'audit.exported',
  user: Actor,
  ending: {
    outcome: 'refused' | 'failure';
    reasonCode: string;
    correlationId?: string;
    customerId?: string;
  },
): void {
  const key = `${action} ${ending.reasonCode} ${user.tid} ${user.oid}`;
  if (!exportsNotStartedRecorded.take(key).allowed) return;
  recordAudit({
    action,
    outcome: ending.outcome,
    partnerTenant: user.tid,
    actor: actorOf(user),
    reasonCode: ending.reasonCode,
    correlationId: ending.correlationId ?? null,
    details: {
      // The id as the address gave it, kept only when it has a customer id's shape (a GUID):
      // a refused request's address may hold anything.
      ...(ending.customerId === undefined
        ? {}
        : {
            customerId: guidSchema.safeParse(ending.customerId).success ? ending.customerId : null,
          }),
      rows: 0,
      started: false,
    },
  });
}
