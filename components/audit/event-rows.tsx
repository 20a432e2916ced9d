'use client';

import Link from 'next/link';
import { Fragment } from 'react';
import { Breakable } from '@/components/ui/breakable';
import { WholeWords } from '@/components/ui/whole-words';
import type { UnnamedActorKind } from '@/lib/audit/unnamed-actor';
import { OutcomeBadge, UnnamedActor } from './format';
import {
  auditActionLineClass as actionLine,
  auditColumnClass as column,
  auditFoldClass as fold,
  auditOneLineClass as oneLine,
} from './list-layout';
import { RowHeader, rowLinkClass } from '@/components/ui/table';

/** What an audit row shows; the event's other fields (details, user agent) stay on the server. */
export interface AuditRow {
  id: string;
  /** When it happened: UTC, its date and clock apart (`utcMillisecondParts`), and as ISO. */
  time: { date: string; clock: string; iso: string };
  /** The stored name (`consent.completed`) and the words for it (lib/audit/action-labels.ts). */
  action: string;
  actionLabel: string;
  outcome: string;
  reasonCode: string | null;
  /** The actor's UPN, else object id; null when the event names no person (`unnamedActor`). */
  actor: string | null;
  /** Who acted when no person is named: "system", "scheduler", "not signed in". */
  unnamedActor: UnnamedActorKind;
  partnerTenant: string | null;
  /** The partner tenant's name, where one is known (its id then shows on hover). */
  partnerName: string | null;
  clientAddress: string | null;
}

/**
 * The audit table's body rows, rendered from the rows as data, like the customer and user
 * rows (components/customers/customer-rows.tsx): as server markup, a page of 50 events was
 * about half of the page's HTML in its React payload. On a phone the action's cell is the
 * whole row: the action with its outcome beside it, then when, who and (in a view of several
 * tenants) whose; from `sm` the table has its columns and the action its stored name.
 */
export function AuditEventRows({
  rows,
  showTenant,
  listQuery = '',
}: {
  rows: AuditRow[];
  showTenant: boolean;
  /** The list's query, carried to each event's page for its way back (lib/audit/list-links.ts). */
  listQuery?: string;
}) {
  return rows.map((e) => (
    <tr
      key={e.id}
      className="align-top hover:bg-slate-50"
      data-testid="audit-row"
      data-id={e.id}
      data-action={e.action}
      data-tenant={e.partnerTenant ?? ''}
    >
      <td
        className={`${column.time} px-4 py-3 text-xs whitespace-nowrap text-slate-600 tabular-nums`}
      >
        <EventTime time={e.time} />
      </td>
      {/* The action, what a reader looks for, opens the event (the time alone did: a small target
          of digits). */}
      <RowHeader
        name={
          <div className={actionLine}>
            <Link href={`/audit/${e.id}${listQuery}`} className={rowLinkClass}>
              <WholeWords text={e.actionLabel} />
            </Link>
            <OutcomeBadge outcome={e.outcome} className={fold.outcome} />
          </div>
        }
        className="text-slate-900"
      >
        <div className={`mt-0.5 font-mono text-xs font-normal text-slate-500 ${fold.code}`}>
          <ActionName action={e.action} />
          {e.reasonCode && <> · {e.reasonCode}</>}
        </div>
        <div className={`mt-0.5 text-xs font-normal text-slate-600 tabular-nums ${fold.time}`}>
          {/* Its zone too: on a phone the column headed "Time (UTC)" is not there. */}
          <EventTime time={e.time} zoned />
          {e.reasonCode && (
            <>
              {' '}
              {/* `leading-none`: the monospace code, at the line's height, made its line a
                  pixel taller than the loading state's. */}
              · <span className="font-mono leading-none text-slate-500">{e.reasonCode}</span>
            </>
          )}
        </div>
        <div className={`mt-0.5 text-xs font-normal wrap-anywhere text-slate-500 ${fold.actor}`}>
          {e.actor ? <Breakable text={e.actor} /> : <UnnamedActor kind={e.unnamedActor} />}
        </div>
        {showTenant && e.partnerTenant && (
          <div
            className={`mt-0.5 text-xs font-normal wrap-anywhere text-slate-500 ${fold.tenant}`}
            data-testid="audit-row-tenant"
          >
            {e.partnerName ?? <span className="font-mono">{e.partnerTenant}</span>}
          </div>
        )}
      </RowHeader>
      <td className={`${column.outcome} px-4 py-3`}>
        <OutcomeBadge outcome={e.outcome} />
      </td>
      <td className={`${column.actor} px-4 py-3 wrap-anywhere text-slate-700`}>
        {e.actor ? (
          <span className={`block ${oneLine.actor}`} title={e.actor}>
            <Breakable text={e.actor} />
          </span>
        ) : (
          <UnnamedActor kind={e.unnamedActor} />
        )}
        {/* Where the actor acted from, under who: a column of its own left the actor and the
            partner too little of a laptop's row, and both wrapped. Narrower than `xl` the
            event's page has it, as it has on a phone. */}
        {e.clientAddress && (
          <span
            className={`mt-0.5 hidden font-mono text-xs text-slate-500 xl:block ${oneLine.address}`}
            title={e.clientAddress}
          >
            <span className="sr-only">from </span>
            {e.clientAddress}
          </span>
        )}
      </td>
      {showTenant && (
        <td className={`${column.tenant} px-4 py-3 text-slate-700`}>
          {e.partnerName ? (
            <span className={`block ${oneLine.tenant}`} title={e.partnerTenant ?? undefined}>
              {e.partnerName}
            </span>
          ) : (
            <span className={`block font-mono text-xs text-slate-600 ${oneLine.tenant}`}>
              {e.partnerTenant ?? '—'}
            </span>
          )}
        </td>
      )}
    </tr>
  ));
}

/**
 * `6 Dec 2026, 04:07:53.951`, in its column from `sm` and under the action on a phone. Where
 * it must wrap (a long reason beside it), it breaks between the date and the clock only.
 */
function EventTime({ time, zoned = false }: { time: AuditRow['time']; zoned?: boolean }) {
  return (
    <time dateTime={time.iso}>
      <span className="whitespace-nowrap">{time.date},</span>{' '}
      <span className="whitespace-nowrap">
        {time.clock}
        {zoned && ' UTC'}
      </span>
    </time>
  );
}

/** `consent.completed`, allowed to wrap after its dots in a narrow column (never inside a word). */
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
