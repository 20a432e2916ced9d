import type { AuditEventRow, NewAuditEventRow } from '@/lib/db/schema';
import type { AuditEvent, AuditEventInput } from './events';
import { auditEventInputSchema } from './events';

export interface RequestFacts {
  clientAddress: string | null;
  userAgent: string | null;
  correlationId: string | null;
}

/**
 * What a request id header may be to stand in an event as its correlation id: the shapes
 * proxies and clients use (a UUID, hex, `name:123`, dotted), 1-128 characters. The header
 * is the caller's to set, so anything else (spaces, markup, text that reads like a message)
 * is not recorded at all.
 */
const requestIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The correlation id a request's `X-Request-Id` gives its events, or null. */
export function requestCorrelationId(header: string | null): string | null {
  return header !== null && requestIdPattern.test(header) ? header : null;
}

/**
 * A call site's event as a row, or null when it is malformed (a programming error: logged
 * by the caller, never thrown into the user's action). UPNs are stored lower-case so the
 * actor filter matches however Entra cased them.
 */
export function toAuditRow(
  input: AuditEventInput,
  request: RequestFacts,
  now: Date,
): NewAuditEventRow | null {
  const parsed = auditEventInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const e = parsed.data;
  return {
    occurred_at: e.occurredAt ?? now,
    partner_tenant: e.partnerTenant?.toLowerCase() ?? null,
    actor_upn: e.actor?.upn?.toLowerCase() || null,
    actor_oid: e.actor?.oid || null,
    actor_tenant: e.actor?.tid?.toLowerCase() || null,
    action: e.action,
    outcome: e.outcome,
    reason_code: e.reasonCode ?? null,
    correlation_id: e.correlationId ?? request.correlationId,
    client_address: e.clientAddress ?? request.clientAddress,
    user_agent: (e.userAgent ?? request.userAgent)?.slice(0, 512) ?? null,
    details: e.details ?? {},
  };
}

/** A stored row as the page shows it: its id is the public one (the sequence is never shown). */
export function fromAuditRow(row: AuditEventRow): AuditEvent {
  return {
    id: row.public_id.toLowerCase(),
    occurredAt: new Date(row.occurred_at),
    partnerTenant: row.partner_tenant,
    actorUpn: row.actor_upn,
    actorOid: row.actor_oid,
    actorTenant: row.actor_tenant,
    action: row.action,
    outcome: row.outcome,
    reasonCode: row.reason_code,
    correlationId: row.correlation_id,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    details: (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<
      string,
      unknown
    >,
  };
}
