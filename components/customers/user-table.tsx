import type { CustomerUser } from '@/lib/partner-center/dto';
import { formatUtc, UserStateBadge, userTypeLabel } from './badges';
import { DataTable } from '@/components/ui/table';
import { WaitingLink } from '@/components/ui/waiting-link';

/**
 * Users of one customer; less important columns hide on narrow screens, and on a phone the
 * principal name and state fold under the display name (no half-cut names, no sideways scroll).
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
  return (
    <DataTable
      testId="user-table"
      caption="Users"
      head={
        <>
          <th scope="col" className="px-4 py-3">
            Display name
          </th>
          <th scope="col" className="hidden px-4 py-3 sm:table-cell">
            User principal name
          </th>
          <th scope="col" className="hidden px-4 py-3 sm:table-cell">
            State
          </th>
          <th scope="col" className="hidden px-4 py-3 lg:table-cell">
            User type
          </th>
          <th scope="col" className="hidden px-4 py-3 lg:table-cell">
            {deleted ? 'Deleted' : 'Last directory sync'}
          </th>
          <th scope="col" className="hidden px-4 py-3 sm:table-cell">
            Usage location
          </th>
        </>
      }
    >
      {users.map((user) => (
        <tr key={user.id} className="hover:bg-slate-50">
          <th scope="row" className="px-4 py-3 font-medium">
            <WaitingLink
              href={`/customers/${customerId}/users/${user.id}`}
              className="text-brand-700 underline decoration-brand-700/30 underline-offset-2 hover:decoration-current"
            >
              {user.displayName}
            </WaitingLink>
            <div className="mt-0.5 text-xs font-normal break-all text-slate-700 sm:hidden">
              {user.userPrincipalName}
            </div>
            <div className="mt-1 font-normal sm:hidden">
              <UserStateBadge state={user.state} />
            </div>
          </th>
          <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">
            {user.userPrincipalName}
          </td>
          <td className="hidden px-4 py-3 sm:table-cell">
            <UserStateBadge state={user.state} />
          </td>
          <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 lg:table-cell">
            {userTypeLabel(user.userDomainType)}
          </td>
          <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 lg:table-cell">
            {deleted
              ? formatUtc(user.softDeletionTime, '—')
              : formatUtc(user.lastDirectorySyncTime, 'Never')}
          </td>
          <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">
            {user.usageLocation ?? '—'}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
