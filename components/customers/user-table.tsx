import type { CustomerUser } from '@/lib/partner-center/dto';
import { hasSyncTime, notSynced, notSyncedExplanation } from '@/lib/customers/directory-sync';
import { countryName } from '@/lib/format/place';
import { formatUtc } from '@/lib/format/time';
import { userTypeLabel } from '@/lib/partner-center/labels';
import { userCellClass } from './user-layout';
import { UserRows, type UserRow } from './user-rows';
import { DataTable } from '@/components/ui/table';

/**
 * Users of one customer; less important columns hide on narrow screens, and on a phone the
 * principal name and state fold under the display name (no half-cut names, no sideways scroll).
 * The deleted view has no State column: its tab and heading already say the users are deleted,
 * and "Inactive" on every row said it again (its phone rows had already dropped the badge).
 */
export function UserTable({
  customerId,
  users,
  deleted = false,
}: {
  customerId: string;
  users: CustomerUser[];
  deleted?: boolean;
}) {
  const rows = users.map((user) => userRow(user, deleted));
  return (
    <>
      <DataTable
        testId="user-table"
        caption="Users"
        head={
          <>
            <th scope="col" className="px-4 py-3">
              Display name
            </th>
            <th scope="col" className={`hidden ${userCellClass} sm:table-cell`}>
              User principal name
            </th>
            {!deleted && (
              <th scope="col" className={`hidden ${userCellClass} sm:table-cell`}>
                State
              </th>
            )}
            <th scope="col" className={`hidden ${userCellClass} lg:table-cell`}>
              User type
            </th>
            <th scope="col" className={`hidden ${userCellClass} lg:table-cell`}>
              {deleted ? 'Deleted' : 'Last directory sync'}
            </th>
            <th scope="col" className={`hidden ${userCellClass} sm:table-cell`}>
              Usage location
            </th>
          </>
        }
      >
        <UserRows customerId={customerId} rows={rows} stateColumn={!deleted} />
      </DataTable>
      {/* "Not synced" explained in its cell's title only could not be read on a touch screen:
          said once under the table, where the column shows (lg). */}
      {rows.some((row) => row.time === null) && (
        <p className="hidden text-xs text-slate-500 lg:block" data-testid="not-synced-note">
          <span className="font-medium text-slate-600">{notSynced}:</span> {notSyncedExplanation}
        </p>
      )}
    </>
  );
}

/** The row's data: only what the table shows goes to the browser's React payload. */
function userRow(user: CustomerUser, deleted: boolean): UserRow {
  // Absent or unreadable: null, never the column's dash.
  const deletedAt = deleted ? formatUtc(user.softDeletionTime, '') || null : null;
  return {
    id: user.id,
    displayName: user.displayName,
    // A user Partner Center sent without a UPN: a dash, as for the other absent columns.
    userPrincipalName: user.userPrincipalName || '—',
    state: user.state,
    // The deleted view's rows link nowhere (user-rows.tsx), whether Partner Center sent their
    // state or not.
    opensPage: !deleted && user.state !== 'inactive',
    type: user.userDomainType ? userTypeLabel(user.userDomainType) : '—',
    // No sync time at all: null, which the row says as "Not synced", not "Never".
    time: deleted
      ? (deletedAt ?? '—')
      : hasSyncTime(user.lastDirectorySyncTime)
        ? formatUtc(user.lastDirectorySyncTime)
        : null,
    deletedAt,
    // By name, as the user's page says it; the CSV keeps Partner Center's code.
    usageLocation: user.usageLocation ? countryName(user.usageLocation) : '—',
  };
}
