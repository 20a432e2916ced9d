import 'server-only';
import { downloadSlots } from '@/lib/downloads/slots';

/** How many audit exports one person may have running on one instance at once. */
export const auditExportsPerUser = 2;

/**
 * One more audit export was refused: its user already has `auditExportsPerUser` running. An
 * export reads the filtered trail in pages of 1,000 rows for as long as its download lasts (a
 * platform operator's unfiltered one: every tenant's events of the retention period). Each page
 * takes one of the 10 pooled PostgreSQL connections, and the embedded database runs every
 * statement in turn on its one connection, so one person's pile of downloads would slow the
 * sign-ins, sessions and audit writes of everyone else.
 */
export class AuditExportsBusyError extends Error {
  constructor() {
    super(`At most ${auditExportsPerUser} audit exports may run at once per person.`);
    this.name = 'AuditExportsBusyError';
  }
}

// The same bound as the users export (lib/customers/export-slots.ts), counted apart.
const slots = downloadSlots('audit-export', auditExportsPerUser, () => new AuditExportsBusyError());

/** Takes one of the user's audit export slots; returns its release (idempotent). */
export const takeAuditExportSlot = (user: { tid: string; oid: string }) => slots.take(user);
