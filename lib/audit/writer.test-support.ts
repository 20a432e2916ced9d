import type { NewAuditEventRow } from '@/lib/db/schema';

type Holder = { __partnerPortalAuditWriter?: unknown };

/**
 * Replaces the process's audit writer (lib/audit/record.ts) with one that keeps its rows in
 * `rows`, for tests that check which events an action records; `stopKeepingAuditRows` ends it.
 */
export function keepAuditRows(rows: NewAuditEventRow[]): void {
  (globalThis as Holder).__partnerPortalAuditWriter = {
    enqueue: (row: NewAuditEventRow) => rows.push(row),
    flush: async () => undefined,
    retryNow: async () => undefined,
    status: () => ({ buffered: 0, dropped: 0, failingSince: null, lastError: null }),
  };
}

export function stopKeepingAuditRows(): void {
  delete (globalThis as Holder).__partnerPortalAuditWriter;
}
