import 'server-only';
import { downloadKinds } from '@/lib/downloads/kinds';
import { downloadSlots } from '@/lib/downloads/slots';

const slots = downloadSlots('users-export', downloadKinds['users-export'].perPerson);

/**
 * Takes one of the user's users-export slots (why they are bounded: lib/downloads/kinds.ts), or
 * throws `DownloadsBusyError`; returns its release (idempotent).
 */
export const takeExportSlot = (user: { tid: string; oid: string }) => slots.take(user);
