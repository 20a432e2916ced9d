import 'server-only';
import type { CustomerUser } from '@/lib/partner-center';
import { ago } from '@/lib/format/ago';
import { cacheNow, syncCacheClock } from './cache-clock';
import type { UserListQuery } from './list-query';
import type { CustomerRequest } from './request';
import { searchUsers, userDirectory, type UserSearchPage } from './user-directory';
import { WalkBudgetError, waitForWalk } from './walk-cache';

/** How long a page render waits for a walk before it shows progress instead. */
const renderWaitMs = 2_500;

export type UserListView =
  | {
      kind: 'loading';
      usersRead: number;
      pagesRead: number;
      /** Partner Center asked the walk to wait: about this many seconds are left, else null. */
      waitSeconds: number | null;
    }
  /** The portal is reading too many big user lists at once (memory bound): try again shortly. */
  | { kind: 'busy' }
  | {
      kind: 'ready';
      result: UserSearchPage;
      loadedUsers: number;
      truncated: boolean;
      loadedAt: string;
      loadedAgo: string;
    };

/**
 * The user list for `/customers/{id}/users`: the customer's walked directory (active or
 * deleted users), searched and paged by the portal. A big customer's first walk may take
 * longer than a render should wait: then the page shows the walk's progress.
 * @throws what the walk failed with (the page maps it like any Partner Center failure),
 * except the memory bound (`busy`).
 */
export async function loadUserList(
  request: CustomerRequest,
  customerId: string,
  query: UserListQuery,
  waitMs = renderWaitMs,
): Promise<UserListView> {
  await syncCacheClock();
  // A walk this view starts is one of the person's calls; joining a running or kept one, none.
  const walk = userDirectory(
    request.tenantId,
    request.client,
    customerId,
    query.view,
    request.takePartnerCenterCall,
  );
  let finished: boolean;
  try {
    finished = await waitForWalk(walk, waitMs);
  } catch (error) {
    if (error instanceof WalkBudgetError) return { kind: 'busy' };
    throw error;
  }
  if (!finished) {
    const waitMs = walk.pausedUntil === null ? 0 : walk.pausedUntil - Date.now();
    return {
      kind: 'loading',
      usersRead: walk.count,
      pagesRead: walk.pages,
      waitSeconds: waitMs > 0 ? Math.ceil(waitMs / 1000) : null,
    };
  }
  const users: CustomerUser[] = walk.items;
  const finishedAt = walk.finishedAt ?? cacheNow();
  return {
    kind: 'ready',
    result: searchUsers(users, { field: query.field, q: query.q }, query.page, query.size),
    loadedUsers: users.length,
    truncated: walk.truncated,
    loadedAt: new Date(finishedAt).toISOString(),
    loadedAgo: ago(finishedAt, cacheNow()),
  };
}
