import 'server-only';
import { downloadSlots } from '@/lib/downloads/slots';

/** How many users exports one person may have running on one instance at once. */
export const exportsPerUser = 2;

/**
 * One more export was refused: its user already has `exportsPerUser` running. An export of a
 * large customer reads up to 2,000 Partner Center pages, and Partner Center throttles per
 * partner, so one person's pile of downloads would slow every colleague's pages.
 */
export class ExportsBusyError extends Error {
  constructor() {
    super(`At most ${exportsPerUser} users exports may run at once per person.`);
    this.name = 'ExportsBusyError';
  }
}

const slots = downloadSlots('users-export', exportsPerUser, () => new ExportsBusyError());

/** Takes one of the user's users-export slots; returns its release (idempotent). */
export const takeExportSlot = (user: { tid: string; oid: string }) => slots.take(user);
