import type { ReactNode } from 'react';
import type { AuditEvent } from '@/lib/audit';
import { auditActionLabel, auditDetailLabel } from '@/lib/audit/action-labels';
import { auditReasonWords } from '@/lib/audit/reason-words';
import { unnamedActorKind } from '@/lib/audit/unnamed-actor';
import { Breakable } from '@/components/ui/breakable';
import { formatUtcMillisecondsZoned } from '@/lib/format/time';
import { OutcomeBadge, UnnamedActor } from './format';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 px-5 py-3 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm font-medium text-slate-500">{label}</dt>
      <dd className="wrap-anywhere text-sm text-slate-900">
        {/* As the portal's other pages write "none" (slate-400 was too faint to read). */}
        {children ?? <span className="text-slate-500">—</span>}
      </dd>
    </div>
  );
}

/** A user's address or UPN (`admin@contoso.onmicrosoft.com`), as opposed to an id or a code. */
const upnPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A detail's value: a UPN (who consented) is written as the Actor is, in the text's font and
 * wrapping at its parts, not in the ids' monospace; a yes or no in words ("Download started
 * false" read as code); ids, versions, counts and codes stay monospace. The CSV export keeps
 * the stored values.
 */
function DetailValue({ value }: { value: unknown }) {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const text = String(value);
  return upnPattern.test(text) ? (
    <Breakable text={text} />
  ) : (
    <span className="font-mono text-xs">{text}</span>
  );
}

/**
 * Why the event ended as it did: the portal's words when it has words that fit the trail, and
 * under them the stored code as filters and the CSV export have it (as the Time row has its
 * ISO form). A code alone read as jargon (`cross_site`, `access_denied`).
 */
function Reason({ action, code }: { action: string; code: string }) {
  const words = auditReasonWords(action, code);
  if (!words) return <span className="font-mono text-xs">{code}</span>;
  return (
    <>
      {words}
      <span className="block font-mono text-xs text-slate-500">{code}</span>
    </>
  );
}

/**
 * Every field of one event; details (Key Vault versions, counts, codes) listed key by key.
 * Tenants show their names where known (`tenantNames`, by lower-case id), their ids under them.
 *
 * The standard fields are listed for every event, an empty one as "—": the page has the same
 * rows in the same places whatever the event, so two events read side by side line up, and
 * "Reason —" says there was none. A detail with no value is left out: the details are the
 * action's own, so their rows differ from one action to the next anyway, and an empty one says
 * nothing the action does not (a completed consent never has a previous Key Vault version: one
 * that replaces a version is a re-consent). The CSV export keeps every key.
 */
export function EventDetail({
  event,
  tenantNames,
  customer,
}: {
  event: AuditEvent;
  tenantNames?: ReadonlyMap<string, string>;
  /** The Customer ID row's content, when the reader may look the customer up (its name). */
  customer?: ReactNode;
}) {
  const mono = (v: string | null) => (v ? <span className="font-mono text-xs">{v}</span> : null);
  const tenant = (id: string | null) => {
    const name = id && tenantNames?.get(id.toLowerCase());
    return name ? (
      <>
        {name}
        <span className="block font-mono text-xs text-slate-500">{id}</span>
      </>
    ) : (
      mono(id)
    );
  };
  return (
    <dl
      className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-xs"
      data-testid="audit-detail"
    >
      {/* In the portal's words, and under them as the CSV export writes it (to find the row). */}
      <Row label="Time">
        <time dateTime={event.occurredAt.toISOString()}>
          {formatUtcMillisecondsZoned(event.occurredAt)}
        </time>
        <span className="block font-mono text-xs text-slate-500">
          {event.occurredAt.toISOString()}
        </span>
      </Row>
      <Row label="Action">
        {auditActionLabel(event.action)}{' '}
        <span className="font-mono text-xs text-slate-500">{event.action}</span>
      </Row>
      <Row label="Outcome">
        <OutcomeBadge outcome={event.outcome} />
      </Row>
      <Row label="Reason">
        {event.reasonCode ? <Reason action={event.action} code={event.reasonCode} /> : null}
      </Row>
      <Row label="Partner tenant">{tenant(event.partnerTenant)}</Row>
      <Row label="Actor">
        {event.actorUpn ? (
          <Breakable text={event.actorUpn} />
        ) : event.actorOid ? null : (
          <UnnamedActor kind={unnamedActorKind(event)} />
        )}
      </Row>
      <Row label="Actor object ID">{mono(event.actorOid)}</Row>
      <Row label="Actor tenant">{tenant(event.actorTenant)}</Row>
      <Row label="Correlation ID">{mono(event.correlationId)}</Row>
      <Row label="Client address">{mono(event.clientAddress)}</Row>
      <Row label="User agent">{event.userAgent}</Row>
      {Object.entries(event.details)
        // `startedBy` is who acted, which the Actor row says ("scheduler").
        .filter(([key, value]) => value !== null && value !== '' && key !== 'startedBy')
        // What the event was about first. The database keeps JSON keys in its own order
        // (PostgreSQL's jsonb: shorter keys first), so "Rows" came before the customer exported.
        .sort(([a], [b]) => Number(b === 'customerId') - Number(a === 'customerId'))
        .map(([key, value]) =>
          key === 'customerId' && customer ? (
            <Row key={key} label="Customer">
              {customer}
            </Row>
          ) : (
            <Row key={key} label={auditDetailLabel(key)}>
              <DetailValue value={value} />
            </Row>
          ),
        )}
      <Row label="Event ID">{mono(event.id)}</Row>
    </dl>
  );
}
