import 'server-only';
import type { PortalUser } from '@/lib/auth/user';
import { latestUsersExport } from '@/lib/audit/users-exports';
import { getDatabase } from '@/lib/db';
import { DownloadIdleError } from '@/lib/downloads/idle';
import { customerFailureFromCode, failureView, toFailure, type FailureView } from '@/lib/failure';
import { isPartnerCenterError } from '@/lib/partner-center/errors';

/**
 * A users export that failed after its download started (a later page throttled, refused or
 * not answering, see lib/downloads/idle.ts): the browser marks the download failed and says no
 * more, and a sales agent cannot read the audit trail. The trail's event of the export keeps
 * why it stopped (`exportStopReason`), and the users page reads it back (`stoppedExport`), so
 * the person who exported learns why on their next look at the list, until an export of that
 * customer completes or `stoppedExportWindowMs` passes. The page asks the trail only in a
 * browser that started an export of that customer in that time (`exportStartedCookie`): the
 * read takes about 1 ms on the embedded database however long the tenant's trail (the
 * person's exports have their own index, migration 0014), plus a trip to the database, which
 * every users page would otherwise pay for the rare stopped export.
 */

/** How long after it stopped the users page still says so. */
export const stoppedExportWindowMs = 30 * 60_000;

const startedCookieName = 'users-export-started';

/**
 * The Set-Cookie header of a started export of `customerId`: sent back only to that customer's
 * users pages (its path), for the window. It holds no more than that an export started here.
 */
export function exportStartedCookie(customerId: string): string {
  const path = `/customers/${encodeURIComponent(customerId)}/users`;
  return `${startedCookieName}=1; Path=${path}; Max-Age=${stoppedExportWindowMs / 1_000}; HttpOnly; Secure; SameSite=Lax`;
}

/** Whether this browser started an export of the users page's customer in the window. */
export function startedAnExport(cookies: { has(name: string): boolean }): boolean {
  return cookies.has(startedCookieName);
}

/**
 * The reason code an export's audit event keeps for `error`: the customer pages' failure code,
 * or `download_idle` for a search that matched nobody for as long as a download may stay silent.
 */
export function exportStopReason(error: unknown, correlationId: string): string {
  if (isPartnerCenterError(error) && error.pagingStop === 'too_many_pages') return 'too_many_pages';
  if (error instanceof DownloadIdleError) return 'download_idle';
  const { code } = toFailure(error, { for: 'customers', correlationId, reading: 'customer-users' });
  return code === 'unexpected' ? 'export_failed' : code;
}

export interface StoppedExport {
  failure: FailureView;
  /** Users written to the file before it stopped. */
  rows: number;
  at: Date;
}

/**
 * `user`'s newest export of `customerId` within the window, when it stopped on a failure;
 * null when it completed, was cancelled in the browser, or there is none.
 */
export async function stoppedExport(
  user: PortalUser,
  customerId: string,
  now = Date.now(),
): Promise<StoppedExport | null> {
  let last;
  try {
    last = await latestUsersExport((await getDatabase()).db, {
      partnerTenant: user.tid,
      actorOid: user.oid,
      customerId,
      since: new Date(now - stoppedExportWindowMs),
    });
  } catch {
    // The list does not need the trail's database: without it the page only misses this note
    // (the health page and /api/health report the database).
    return null;
  }
  if (!last || last.complete || last.reasonCode === 'download_cancelled') return null;
  const failure = customerFailureFromCode(last.reasonCode ?? 'export_failed', {
    correlationId: last.correlationId ?? '',
  });
  return { failure: failureView(failure), rows: last.rows, at: last.occurredAt };
}
