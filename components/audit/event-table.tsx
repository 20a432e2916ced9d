import Link from 'next/link';
import type { AuditEvent } from '@/lib/audit';
import { OutcomeBadge, formatTime } from './format';
import { DataTable } from '@/components/ui/table';

/** The events, newest first; on narrow screens the tenant and address fold under the action. */
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
          <th scope="col" className="px-4 py-3">
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
      {events.map((e) => (
        <tr
          key={e.id}
          className="align-top hover:bg-slate-50"
          data-testid="audit-row"
          data-id={e.id}
          data-action={e.action}
          data-tenant={e.partnerTenant ?? ''}
        >
          <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-slate-600">
            <Link
              href={`/audit/${e.id}`}
              className="text-brand-700 underline decoration-brand-700/30 underline-offset-2 hover:decoration-current"
            >
              {formatTime(e.occurredAt)}
            </Link>
          </td>
          <th scope="row" className="px-4 py-3 font-medium text-slate-900">
            {e.action}
            {e.reasonCode && (
              <div className="mt-0.5 font-mono text-xs font-normal text-slate-500">
                {e.reasonCode}
              </div>
            )}
            <div className="mt-0.5 break-all text-xs font-normal text-slate-500 md:hidden">
              {e.actorUpn ?? e.actorOid ?? 'system'}
            </div>
          </th>
          <td className="px-4 py-3">
            <OutcomeBadge outcome={e.outcome} />
          </td>
          <td className="hidden break-all px-4 py-3 text-slate-700 md:table-cell">
            {e.actorUpn ?? e.actorOid ?? <span className="text-slate-400">system</span>}
          </td>
          {showTenant && (
            <td className="hidden px-4 py-3 font-mono text-xs text-slate-600 lg:table-cell">
              {e.partnerTenant ?? '—'}
            </td>
          )}
          <td className="hidden px-4 py-3 font-mono text-xs text-slate-600 lg:table-cell">
            {e.clientAddress ?? '—'}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
