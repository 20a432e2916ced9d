'use client';

import { UserStateBadge } from './badges';
import { Breakable } from '@/components/ui/breakable';
import { LinkedRowHeader, RowHeader } from '@/components/ui/table';
import { notSynced, notSyncedExplanation } from '@/lib/customers/directory-sync';
import { userCellClass, userNameOneLineClass } from './user-layout';

/** What a user row shows; times are formatted on the server (`UserTable`). */
export interface UserRow {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** `null` when Partner Center sent none. */
  state: string | null;
  /** Whether the row links to the user's page (not a deleted user's). */
  opensPage: boolean;
  /** `userTypeLabel` of the user's domain type, or a dash. */
  type: string;
  /**
   * Last directory sync, or deletion time in the deleted view, as the screens write times;
   * null for a user Partner Center sent no sync time for (one no on-premises directory syncs).
   */
  time: string | null;
  /** In the deleted view, when the user was deleted, if Partner Center said. */
  deletedAt: string | null;
  usageLocation: string;
}

/**
 * The user table's body rows, rendered from the rows as data, like `CustomerRows` and for the
 * same reason (the React payload). Times arrive as text: formatted here, they would depend
 * on the browser's own locale data and could differ from the server's HTML. On a phone the
 * principal name and state fold under the display name. A deleted user's row (the deleted view's,
 * or an inactive one's) links nowhere (`opensPage`): Microsoft reaches deleted users only through
 * the list's filter ("View deleted users for a customer"), and "Get a user account by ID" does not
 * say it returns them; the row already shows everything the list knows.
 */
export function UserRows({
  customerId,
  rows,
  stateColumn = true,
}: {
  customerId: string;
  rows: UserRow[];
  /** Whether the table has a State column (not the deleted view's: `UserTable`). */
  stateColumn?: boolean;
}) {
  return rows.map((user) => {
    const folded = (
      <>
        <div className="mt-0.5 text-xs font-normal wrap-anywhere text-slate-700 sm:hidden">
          <Breakable text={user.userPrincipalName} />
        </div>
        {/* In the deleted users' list the badge says what the tab does; when is the news. */}
        <div className="mt-1 font-normal sm:hidden">
          {user.deletedAt ? (
            <span className="text-xs text-slate-600">Deleted {user.deletedAt}</span>
          ) : (
            user.state && <UserStateBadge state={user.state} />
          )}
        </div>
      </>
    );
    // One line on a laptop, as the UPN beside it (user-layout.ts).
    const name = (
      <span className={userNameOneLineClass} title={user.displayName}>
        {user.displayName}
      </span>
    );
    return (
      <tr key={user.id} className="hover:bg-slate-50">
        {!user.opensPage ? (
          <RowHeader name={name} className="text-slate-900">
            {folded}
          </RowHeader>
        ) : (
          <LinkedRowHeader href={`/customers/${customerId}/users/${user.id}`} name={name}>
            {folded}
          </LinkedRowHeader>
        )}
        {/* One line where the table has room (a wrapped UPN there read as two); narrower, at its
            dots. `nowrap` alone keeps breaking at a <wbr>, so from `lg` they take no room at all. */}
        <td
          className={`hidden ${userCellClass} wrap-anywhere text-slate-700 sm:table-cell lg:whitespace-nowrap lg:[&_wbr]:hidden`}
        >
          <Breakable text={user.userPrincipalName} />
        </td>
        {stateColumn && (
          <td className={`hidden ${userCellClass} sm:table-cell`}>
            {user.state ? (
              <UserStateBadge state={user.state} />
            ) : (
              <span className="text-slate-500">—</span>
            )}
          </td>
        )}
        <td className={`hidden ${userCellClass} whitespace-nowrap text-slate-700 lg:table-cell`}>
          {user.type}
        </td>
        <td className={`hidden ${userCellClass} whitespace-nowrap text-slate-700 lg:table-cell`}>
          {user.time ?? (
            <span title={notSyncedExplanation} className="text-slate-500">
              {notSynced}
            </span>
          )}
        </td>
        <td className={`hidden ${userCellClass} text-slate-700 sm:table-cell`}>
          {user.usageLocation}
        </td>
      </tr>
    );
  });
}
