import type { ReactNode } from 'react';
import type { AuditEvent } from '@/lib/audit';
import { auditActionLabel, auditDetailLabel } from '@/lib/audit/action-labels';
import { Breakable } from '@/components/ui/breakable';
import { formatUtcMillisecondsZoned } from '@/lib/format/time';
import { OutcomeBadge } from './format';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 px-5 py-3 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm font-medium text-slate-500">{label}</dt>
      <dd className="wrap-anywhere text-sm text-slate-900">
        {children ?? <span className="text-slate-400">—</span>}
      </dd>
    </div>
  );
}

/**
 * Every field of one event; details (Key Vault versions, counts, codes) listed key by key.
 * Tenants show their names where known (`tenantNames`, by lower-case id), their ids under them.
 */
export function EventDetail({
  event,
  tenantNames,
}: {
  event: AuditEvent;
  tenantNames?: ReadonlyMap<string, string>;
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
      <Row label="Reason">{mono(event.reasonCode)}</Row>
      <Row label="Partner tenant">{tenant(event.partnerTenant)}</Row>
      <Row label="Actor">
        {event.actorUpn ? <Breakable text={event.actorUpn} /> : event.actorOid ? null : 'system'}
      </Row>
      <Row label="Actor object ID">{mono(event.actorOid)}</Row>
      <Row label="Actor tenant">{tenant(event.actorTenant)}</Row>
      <Row label="Correlation ID">{mono(event.correlationId)}</Row>
      <Row label="Client address">{mono(event.clientAddress)}</Row>
      <Row label="User agent">{event.userAgent}</Row>
      {Object.entries(event.details).map(([key, value]) => (
        <Row key={key} label={auditDetailLabel(key)}>
          {value === null ? null : mono(String(value))}
        </Row>
      ))}
      <Row label="Event id">{mono(event.id)}</Row>
    </dl>
  );
}
