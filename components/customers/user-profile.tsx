import type { ReactNode } from 'react';
import { UserStateBadge } from '@/components/customers/badges';
import { DetailCard, type DetailItem } from '@/components/customers/detail-list';
import { Breakable } from '@/components/ui/breakable';
import { hasSyncTime, notSynced, notSyncedExplanation } from '@/lib/customers/directory-sync';
import { countryName } from '@/lib/format/place';
import { formatUtc } from '@/lib/format/time';
import type { CustomerUser } from '@/lib/partner-center/dto';
import { userTypeLabel } from '@/lib/partner-center/labels';

/**
 * A user's principal name as the heading shows it: what Partner Center sent, unless it is
 * already the title (a user without a display name is named by it, `toCustomerUser`).
 */
function headingUpn(user: CustomerUser): string {
  return user.userPrincipalName === user.displayName ? '' : user.userPrincipalName;
}

/**
 * What the user page's heading says under the name: the principal name (selectable, breaking
 * at its parts on a phone) and the state badge, each where Partner Center sent it; null when
 * there is neither.
 */
export function userHeadingFacts(user: CustomerUser): ReactNode {
  const upn = headingUpn(user);
  if (!upn && !user.state) return null;
  return (
    <span className="flex flex-wrap items-center gap-2">
      {upn && (
        <span className="min-w-0 wrap-anywhere">
          <Breakable text={upn} />
        </span>
      )}
      {user.state && <UserStateBadge state={user.state} />}
    </span>
  );
}

/**
 * The user's details below the heading. The card repeated the heading's three facts (display
 * name, principal name, state), so the page said each twice: it now holds what the heading
 * does not, and a heading fact only when Partner Center left it out, so its "Not provided"
 * still shows. The name is the heading's title whatever the card says.
 */
export function UserDetails({ user }: { user: CustomerUser }) {
  const items: DetailItem[] = [
    ...(user.userPrincipalName ? [] : [{ label: 'User principal name', value: null }]),
    { label: 'First name', value: user.firstName },
    { label: 'Last name', value: user.lastName },
    ...(user.state ? [] : [{ label: 'State', value: null }]),
    {
      label: 'User type',
      value: user.userDomainType && userTypeLabel(user.userDomainType),
    },
    {
      label: 'Last directory sync',
      value: hasSyncTime(user.lastDirectorySyncTime) ? (
        formatUtc(user.lastDirectorySyncTime)
      ) : (
        <>
          {notSynced}
          <span className="mt-0.5 block text-xs text-slate-500">{notSyncedExplanation}</span>
        </>
      ),
    },
    {
      label: 'Usage location',
      value: user.usageLocation && countryName(user.usageLocation, { withCode: true }),
    },
    { label: 'Phone', value: user.phoneNumber },
    // Deleted users' rows open no page (user-rows.tsx): "Not deleted" would be every user's.
    ...(user.softDeletionTime
      ? [{ label: 'Deleted on', value: formatUtc(user.softDeletionTime) }]
      : []),
    { label: 'User ID', value: user.id, mono: true },
  ];
  return <DetailCard title="Details" items={items} />;
}
