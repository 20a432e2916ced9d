import Link from 'next/link';
import { Fragment } from 'react';
import type { AuditEvent } from '@/lib/audit';
import { OutcomeBadge, formatTime } from './format';
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
      {events.map((e) => (
        <tr
          key={e.id}
          className="align-top hover:bg-slate-50"
          data-testid="audit-row"
          data-id={e.id}
          data-action={e.action}
          data-tenant={e.partnerTenant ?? ''}
        >
          <td className="px-4 py-3 font-mono text-xs text-slate-600 sm:whitespace-nowrap">
            <Link
              href={`/audit/${e.id}`}
              className="text-brand-700 underline decoration-brand-700/30 underline-offset-2 hover:decoration-current"
            >
              {formatTime(e.occurredAt)}
            </Link>
          </td>
          <th scope="row" className="px-4 py-3 font-medium text-slate-900">
            <ActionName action={e.action} />
            {e.reasonCode && (
              <div className="mt-0.5 font-mono text-xs font-normal text-slate-500">
                {e.reasonCode}
              </div>
            )}
            <div className="mt-0.5 break-all text-xs font-normal text-slate-500 md:hidden">
              {e.actorUpn ?? e.actorOid ?? 'system'}
            </div>
            <div className="mt-1 font-normal sm:hidden">
              <OutcomeBadge outcome={e.outcome} />
            </div>
          </th>
          <td className="hidden px-4 py-3 sm:table-cell">
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

/** `consent.completed`, allowed to wrap after its dots on a phone (never inside a word). */
function ActionName({ action }: { action: string }) {
  const parts = action.split('.');
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          .<wbr />
        </>
      )}
    </Fragment>
  ));
}
