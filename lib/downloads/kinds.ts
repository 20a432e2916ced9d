import { countInWords } from '@/lib/format/count';

/**
 * The downloads one person may run at once on one instance, by kind. Kinds count apart: they
 * load different services, so one does not hold back the other.
 * - A users export of a large customer reads up to 2,000 Partner Center pages, and Partner
 *   Center throttles per partner: one person's pile of downloads would slow every colleague's
 *   pages.
 * - An audit export reads the filtered trail in pages of 1,000 rows for as long as its download
 *   lasts (a platform operator's unfiltered one: every tenant's events of the retention period).
 *   Each page takes one of the 10 pooled PostgreSQL connections, and the embedded database runs
 *   every statement in turn on its one connection: one person's pile would slow the sign-ins,
 *   sessions and audit writes of everyone else.
 */
export const downloadKinds = {
  'users-export': { label: 'users exports', perPerson: 2 },
  'audit-export': { label: 'audit exports', perPerson: 2 },
} as const satisfies Record<string, { label: string; perPerson: number }>;
export type DownloadKind = keyof typeof downloadKinds;

/** What a person is told when one more download of `kind` is refused (its `exports_busy`). */
export function downloadsBusyWords(kind: DownloadKind): string {
  const { label, perPerson } = downloadKinds[kind];
  return `You already have ${countInWords(perPerson)} ${label} downloading. Wait for one of them to finish, then export again.`;
}
