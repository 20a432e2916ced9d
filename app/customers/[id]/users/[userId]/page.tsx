import type { Metadata } from 'next';
import { UserStateBadge } from '@/components/customers/badges';
import { Breakable } from '@/components/ui/breakable';
import { countryName } from '@/lib/format/place';
import { formatUtc } from '@/lib/format/time';
import { customerName, userTypeLabel } from '@/lib/partner-center/labels';
import { DetailCard } from '@/components/customers/detail-list';
import { PageHeading } from '@/components/customers/page-heading';
import { Problem } from '@/components/customers/problem';
import { DataAsOf, RetriedNotice } from '@/components/customers/status-notices';
import { WaitingLink } from '@/components/ui/waiting-link';
import { refreshPartnerCenterData } from '@/lib/customers/actions';
import { hasSyncTime, notSynced, notSyncedExplanation } from '@/lib/customers/directory-sync';
import {
  customerForRender,
  customerUserForRender,
  requestForRender,
} from '@/lib/customers/render-loads';
import { settle } from '@/lib/customers/settle';

export const metadata: Metadata = { title: 'User' };

/** One user of a customer. */
export default async function CustomerUserPage({
  params,
}: {
  params: Promise<{ id: string; userId: string }>;
}) {
  const { id, userId } = await params;
  const request = await requestForRender();
  const settled = await settle(
    request.correlationId,
    async () => {
      const [customer, user] = await Promise.all([
        customerForRender(id),
        customerUserForRender(id, userId),
      ]);
      return { customer, user, fetchedAt: request.dataAsOf() };
    },
    'customer-users',
    request.reader,
  );
  const usersHref = `/customers/${id}/users`;
  if (settled.kind !== 'ok') {
    return (
      <div className="space-y-6">
        <PageHeading
          crumbs={[
            { label: 'Customers', href: '/customers' },
            { label: 'Users', href: usersHref },
            { label: 'User' },
          ]}
          title="User"
        />
        <Problem
          settled={settled}
          isAdmin={request.user.roles.includes('admin')}
          retryHref={`${usersHref}/${userId}`}
        />
      </div>
    );
  }
  const { customer, user, fetchedAt } = settled.value;
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={[
          { label: 'Customers', href: '/customers' },
          { label: customerName(customer), href: `/customers/${id}` },
          { label: 'Users', href: usersHref },
          { label: user.displayName },
        ]}
        title={user.displayName}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <span className="min-w-0 wrap-anywhere">
              <Breakable text={user.userPrincipalName} />
            </span>
            {user.state && <UserStateBadge state={user.state} />}
          </span>
        }
      />
      <RetriedNotice retries={request.retries()} />
      <DetailCard
        title="User"
        items={[
          { label: 'Display name', value: user.displayName },
          {
            label: 'User principal name',
            value: user.userPrincipalName && <Breakable text={user.userPrincipalName} />,
          },
          { label: 'First name', value: user.firstName },
          { label: 'Last name', value: user.lastName },
          { label: 'State', value: user.state && <UserStateBadge state={user.state} /> },
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
        ]}
      />
      <p className="text-sm">
        <WaitingLink href={usersHref} className="font-medium text-brand-700 hover:underline">
          ← All users of {customerName(customer)}
        </WaitingLink>
      </p>
      <DataAsOf
        fetchedAt={fetchedAt}
        refresh={{ action: refreshPartnerCenterData, returnTo: `${usersHref}/${userId}` }}
      />
    </div>
  );
}
