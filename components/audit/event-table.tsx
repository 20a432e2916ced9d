import type { AuditEvent } from '@/lib/audit';
import { auditActionLabel } from '@/lib/audit/action-labels';
import { unnamedActorKind } from '@/lib/audit/unnamed-actor';
import { AuditEventRows, type AuditRow } from './event-rows';
import { auditColumnClass as column } from './list-layout';
import { DataTable } from '@/components/ui/table';
import { utcMillisecondParts } from '@/lib/format/time';

/**
 * The events, newest first. On a phone the action's cell holds the event (its outcome beside
 * it, the time, actor and tenant under it); the outcome and time have their columns from `sm`,
 * the actor from `md`, the tenant from `lg`, the client address under the actor from `xl`
 * (every event's page has them all). Still one table on a phone, its caption and headers
 * intact, so a screen reader reads each event as a row.
 * The partner tenant's column is for a view of several tenants (`tenantNames` given: the
 * names known, by lower-case id); a partner's own view would repeat its id on every row.
 */
export function AuditEventTable({
  events,
  tenantNames,
  listQuery,
}: {
  events: AuditEvent[];
  tenantNames?: ReadonlyMap<string, string>;
  /** The list's filters and position, for each event page's way back. */
  listQuery?: string;
}) {
  const showTenant = tenantNames !== undefined;
  return (
    <DataTable
      testId="audit-table"
      caption="Audit events, newest first"
      head={
        <>
          <th scope="col" className={`${column.time} px-4 py-3`}>
            Time (UTC)
          </th>
          <th scope="col" className={`${column.action} px-4 py-3`}>
            Action
          </th>
          <th scope="col" className={`${column.outcome} px-4 py-3`}>
            Outcome
          </th>
          <th scope="col" className={`${column.actor} px-4 py-3`}>
            Actor
          </th>
          {showTenant && (
            <th scope="col" className={`${column.tenant} px-4 py-3`}>
              Partner tenant
            </th>
          )}
        </>
      }
    >
      <AuditEventRows
        rows={events.map((e) => auditRow(e, tenantNames))}
        showTenant={showTenant}
        listQuery={listQuery}
      />
    </DataTable>
  );
}

/** The row's data: only what the table shows goes to the browser's React payload. */
function auditRow(e: AuditEvent, tenantNames?: ReadonlyMap<string, string>): AuditRow {
  return {
    id: e.id,
    time: { ...utcMillisecondParts(e.occurredAt), iso: e.occurredAt.toISOString() },
    action: e.action,
    actionLabel: auditActionLabel(e.action),
    outcome: e.outcome,
    reasonCode: e.reasonCode,
    actor: e.actorUpn ?? e.actorOid,
    unnamedActor: unnamedActorKind(e),
    partnerTenant: e.partnerTenant,
    partnerName: (e.partnerTenant && tenantNames?.get(e.partnerTenant.toLowerCase())) || null,
    clientAddress: e.clientAddress,
  };
}
