import Link from 'next/link';
import { OutcomeBadge, UnnamedActor } from '@/components/audit/format';
import { Card } from '@/components/ui/card';
import { WholeWords } from '@/components/ui/whole-words';
import type { AuditEvent } from '@/lib/audit';
import { auditActionLabel } from '@/lib/audit/action-labels';
import { unnamedActorKind } from '@/lib/audit/unnamed-actor';
import { formatUtcMillisecondsZoned, formatUtcSeconds } from '@/lib/format/time';

/**
 * The newest audit events of the viewer's partner tenant, with the way to the full trail. While
 * the database does not answer, the card says only that the trail cannot be read and points to
 * "Needs attention", which names the database, what happens to the events meanwhile and the
 * way to /health (lib/dashboard/attention.ts, unansweredDatabaseItem, always listed then): the
 * audit list's failure card here said the same outage a second time on one page. "Try again"
 * back to the page it is on (`retryHref`: the home page) replaces the way to a trail that could
 * only say it cannot be read either.
 */
export function LatestAudit({
  events,
  retryHref = '/',
}: {
  events: AuditEvent[] | 'unavailable';
  retryHref?: string;
}) {
  if (events === 'unavailable')
    return (
      <Card
        title="Latest audit events"
        titleId="latest-audit-heading"
        testId="latest-audit-unavailable"
        actions={
          <Link
            href={retryHref}
            prefetch={false}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            Try again
          </Link>
        }
      >
        <p className="mt-3 text-sm text-slate-600" role="status">
          The audit trail cannot be read right now: “
          <a href="#attention-heading" className="font-medium text-brand-700 hover:underline">
            Needs attention
          </a>
          ” above says why.
        </p>
      </Card>
    );
  return (
    <Card
      title="Latest audit events"
      titleId="latest-audit-heading"
      testId="latest-audit"
      actions={
        <Link href="/audit" className="text-sm font-medium text-brand-700 hover:underline">
          Open the audit trail
        </Link>
      }
    >
      {events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No events yet for your partner tenant.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {events.map((e) => (
            <li
              key={e.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5 text-sm"
              data-testid="latest-audit-event"
              data-action={e.action}
            >
              <OutcomeBadge outcome={e.outcome} />
              <Link
                href={`/audit/${e.id}`}
                className="font-medium wrap-anywhere text-slate-900 hover:underline"
              >
                <WholeWords text={auditActionLabel(e.action)} />
              </Link>
              <span className="min-w-0 wrap-anywhere text-slate-600">
                {e.actorUpn ?? e.actorOid ?? <UnnamedActor kind={unnamedActorKind(e)} />}
              </span>
              <EventTime at={e.occurredAt} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/**
 * When, as the home page's other cards write a time ("5 Dec 2026, 13:40:40 UTC"); the exact
 * time, to the millisecond as the audit table writes it, in the title and `dateTime`.
 */
function EventTime({ at }: { at: Date }) {
  const iso = at.toISOString();
  return (
    <time
      dateTime={iso}
      title={formatUtcMillisecondsZoned(at)}
      className="text-xs whitespace-nowrap text-slate-500 tabular-nums sm:ml-auto"
    >
      {formatUtcSeconds(iso)}
    </time>
  );
}
