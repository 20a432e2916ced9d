import 'server-only';
import { downloadKinds } from '@/lib/downloads/kinds';
import { downloadSlots } from '@/lib/downloads/slots';

const slots = downloadSlots('audit-export', downloadKinds['audit-export'].perPerson);

/**
 * Takes one of the user's audit export slots (why they are bounded: lib/downloads/kinds.ts), or
 * throws `DownloadsBusyError`; returns its release (idempotent).
 */
export const takeAuditExportSlot = (user: { tid: string; oid: string }) => slots.take(user);
