import 'server-only';
import { getConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db';
import { clientAddress } from '@/lib/security/client-address';
import type { AuditEventInput } from './events';
import { requestCorrelationId, toAuditRow, type RequestFacts } from './rows';
import { createAuditWriter, type AuditWriter } from './writer';

const holder = globalThis as typeof globalThis & { __partnerPortalAuditWriter?: AuditWriter };

/** The process's audit writer, writing to getDatabase() (one per process, on globalThis). */
export function defaultAuditWriter(): AuditWriter {
  holder.__partnerPortalAuditWriter ??= createAuditWriter({
    insert: async (rows) => {
      const { db } = await getDatabase();
      await db.insertInto('audit_events').values(rows).execute();
    },
  });
  return holder.__partnerPortalAuditWriter;
}

/**
 * Records one audit event, fire-and-forget: never throws, never waits for the database
 * (see writer.ts). Inside a request the client address (honouring TRUSTED_PROXY_COUNT)
 * and user agent are taken from its headers; in the background they stay empty.
 * Usage: `recordAudit({ action: 'consent.started', outcome: 'success', actor: user, partnerTenant: user.tid })`.
 */
export function recordAudit(input: AuditEventInput): void {
  record(input, requestFacts());
}

/**
 * Records an event of the portal's own work, with no request's address, agent or id: an
 * alert evaluation that an Admin's request started still runs for every tenant, and another
 * partner's trail must not learn who pressed the button.
 */
export function recordSystemAudit(input: AuditEventInput): void {
  record(input, Promise.resolve(none));
}

/**
 * For an event written later than the request's own work (a download's end): reads the
 * request's address and agent now and returns the recorder to call then.
 */
export function recordAuditLater(): (input: AuditEventInput) => void {
  const facts = requestFacts();
  facts.catch(() => undefined);
  return (input) => record(input, facts);
}

function record(input: AuditEventInput, request: Promise<RequestFacts>): void {
  const now = new Date();
  void request
    .then((facts) => {
      const row = toAuditRow(input, facts, now);
      if (row) defaultAuditWriter().enqueue(row);
      else console.warn(`[audit] a malformed ${String(input.action)} event was not recorded`);
    })
    .catch(() => console.warn('[audit] an event could not be recorded'));
}

const none: RequestFacts = { clientAddress: null, userAgent: null, correlationId: null };

async function requestFacts(): Promise<RequestFacts> {
  let incoming: Headers;
  try {
    const { headers } = await import('next/headers');
    incoming = await headers();
  } catch {
    return none; // outside a request: the keep-alive timer, a script
  }
  const address = clientAddress(incoming, getConfig().security.trustedProxyCount);
  return {
    clientAddress: address === 'unknown' ? null : address,
    userAgent: incoming.get('user-agent'),
    correlationId: requestCorrelationId(incoming.get('x-request-id')),
  };
}
