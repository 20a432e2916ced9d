import { notSyncedLabel } from '@/lib/partner-center/labels';

/**
 * A user's "Last directory sync" on the screens (`notSyncedLabel`: Partner Center sent no
 * time). Imported by the table's client rows too: words only, no formatter.
 */
export const notSynced = notSyncedLabel;

/**
 * Why a user reads `notSynced`: on the user's page, and under the users table (once, for every
 * such row) with each cell's `title` as well.
 */
export const notSyncedExplanation =
  'Partner Center gives no sync time: this user is not synced from an on-premises directory (a cloud-only user, created in Microsoft 365 or Entra ID). That is normal.';

/** Whether Partner Center sent a sync time at all; without one the user reads `notSynced`. */
export function hasSyncTime(iso: string | null): iso is string {
  return !!iso?.trim();
}
