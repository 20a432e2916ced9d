import type { AuditEvent } from '@/lib/audit';
import { auditActionLabel } from '@/lib/audit/action-labels';
import { AuditEventRows, type AuditRow } from './event-rows';
import { formatTime } from './format';
import { DataTable } from '@/components/ui/table';

/**
 * The events, newest first. On a phone the outcome and actor fold under the action and the
 * time wraps after its date; tenant and address show from `lg` (every event's page has them).
 */
export function AuditEventTable({
  events,
  showTenant,
}: {
  events: AuditEvent[];
  showTenant: boolean;
}) {
  return (
    <DataTable
      testId="audit-table"
      caption="Audit events, newest first"
      head={
        <>
          <th scope="col" className="px-4 py-3">
            Time (UTC)
          </th>
          <th scope="col" className="px-4 py-3">
            Action
          </th>
          <th scope="col" className="hidden px-4 py-3 sm:table-cell">
            Outcome
          </th>
          <th scope="col" className="hidden px-4 py-3 md:table-cell">
            Actor
          </th>
          {showTenant && (
            <th scope="col" className="hidden px-4 py-3 lg:table-cell">
              Partner tenant
            </th>
          )}
          <th scope="col" className="hidden px-4 py-3 lg:table-cell">
            Client address
          </th>
        </>
      }
    >
      <AuditEventRows rows={events.map(auditRow)} showTenant={showTenant} />
    </DataTable>
  );
}

/** The row's data: only what the table shows goes to the browser's React payload. */
function auditRow(e: AuditEvent): AuditRow {
  return {
    id: e.id,
    time: formatTime(e.occurredAt),
    action: e.action,
    actionLabel: auditActionLabel(e.action),
    outcome: e.outcome,
    reasonCode: e.reasonCode,
    actor: e.actorUpn ?? e.actorOid,
    partnerTenant: e.partnerTenant,
    clientAddress: e.clientAddress,
  };
}
